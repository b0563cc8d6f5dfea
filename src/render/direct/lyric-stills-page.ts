import {createHash, randomUUID} from 'node:crypto';
import {access, mkdir, rename, rm} from 'node:fs/promises';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {BUILT_IN_LYRIC_FONT_FAMILY} from '../../timeline/place-lyrics.ts';
import type {ResolvedLyricLine} from '../../timeline/resolved-timeline.ts';
import {packageCodeHash} from '../project-code-hash.ts';

/** Bundles an entry point into `outDir` (a folder of its own), with `publicDir` as the bundle's public folder. */
export type BundleEntry = (options: {entryPoint: string; publicDir: string; outDir: string}) => Promise<unknown>;

const exists = (file: string): Promise<boolean> => access(file).then(() => true, () => false);

/**
 * Whether songreel's own stills page can draw a line: the built-in look (no renderer of the project's) in the
 * built-in font family, which is the system's. A line in a family of the project's own is drawn from the project's
 * bundle, where whatever loads its fonts runs.
 */
export const drawnByStillsPage = (line: ResolvedLyricLine): boolean => line.style.renderer === null && line.style.fontFamily === BUILT_IN_LYRIC_FONT_FAMILY;

/**
 * songreel's own lyric-stills page, bundled once per version of its code and of Remotion and React, and kept in
 * `node_modules/.cache/songreel` of the package (`npm install` in a checkout makes it, see scripts/build-package.mjs;
 * otherwise the first render that needs it does). Taking stills from it instead of the project's bundle saves a
 * render that needs the browser for nothing else bundling the project: about 7 s of CPU and 500 MiB of webpack.
 */
export const lyricStillsPage = async (bundle: BundleEntry): Promise<string> => {
	const here = path.dirname(fileURLToPath(import.meta.url));
	// `.tsx` in a checkout, `.js` in the built package.
	const source = path.join(here, '..', '..', 'remotion', 'lyric-stills-page.tsx');
	const entryPoint = (await exists(source)) ? source : path.join(here, '..', '..', 'remotion', 'lyric-stills-page.js');
	const packageRoot = path.resolve(here, '..', '..', '..');
	const require = createRequire(entryPoint);
	const versions = ['remotion', 'react', 'react-dom'].map((name) => `${name}@${(require(`${name}/package.json`) as {version: string}).version}`).join(' ');
	const key = createHash('sha256').update(await packageCodeHash(entryPoint, packageRoot)).update(versions).digest('hex').slice(0, 16);
	const folder = path.join(packageRoot, 'node_modules', '.cache', 'songreel', `lyric-stills-page-${key}`);
	if (await exists(path.join(folder, 'index.html'))) {
		return folder;
	}
	// Made aside and moved in whole, so a page that is there is complete (two renders making it at once both succeed).
	const temporary = `${folder}.tmp-${randomUUID()}`;
	try {
		await mkdir(path.dirname(folder), {recursive: true});
		await bundle({entryPoint, publicDir: path.join(temporary, 'no-public-folder'), outDir: temporary});
		await rename(temporary, folder).catch(async (error: unknown) => {
			if (!(await exists(path.join(folder, 'index.html')))) {
				throw error;
			}
		});
	} finally {
		await rm(temporary, {recursive: true, force: true});
	}
	return folder;
};
