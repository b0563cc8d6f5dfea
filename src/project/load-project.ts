import {existsSync} from 'node:fs';
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

// Where songreel looks when not told: its own layout (remotion/) first, then a Remotion template's (src/).
const COMPOSITIONS_CANDIDATES = ['remotion/compositions.ts', 'remotion/compositions.tsx', 'src/compositions.ts', 'src/compositions.tsx'];
const ENTRY_CANDIDATES = ['remotion/index.ts', 'remotion/index.tsx', 'src/index.ts', 'src/index.tsx'];

const firstExisting = (root: string, candidates: readonly string[]): string => candidates.find((candidate) => existsSync(path.join(root, candidate))) ?? (candidates[0] as string);

/**
 * A project's files under `root`: the compositions file and the Remotion entry point (given, or the first that exists
 * of remotion/compositions.ts, src/compositions.ts and remotion/index.ts, src/index.ts), and public/.
 */
export const projectPaths = (root: string, compositionsFile?: string, entryPoint?: string): ProjectPaths => ({
	root,
	compositionsFile: path.resolve(root, compositionsFile ?? firstExisting(root, COMPOSITIONS_CANDIDATES)),
	publicDir: path.resolve(root, 'public'),
	entryPoint: path.resolve(root, entryPoint ?? firstExisting(root, ENTRY_CANDIDATES)),
});

/** Imports and validates the compositions file (TypeScript, loaded through tsx); every problem is thrown at once. */
export const loadProject = async (paths: ProjectPaths): Promise<Project> => (await loadProjectModule(paths)).project;

/** The compositions file's validated project and its default export as written (with the project's own components). */
export const loadProjectModule = async (paths: ProjectPaths): Promise<{project: Project; definition: unknown}> => {
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
	return {project: validateProject(loaded.default, file), definition: loaded.default};
};
