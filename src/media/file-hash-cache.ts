import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {sha256OfFile} from './sha256-of-file.ts';
import {writeFileAtomically} from './write-file-atomically.ts';

type Entry = {readonly size: number; readonly mtimeMs: number; readonly ino: number; readonly sha256: string};

/**
 * SHA-256 of files, remembered in `<dir>/file-hashes.json` by path, size, modification time and inode (as make and
 * git trust a file unchanged): a render hashes its song and clips for its cache keys, and a 4-minute edit's 55
 * takes are hundreds of megabytes to read again on every re-render. A file whose size, time or inode changed, or
 * one not seen before, is read again. `save` writes what was learned; a missing or damaged file starts empty.
 */
export const openFileHashCache = async (dir: string) => {
	const file = path.join(dir, 'file-hashes.json');
	let known: Record<string, Entry> = {};
	try {
		const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
		if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
			known = parsed as Record<string, Entry>;
		}
	} catch {
		// No cache yet, or one cut short: every file is hashed.
	}
	const pending = new Map<string, Promise<string>>();
	let changed = false;
	const hashOf = (target: string): Promise<string> => {
		const key = path.resolve(target);
		let hash = pending.get(key);
		if (hash === undefined) {
			hash = (async () => {
				const facts = await stat(key);
				const entry = known[key];
				if (entry && entry.size === facts.size && entry.mtimeMs === facts.mtimeMs && entry.ino === facts.ino && typeof entry.sha256 === 'string') {
					return entry.sha256;
				}
				const sha256 = await sha256OfFile(key);
				known[key] = {size: facts.size, mtimeMs: facts.mtimeMs, ino: facts.ino, sha256};
				changed = true;
				return sha256;
			})();
			pending.set(key, hash);
		}
		return hash;
	};
	const save = async (): Promise<void> => {
		await Promise.allSettled(pending.values());
		if (changed) {
			changed = false;
			await writeFileAtomically(file, `${JSON.stringify(known)}\n`);
		}
	};
	return {hashOf, save};
};
