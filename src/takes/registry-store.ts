import {randomUUID} from 'node:crypto';
import {mkdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {writeFileAtomically} from '../media/write-file-atomically.ts';
import {parseRegistry} from './parse-registry.ts';
import type {Registry, Take} from './take-schema.ts';

const emptyRegistry = (): Registry => ({version: 1, projectKey: randomUUID(), picks: {}, takes: [], ledger: []});

/** Reads the registry file; a missing file is an empty registry, a corrupt one a user error naming the file. */
export const readRegistry = async (file: string): Promise<Registry> => {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return emptyRegistry();
		}
		throw error;
	}
	return parseRegistry(text, file);
};

// Stable, diff-friendly text: takes sorted by id, two-space indent, one field a line, trailing newline.
const serialize = (registry: Registry): string =>
	`${JSON.stringify({...registry, picks: Object.fromEntries(Object.entries(registry.picks).sort()), takes: [...registry.takes].sort((a, b) => a.id.localeCompare(b.id, 'en', {numeric: true}))}, null, 2)}\n`;

/**
 * The registry as the single source of truth during generation: every change is written at once, atomically
 * (temp file, then rename), and writes are queued so two changes never interleave. Readers see the old file
 * or the new one, never half of one.
 */
export type RegistryStore = {
	readonly file: string;
	readonly current: () => Registry;
	readonly update: (change: (registry: Registry) => Registry) => Promise<Registry>;
	readonly updateTake: (id: string, patch: Partial<Take>) => Promise<Take>;
};

/** Opens the registry at `file` for changes. */
export const openRegistry = async (file: string): Promise<RegistryStore> => {
	let registry = await readRegistry(file);
	let queue: Promise<unknown> = Promise.resolve();
	const write = async (next: Registry): Promise<void> => {
		await mkdir(path.dirname(file), {recursive: true});
		await writeFileAtomically(file, serialize(next));
	};
	const update: RegistryStore['update'] = (change) => {
		const run = queue.then(async () => {
			const next = change(registry);
			await write(next);
			registry = next;
			return next;
		});
		queue = run.catch(() => undefined);
		return run;
	};
	return {
		file,
		current: () => registry,
		update,
		updateTake: async (id, patch) => {
			const next = await update((r) => ({...r, takes: r.takes.map((take) => (take.id === id ? {...take, ...patch} : take))}));
			const take = next.takes.find((t) => t.id === id);
			if (!take) {
				throw new Error(`songreel bug: take ${id} is not in the registry`);
			}
			return take;
		},
	};
};
