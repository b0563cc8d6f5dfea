import {formatPath, type Problem} from '../problems/problem.ts';

/** Collects errors and warnings during a compile so all of them can be reported at once. */
export type Diagnostics = {
	readonly errors: Problem[];
	readonly warnings: Problem[];
	error: (path: readonly PropertyKey[], message: string, fix?: string) => void;
	warn: (path: readonly PropertyKey[], message: string) => void;
};

/** Creates a collector whose problems name `file`. */
export const createDiagnostics = (file: string): Diagnostics => {
	const errors: Problem[] = [];
	const warnings: Problem[] = [];
	return {
		errors,
		warnings,
		error: (path, message, fix) => {
			const problem = fix === undefined ? {file, path: formatPath(path), message} : {file, path: formatPath(path), message, fix};
			// One mistake met several times (a missing clip in a cutEvery pool that several cuts play) is reported once.
			if (!errors.some((known) => known.path === problem.path && known.message === problem.message && known.file === problem.file)) {
				errors.push(problem);
			}
		},
		warn: (path, message) => warnings.push({file, path: formatPath(path), message}),
	};
};
