/** One thing wrong with a user's files: where (file and path in the user's terms), what, and how to fix it. */
export type Problem = {
	readonly file: string;
	readonly path: string;
	readonly message: string;
	readonly fix?: string;
};

/** Renders a problem as one line: `file: path: message; fix`. */
export const formatProblem = (problem: Problem): string => {
	const where = problem.path === '' ? problem.file : `${problem.file}: ${problem.path}`;
	return `${where}: ${problem.message}${problem.fix ? `; ${problem.fix}` : ''}`;
};

/** Thrown for bad user input; carries every problem found, not just the first. */
export class SongreelInputError extends Error {
	readonly problems: readonly Problem[];

	constructor(problems: readonly Problem[]) {
		super(problems.map(formatProblem).join('\n'));
		this.name = 'SongreelInputError';
		this.problems = problems;
	}
}

/** Joins a path of keys and indices the way a user writes it: `sections.chorus-1.shots[2].lengthInBeats`. */
export const formatPath = (path: readonly PropertyKey[]): string =>
	path
		.map((key, i) => {
			if (typeof key === 'number') {
				return `[${key}]`;
			}
			return i === 0 ? String(key) : `.${String(key)}`;
		})
		.join('');
