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
		error: (path, message, fix) => errors.push(fix === undefined ? {file, path: formatPath(path), message} : {file, path: formatPath(path), message, fix}),
		warn: (path, message) => warnings.push({file, path: formatPath(path), message}),
	};
};
