import path from 'node:path';
import {writeFileAtomically} from '../media/write-file-atomically.ts';
import {REGISTRY_PATH_IN_PUBLIC} from '../takes/registry-path.ts';
import {readRegistry} from '../takes/registry-store.ts';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {buildCredits, type Credits, serializeCreditsMarkdown} from './build-credits.ts';

/**
 * Writes `<id>.credits.json` and `<id>.credits.md` beside a rendered video (each atomically), from the take registry in
 * `publicDir`; returns the credits and the two paths.
 */
export const writeCredits = async ({timeline, videoPath, publicDir}: {readonly timeline: ResolvedTimeline; readonly videoPath: string; readonly publicDir: string}): Promise<{credits: Credits; files: readonly string[]}> => {
	const registry = await readRegistry(path.join(publicDir, REGISTRY_PATH_IN_PUBLIC));
	const credits = buildCredits({timeline, registry});
	const base = videoPath.replace(/\.[^./]+$/, '');
	const files: [string, string][] = [
		[`${base}.credits.json`, `${JSON.stringify(credits, null, 2)}\n`],
		[`${base}.credits.md`, serializeCreditsMarkdown(credits)],
	];
	for (const [file, text] of files) {
		await writeFileAtomically(file, text);
	}
	return {credits, files: files.map(([file]) => file)};
};
