import {formatZodIssues} from '../problems/format-zod-issues.ts';
import {SongreelInputError} from '../problems/problem.ts';
import {type Registry, registrySchema} from './take-schema.ts';

/** Parses the registry file's text; bad JSON or a bad shape is a user error naming `file`. Runs in Node and the browser. */
export const parseRegistry = (text: string, file: string): Registry => {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new SongreelInputError([{file, path: '', message: `is not valid JSON: ${(error as Error).message}`, fix: 'restore it from git'}]);
	}
	const result = registrySchema.safeParse(json, {reportInput: true});
	if (!result.success) {
		throw new SongreelInputError(formatZodIssues({issues: result.error.issues, schema: registrySchema, input: json, file}));
	}
	return result.data;
};

/** The highest take number ("t3" is 3) a shot has in the registry, 0 when it has none. */
export const highestTakeNumber = (registry: Registry, shotId: string): number =>
	registry.takes.filter((take) => take.shotId === shotId).reduce((max, take) => Math.max(max, Number(/\/t(\d+)$/.exec(take.id)?.[1] ?? 0)), 0);
