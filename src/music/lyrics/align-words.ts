import type {LyricLine, LyricWord} from './lyric-line.ts';

/** A word the speech recogniser heard, with its time. */
export type HeardWord = {readonly word: string; readonly startInSeconds: number; readonly endInSeconds: number};

/** Lyrics aligned to the recording, and the lines the recogniser missed entirely (timed by interpolation). */
export type AlignedLyrics = {
	readonly lines: readonly LyricLine[];
	readonly interpolatedLines: readonly number[];
	/** Per line, 0..1: how well its words matched what was heard (1: every word heard as written; 0: none heard). */
	readonly lineConfidence: readonly number[];
};

const normalise = (word: string): string => word.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '');

const editDistance = (a: string, b: string): number => {
	const row = Array.from({length: b.length + 1}, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = row[0] as number;
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = row[j] as number;
			row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
			diagonal = above;
		}
	}
	return row[b.length] as number;
};

// Same word: 2. A misspelling or a near miss ("flyin" for "flying"): 1. Anything else: a mismatch.
const similarity = (a: string, b: string): number => {
	if (a === b) {
		return 2;
	}
	const longest = Math.max(a.length, b.length);
	return longest > 0 && 1 - editDistance(a, b) / longest >= 0.6 ? 1 : -1;
};

/**
 * Aligns the user's lyric words to the recogniser's words with a global sequence alignment (Needleman–Wunsch),
 * so dropped, extra, merged and misspelled words cost a gap or a mismatch instead of derailing everything after
 * them. The user's words always win; a matched word takes the heard word's times, an unmatched one is placed
 * between its matched neighbours.
 */
export const alignWords = ({lyrics, heard}: {lyrics: string; heard: readonly HeardWord[]}): AlignedLyrics => {
	const textLines = lyrics.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
	const words = textLines.flatMap((line, lineIndex) => line.split(/\s+/).map((text) => ({text, lineIndex, key: normalise(text)})));
	const n = words.length;
	const m = heard.length;
	const keys = heard.map((w) => normalise(w.word));
	const GAP = -1;
	const score: Float64Array[] = Array.from({length: n + 1}, () => new Float64Array(m + 1));
	for (let i = 1; i <= n; i++) (score[i] as Float64Array)[0] = i * GAP;
	for (let j = 1; j <= m; j++) (score[0] as Float64Array)[j] = j * GAP;
	for (let i = 1; i <= n; i++) {
		for (let j = 1; j <= m; j++) {
			(score[i] as Float64Array)[j] = Math.max(
				((score[i - 1] as Float64Array)[j - 1] as number) + similarity((words[i - 1] as {key: string}).key, keys[j - 1] as string),
				((score[i - 1] as Float64Array)[j] as number) + GAP,
				((score[i] as Float64Array)[j - 1] as number) + GAP,
			);
		}
	}
	const matched: (HeardWord | null)[] = new Array(n).fill(null);
	const matchScore = new Float64Array(n);
	for (let i = n, j = m; i > 0 && j > 0; ) {
		const here = (score[i] as Float64Array)[j] as number;
		const sim = similarity((words[i - 1] as {key: string}).key, keys[j - 1] as string);
		if (here === ((score[i - 1] as Float64Array)[j - 1] as number) + sim) {
			if (sim > 0) {
				matched[i - 1] = heard[j - 1] as HeardWord;
				matchScore[i - 1] = sim;
			}
			i--;
			j--;
		} else if (here === ((score[i - 1] as Float64Array)[j] as number) + GAP) {
			i--;
		} else {
			j--;
		}
	}
	// Unmatched words are spread evenly between the matched words around them.
	const starts: number[] = new Array(n);
	const ends: (number | null)[] = new Array(n).fill(null);
	const songEnd = heard.length > 0 ? (heard[heard.length - 1] as HeardWord).endInSeconds : 0;
	for (let i = 0; i < n; ) {
		if (matched[i]) {
			starts[i] = (matched[i] as HeardWord).startInSeconds;
			ends[i] = (matched[i] as HeardWord).endInSeconds;
			i++;
			continue;
		}
		let k = i;
		while (k < n && !matched[k]) k++;
		const from = i > 0 ? (ends[i - 1] ?? starts[i - 1] ?? 0) : 0;
		const to = k < n ? (matched[k] as HeardWord).startInSeconds : songEnd;
		for (let x = i; x < k; x++) {
			starts[x] = from + ((to - from) * (x - i)) / (k - i);
		}
		i = k;
	}
	const interpolatedLines: number[] = [];
	const lines = textLines.map((text, lineIndex): LyricLine => {
		const indices = words.flatMap((word, i) => (word.lineIndex === lineIndex ? [i] : []));
		if (indices.every((i) => matched[i] === null)) {
			interpolatedLines.push(lineIndex + 1);
		}
		const lineWords: LyricWord[] = indices.map((i) => ({text: (words[i] as {text: string}).text, startInSeconds: starts[i] as number, endInSeconds: ends[i] ?? null}));
		return {startInSeconds: (lineWords[0] as LyricWord).startInSeconds, endInSeconds: null, text, words: lineWords, sourceLine: lineIndex + 1};
	});
	// An exact match scores 2, a misspelled one 1: a line heard as written is 1, one heard misspelled 0.5.
	const best = 2;
	const lineConfidence = textLines.map((_, lineIndex) => {
		const indices = words.flatMap((word, i) => (word.lineIndex === lineIndex ? [i] : []));
		return Math.round((100 * indices.reduce((sum, i) => sum + Math.max(0, matchScore[i] as number) / best, 0)) / indices.length) / 100;
	});
	return {lines, interpolatedLines, lineConfidence};
};
