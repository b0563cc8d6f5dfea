import {access, readFile} from 'node:fs/promises';
import path from 'node:path';
import {nodeReader} from '@remotion/media-parser/node';
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

/** Reads assets from a public/ folder on disk. */
export const createNodeAssetReader = (publicDir: string): AssetReader => ({
	probeMedia: async (src) => probeWithMediaParser({src: await existing(path.join(publicDir, src)), reader: nodeReader}),
	readText: async (src) => readFile(await existing(path.join(publicDir, src)), 'utf8'),
});
