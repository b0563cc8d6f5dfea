import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {build} from 'esbuild';

/**
 * A hash of the project's own source: every file the Remotion entry point imports, outside node_modules (songreel's
 * and Remotion's code count through their versions instead). Chunks that show the project's components, transitions
 * or lyric renderers carry it in their cache key, so editing that code renders them again and nothing else.
 */
export const projectCodeHash = async (entryPoint: string): Promise<string> => {
	const result = await build({
		entryPoints: [entryPoint],
		bundle: true,
		write: false,
		metafile: true,
		platform: 'browser',
		format: 'esm',
		logLevel: 'silent',
		jsx: 'automatic',
		// Only the project's own files matter; packages are not read.
		packages: 'external',
		loader: {'.png': 'empty', '.jpg': 'empty', '.jpeg': 'empty', '.svg': 'empty', '.css': 'empty', '.mp4': 'empty', '.webm': 'empty', '.wav': 'empty', '.mp3': 'empty', '.json': 'json'},
	});
	const root = process.cwd();
	const files = Object.keys(result.metafile.inputs)
		.filter((file) => !file.split(/[\\/]/).includes('node_modules'))
		.sort();
	const hash = createHash('sha256');
	for (const file of files) {
		hash.update(`${path.relative(root, path.resolve(root, file))}\n`).update(await readFile(path.resolve(root, file)));
	}
	return hash.digest('hex');
};
