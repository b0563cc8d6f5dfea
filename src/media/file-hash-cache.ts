import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {sha256OfFile} from './sha256-of-file.ts';
import {writeFileAtomically} from './write-file-atomically.ts';

type Entry = {readonly size: number; readonly mtimeMs: number; readonly ino: number; sha256?: string; facts?: Record<string, unknown>};

/**
 * SHA-256 of files, and other facts read from them, remembered in `<dir>/file-hashes.json` by path, size,
 * modification time and inode (as make and git trust a file unchanged): a render hashes its song and clips for its
 * cache keys and probes its clips' frame timing, and a 4-minute edit's 55 takes are hundreds of megabytes to read
 * again on every re-render (the probes alone took 0.3 s of a re-render's 5.6–5.9 s). A file whose size, time or
 * inode changed, or one not seen before, is read again. `save` writes what was learned; a missing or damaged file
 * starts empty.
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
		// No cache yet, or one cut short: every file is read.
	}
	const pending = new Map<string, Promise<unknown>>();
	const entries = new Map<string, Promise<Entry>>();
	let changed = false;
	// The file's entry as it is now: the remembered one while the file is unchanged, else a fresh one.
	const entryOf = (key: string): Promise<Entry> => {
		let entry = entries.get(key);
		if (entry === undefined) {
			entry = stat(key).then((facts) => {
				const remembered = known[key];
				if (remembered && remembered.size === facts.size && remembered.mtimeMs === facts.mtimeMs && remembered.ino === facts.ino) {
					return remembered;
				}
				const fresh: Entry = {size: facts.size, mtimeMs: facts.mtimeMs, ino: facts.ino};
				known[key] = fresh;
				return fresh;
			});
			entries.set(key, entry);
		}
		return entry;
	};
	// A fact of a file, computed once while the file is unchanged.
	const once = <T>(target: string, name: string, read: (entry: Entry) => T | undefined, compute: (key: string) => Promise<T>, store: (entry: Entry, value: T) => void): Promise<T> => {
		const key = path.resolve(target);
		const id = `${name}\n${key}`;
		let value = pending.get(id) as Promise<T> | undefined;
		if (value === undefined) {
			value = (async () => {
				const entry = await entryOf(key);
				const remembered = read(entry);
				if (remembered !== undefined) {
					return remembered;
				}
				const computed = await compute(key);
				store(entry, computed);
				changed = true;
				return computed;
			})();
			pending.set(id, value);
		}
		return value;
	};
	/** The file's SHA-256. */
	const hashOf = (target: string): Promise<string> =>
		once(
			target,
			'sha256',
			(entry) => (typeof entry.sha256 === 'string' ? entry.sha256 : undefined),
			sha256OfFile,
			(entry, sha256) => {
				entry.sha256 = sha256;
			},
		);
	/** A JSON-safe fact `compute` reads from the file, remembered under `name` (put a version in it). */
	const factOf = <T>(target: string, name: string, compute: (file: string) => Promise<T>): Promise<T> =>
		once(
			target,
			`fact:${name}`,
			(entry) => (entry.facts && name in entry.facts ? (entry.facts[name] as T) : undefined),
			compute,
			(entry, value) => {
				entry.facts = {...entry.facts, [name]: value};
			},
		);
	const save = async (): Promise<void> => {
		await Promise.allSettled(pending.values());
		if (changed) {
			changed = false;
			await writeFileAtomically(file, `${JSON.stringify(known)}\n`);
		}
	};
	return {hashOf, factOf, save};
};
