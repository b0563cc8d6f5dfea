import {access} from 'node:fs/promises';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {SongreelInputError} from '../problems/problem.ts';
import type {Project} from '../schemas/project-schema.ts';
import {validateProject} from '../schemas/validate-project.ts';

/** Where a songreel project lives: its root, the compositions file and the public/ folder clips and songs are under. */
export type ProjectPaths = {
	readonly root: string;
	readonly compositionsFile: string;
	readonly publicDir: string;
	readonly entryPoint: string;
};

/** The conventional layout: remotion/compositions.ts, remotion/index.ts and public/ under `root`. */
export const projectPaths = (root: string, compositionsFile = 'remotion/compositions.ts'): ProjectPaths => ({
	root,
	compositionsFile: path.resolve(root, compositionsFile),
	publicDir: path.resolve(root, 'public'),
	entryPoint: path.resolve(root, 'remotion/index.ts'),
});

/** Imports and validates the compositions file (TypeScript, loaded through tsx); every problem is thrown at once. */
export const loadProject = async (paths: ProjectPaths): Promise<Project> => {
	const file = path.relative(paths.root, paths.compositionsFile);
	try {
		await access(paths.compositionsFile);
	} catch {
		throw new SongreelInputError([{file, path: '', message: 'no compositions file here', fix: 'run songreel from the project root or pass --compositions <file>'}]);
	}
	let loaded: {default?: unknown};
	try {
		loaded = (await import(pathToFileURL(paths.compositionsFile).href)) as {default?: unknown};
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		// Without "type": "module" Node loads the file as CommonJS and trips over its import/export lines.
		const fix = /require\(\) ES Module|ERR_REQUIRE_ESM|Cannot use import statement outside a module/.test(reason) ? 'add "type": "module" to the project\'s package.json' : undefined;
		throw new SongreelInputError([fix === undefined ? {file, path: '', message: `could not be loaded: ${reason}`} : {file, path: '', message: `could not be loaded: ${reason}`, fix}]);
	}
	return validateProject(loaded.default, file);
};
