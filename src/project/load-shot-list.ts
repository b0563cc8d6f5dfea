import {access} from 'node:fs/promises';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {formatZodIssues} from '../problems/format-zod-issues.ts';
import {type Problem, SongreelInputError} from '../problems/problem.ts';
import {type ShotList, shotListSchema} from '../schemas/shot-list-schema.ts';

/** Where the shot list is when --shot-list does not say. */
export const DEFAULT_SHOT_LIST = 'remotion/shots.ts';

/** Imports and validates the shot list file (default remotion/shots.ts); all problems are thrown at once. */
export const loadShotList = async ({root, file = DEFAULT_SHOT_LIST}: {root: string; file?: string}): Promise<ShotList> => {
	const absolute = path.resolve(root, file);
	const shown = path.relative(root, absolute);
	try {
		await access(absolute);
	} catch {
		throw new SongreelInputError([{file: shown, path: '', message: 'no shot list here', fix: 'create it with export default defineShots({styleBible, defaults, shots}) or pass --shot-list <file>'}]);
	}
	let loaded: {default?: unknown};
	try {
		loaded = (await import(pathToFileURL(absolute).href)) as {default?: unknown};
	} catch (error) {
		throw new SongreelInputError([{file: shown, path: '', message: `could not be loaded: ${(error as Error).message}`}]);
	}
	const result = shotListSchema.safeParse(loaded.default, {reportInput: true});
	if (!result.success) {
		throw new SongreelInputError(formatZodIssues({issues: result.error.issues, schema: shotListSchema, input: loaded.default, file: shown}));
	}
	const shotList = result.data;
	const problems: Problem[] = [];
	const seen = new Set<string>();
	shotList.shots.forEach((shot, index) => {
		if (seen.has(shot.id)) {
			problems.push({file: shown, path: `shots[${index}].id`, message: `shot id "${shot.id}" is used twice`});
		}
		seen.add(shot.id);
		shot.characters.forEach((name, i) => {
			if (!(name in shotList.styleBible.characters)) {
				problems.push({file: shown, path: `shots[${index}].characters[${i}]`, message: `character "${name}" is not in the style bible`, fix: `add it to styleBible.characters or fix the name (known: ${Object.keys(shotList.styleBible.characters).join(', ') || 'none'})`});
			}
		});
	});
	if (problems.length > 0) {
		throw new SongreelInputError(problems);
	}
	return shotList;
};
