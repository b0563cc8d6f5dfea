/** A sung word with its start (and, when known, end) time. */
export type LyricWord = {
	readonly text: string;
	readonly startInSeconds: number;
	readonly endInSeconds: number | null;
};

/** A lyric line in seconds, as parsed from LRC, SRT or inline lines; `sourceLine` points into the file for messages. */
export type LyricLine = {
	readonly startInSeconds: number;
	readonly endInSeconds: number | null;
	readonly text: string;
	readonly words: readonly LyricWord[] | null;
	readonly sourceLine: number;
};

/** A malformed line of a lyrics file, by 1-based line number. */
export type LyricsSyntaxProblem = {readonly line: number; readonly message: string};

/** What a lyrics parser returns: the lines it could read and every line it could not. */
export type ParsedLyrics = {
	readonly lines: readonly LyricLine[];
	readonly problems: readonly LyricsSyntaxProblem[];
};
