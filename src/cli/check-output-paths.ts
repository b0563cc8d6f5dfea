import {randomUUID} from 'node:crypto';
import {rm, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {type Problem, SongreelInputError} from '../problems/problem.ts';
import {cliMessages as m} from './cli-messages.ts';

// Paths inside the working folder are shown relative to it, others as given.
const shown = (cwd: string, file: string): string => {
	const relative = path.relative(cwd, file);
	return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
};

const statOrNull = async (file: string) => {
	try {
		return await stat(file);
	} catch {
		return null;
	}
};

// The nearest part of a path that exists: a folder the rest will be created in, or a file that blocks it.
const nearestExisting = async (file: string): Promise<{readonly at: string; readonly isFile: boolean}> => {
	for (let current = file; ; current = path.dirname(current)) {
		const info = await statOrNull(current);
		if (info !== null) {
			return {at: current, isFile: !info.isDirectory()};
		}
		if (path.dirname(current) === current) {
			return {at: current, isFile: false};
		}
	}
};

// Writing a file is the only sure test of a folder (permissions, read-only mounts, ACLs): try one and remove it.
const probeWritable = async (folder: string): Promise<string | null> => {
	const probe = path.join(folder, `.songreel-write-probe-${process.pid}-${randomUUID()}`);
	try {
		await writeFile(probe, '');
		await rm(probe, {force: true});
		return null;
	} catch (error) {
		return error instanceof Error && 'code' in error ? String(error.code) : String(error);
	}
};

/** What an output option names: a file to write (`--out`, `--report`) or a folder to create and fill (`--cache`). */
export type OutputPath = {readonly option: string; readonly value: string; readonly kind: 'file' | 'folder'};

/** Checks, before any work, that each output can be written: not under a file, not a folder where a file goes, in a writable folder. */
export const checkOutputPaths = async (outputs: readonly OutputPath[], cwd: string): Promise<void> => {
	const problems: Problem[] = [];
	for (const {option, value, kind} of outputs) {
		const absolute = path.resolve(cwd, value);
		const info = await statOrNull(absolute);
		if (info !== null && kind === 'file' && info.isDirectory()) {
			problems.push({file: 'command line', path: option, message: m.pathIsFolder(value)});
			continue;
		}
		const start = info !== null && kind === 'folder' && info.isDirectory() ? absolute : path.dirname(absolute);
		const existing = await nearestExisting(start);
		if (existing.isFile) {
			problems.push({file: 'command line', path: option, message: m.pathUnderFile(value, shown(cwd, existing.at))});
			continue;
		}
		const reason = await probeWritable(existing.at);
		if (reason !== null) {
			problems.push({file: 'command line', path: option, message: m.folderNotWritable(value, shown(cwd, existing.at), reason), fix: m.folderNotWritableFix()});
		}
	}
	if (problems.length > 0) {
		throw new SongreelInputError(problems);
	}
};
