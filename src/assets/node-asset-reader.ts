import {access, readFile} from 'node:fs/promises';
import path from 'node:path';
import {nodeReader} from '@remotion/media-parser/node';
import {decodedEndInSeconds} from '../media/decoded-end.ts';
import type {AssetReader} from './gather-facts.ts';
import {probeWithMediaParser} from './probe-with-media-parser.ts';

const existing = async (file: string): Promise<string> => {
	try {
		await access(file);
	} catch {
		throw new Error(`no file at ${file}`);
	}
	return file;
};

// The schema refuses paths that leave public/; this guards every other way a path reaches the reader (a take registry).
const insidePublic = (publicDir: string, src: string): string => {
	const file = path.resolve(publicDir, src);
	const relative = path.relative(publicDir, file);
	if (path.isAbsolute(src) || relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
		throw new Error(`"${src}" is not inside public/; give a path relative to public/`);
	}
	return file;
};

// A clip more than this short of its stated length is cut short, not merely rounded (a frame at 30 fps, twice).
const TRUNCATION_TOLERANCE_IN_SECONDS = 0.07;

/** Reads assets from a public/ folder on disk; media is probed to its last packet, so a file cut short is refused. */
export const createNodeAssetReader = (publicDir: string, {probeCacheFile}: {probeCacheFile?: string} = {}): AssetReader => ({
	probeMedia: async (src) => {
		const file = await existing(insidePublic(publicDir, src));
		let facts;
		try {
			facts = await probeWithMediaParser({src: file, reader: nodeReader});
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			throw new Error(/beyond the end of the file|end of file|unexpected end/i.test(reason) ? `the file is cut short (${reason}); copy or download it again` : reason);
		}
		if (facts.durationInSeconds !== null && facts.durationInSeconds > 0) {
			const endInSeconds = await decodedEndInSeconds({file, ...(probeCacheFile === undefined ? {} : {cacheFile: probeCacheFile})});
			if (endInSeconds < facts.durationInSeconds - TRUNCATION_TOLERANCE_IN_SECONDS) {
				throw new Error(`the file is cut short: it says it lasts ${facts.durationInSeconds.toFixed(2)} s but decodes only to ${endInSeconds.toFixed(2)} s; copy or download it again`);
			}
		}
		return facts;
	},
	readText: async (src) => readFile(await existing(insidePublic(publicDir, src)), 'utf8'),
});
