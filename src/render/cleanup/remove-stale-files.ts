import {readdir, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {pidAlive} from './pid-alive.ts';
import {ownerOfPartialFile, ownerOfRunFolder} from './run-folder-name.ts';

const entries = async (folder: string): Promise<{name: string; isDirectory: boolean}[]> => {
	try {
		return (await readdir(folder, {withFileTypes: true})).map((entry) => ({name: entry.name, isDirectory: entry.isDirectory()}));
	} catch {
		return [];
	}
};

/** What was removed, for a note on stderr. */
export type StaleFiles = {readonly runFolders: readonly string[]; readonly partialFiles: readonly string[]};

/**
 * Removes what earlier renders that died left behind, and only theirs: run folders (Remotion's bundle, assets
 * and Chrome profile inside) whose owner pid is gone, and partial files (`*.tmp-<pid>-*`) in `folders`
 * (the chunk cache, the output folders) whose writer is gone. A folder of a live render is never touched.
 */
export const removeStaleFiles = async ({folders, tmpDir = os.tmpdir()}: {folders: readonly string[]; tmpDir?: string}): Promise<StaleFiles> => {
	const runFolders: string[] = [];
	for (const entry of await entries(tmpDir)) {
		const owner = ownerOfRunFolder(entry.name);
		if (entry.isDirectory && owner !== null && owner !== process.pid && !pidAlive(owner)) {
			const folder = path.join(tmpDir, entry.name);
			await rm(folder, {recursive: true, force: true});
			runFolders.push(folder);
		}
	}
	const partialFiles: string[] = [];
	for (const folder of new Set(folders)) {
		for (const entry of await entries(folder)) {
			const owner = ownerOfPartialFile(entry.name);
			if (!entry.isDirectory && owner !== null && owner !== process.pid && !pidAlive(owner)) {
				const file = path.join(folder, entry.name);
				await rm(file, {force: true});
				partialFiles.push(file);
			}
		}
	}
	return {runFolders, partialFiles};
};
