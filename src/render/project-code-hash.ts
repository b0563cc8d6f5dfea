import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {build, stop} from 'esbuild';

// esbuild's service (a process of about 12 MiB) stays up after a build until stopped; a render only needs it for a
// moment at its start. Nothing else in songreel's process runs esbuild (bundles are made in a child process), so it
// is stopped once none of these builds is running; a later one starts it again.
let buildsRunning = 0;

// The files an entry point imports, outside packages (which are left external and not read), absolute and sorted.
const importedFiles = async (entryPoint: string): Promise<string[]> => {
	buildsRunning++;
	const result = await build({
		entryPoints: [entryPoint],
		bundle: true,
		write: false,
		metafile: true,
		platform: 'browser',
		format: 'esm',
		logLevel: 'silent',
		jsx: 'automatic',
		packages: 'external',
		loader: {'.png': 'empty', '.jpg': 'empty', '.jpeg': 'empty', '.svg': 'empty', '.css': 'empty', '.mp4': 'empty', '.webm': 'empty', '.wav': 'empty', '.mp3': 'empty', '.json': 'json'},
	}).finally(() => {
		if (--buildsRunning === 0) {
			void stop();
		}
	});
	return Object.keys(result.metafile.inputs)
		.map((file) => path.resolve(file))
		.sort();
};

// A hash of files' paths (relative to root) and contents.
const hashFiles = async (files: readonly string[], root: string): Promise<string> => {
	const hash = createHash('sha256');
	for (const file of files) {
		hash.update(`${path.relative(root, file)}\n`).update(await readFile(file));
	}
	return hash.digest('hex');
};

const inNodeModules = (file: string): boolean => file.split(/[\\/]/).includes('node_modules');

/**
 * A hash of the project's own source: every file the Remotion entry point imports, outside node_modules (songreel's
 * and Remotion's code count through their versions instead). Chunks that show the project's components, transitions
 * or lyric renderers carry it in their cache key, so editing that code renders them again and nothing else.
 */
export const projectCodeHash = async (entryPoint: string): Promise<string> =>
	hashFiles(
		(await importedFiles(entryPoint)).filter((file) => !inNodeModules(file)),
		process.cwd(),
	);

/**
 * A hash of a package's own files that an entry point of it imports (those under `packageRoot`, wherever it is
 * installed, its own node_modules excepted): what songreel's prebuilt pages are keyed by.
 */
export const packageCodeHash = async (entryPoint: string, packageRoot: string): Promise<string> =>
	hashFiles(
		(await importedFiles(entryPoint)).filter((file) => !path.relative(packageRoot, file).startsWith('..') && !inNodeModules(path.relative(packageRoot, file))),
		packageRoot,
	);
