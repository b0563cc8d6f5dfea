import {staticFile} from 'remotion';
import type {AssetReader} from '../assets/gather-facts.ts';
import {probeWithMediaParser} from '../assets/probe-with-media-parser.ts';

const fetchOk = async (src: string, method: 'GET' | 'HEAD'): Promise<Response> => {
	const response = await fetch(staticFile(src), {method});
	if (!response.ok) {
		throw new Error(response.status === 404 ? `no file at public/${src}` : `HTTP ${response.status} for public/${src}`);
	}
	return response;
};

/** Reads assets from the bundle's public/ folder over HTTP, for `calculateMetadata` in Studio and renders. */
export const browserAssetReader: AssetReader = {
	probeMedia: async (src) => {
		// A HEAD first turns a missing file into a plain "no file" message rather than a parser error.
		await fetchOk(src, 'HEAD');
		return probeWithMediaParser({src: new URL(staticFile(src), window.location.href).href});
	},
	readText: async (src) => (await fetchOk(src, 'GET')).text(),
};
