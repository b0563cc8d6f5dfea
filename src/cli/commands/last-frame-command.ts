import path from 'node:path';
import {parseArgs} from 'node:util';
import {SongreelInputError} from '../../problems/problem.ts';
import {checkOutputPaths} from '../check-output-paths.ts';
import {extractLastFrame} from '../../takes/extract-last-frame.ts';
import {REGISTRY_PATH_IN_PUBLIC} from '../../takes/registry-path.ts';
import {readRegistry} from '../../takes/registry-store.ts';

/** `songreel last-frame <take> [--out file.png]`: the take's last frame, for the next shot's `referenceImage`. */
export const lastFrameCommand = async (argv: readonly string[], {root, publicDir}: {root: string; publicDir: string}): Promise<number> => {
	const {positionals, values} = parseArgs({args: [...argv], allowPositionals: true, options: {out: {type: 'string'}}});
	const takeId = positionals[0];
	if (takeId === undefined) {
		throw new SongreelInputError([{file: 'command line', path: '', message: 'usage: songreel last-frame <take> [--out file.png]', fix: 'e.g. songreel last-frame verse-1/t2 --out public/refs/verse-1-end.png'}]);
	}
	if (values.out !== undefined) {
		await checkOutputPaths([{option: '--out', value: values.out, kind: 'file'}], process.cwd());
	}
	const registry = await readRegistry(path.join(publicDir, REGISTRY_PATH_IN_PUBLIC));
	const take = registry.takes.find((t) => t.id === takeId);
	if (!take || take.file === null) {
		throw new SongreelInputError([{file: 'command line', path: '', message: `no complete take "${takeId}" in the registry`, fix: `run "songreel takes${takeId.includes('/') ? ` ${takeId.split('/')[0]}` : ''}" to list takes`}]);
	}
	const outputPath = path.resolve(values.out ?? path.join(publicDir, 'refs', `${takeId.replace('/', '-')}-last.png`));
	const {width, height} = await extractLastFrame(path.join(publicDir, take.file), outputPath);
	const inPublic = path.relative(publicDir, outputPath);
	process.stdout.write(`wrote ${path.relative(root, outputPath)} (${width}x${height})${inPublic.startsWith('..') ? '' : `; use it as a shot's referenceImage: '${inPublic}'`}\n`);
	return 0;
};
