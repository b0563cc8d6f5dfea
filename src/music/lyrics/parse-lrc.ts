import type {LyricLine, LyricWord, LyricsSyntaxProblem, ParsedLyrics} from './lyric-line.ts';
import {lyricsMessages} from './messages.ts';

const TIME_TAG = /^\[(\d+):(\d{1,2}(?:[.:]\d+)?)\]/;
const META_TAG = /^\[([a-zA-Z#]+):(.*)\]\s*$/;
const WORD_TAG = /<(\d+):(\d{1,2}(?:[.:]\d+)?)>/g;

const toSeconds = (minutes: string, seconds: string): number => Number(minutes) * 60 + Number(seconds.replace(':', '.'));

const parseWords = (body: string, lineStart: number, lineNumber: number, problems: LyricsSyntaxProblem[]): {text: string; words: LyricWord[] | null} => {
	if (!body.includes('<')) {
		return {text: body.trim(), words: null};
	}
	const pieces: {startInSeconds: number; text: string}[] = [];
	let cursor = 0;
	let currentStart = lineStart;
	for (const match of body.matchAll(WORD_TAG)) {
		pieces.push({startInSeconds: currentStart, text: body.slice(cursor, match.index)});
		currentStart = toSeconds(match[1] as string, match[2] as string);
		cursor = match.index + match[0].length;
	}
	pieces.push({startInSeconds: currentStart, text: body.slice(cursor)});
	if (/<[^>]*>/.test(body.replace(WORD_TAG, ''))) {
		problems.push({line: lineNumber, message: lyricsMessages.lrcBadWordTime(/<[^>]*>/.exec(body.replace(WORD_TAG, ''))?.[0] ?? '')});
	}
	// A timed word may carry several space-separated words; each gets the tag's time so highlighting stays per word.
	const words = pieces.flatMap((piece) =>
		piece.text
			.split(/\s+/)
			.filter((w) => w !== '')
			.map((text): LyricWord => ({text, startInSeconds: piece.startInSeconds, endInSeconds: null})),
	);
	// A trailing tag with no word after it marks when the last word ends.
	const last = pieces[pieces.length - 1];
	if (last && last.text.trim() === '' && words.length > 0) {
		const lastWord = words[words.length - 1] as LyricWord;
		words[words.length - 1] = {...lastWord, endInSeconds: last.startInSeconds};
	}
	return {text: words.map((w) => w.text).join(' '), words};
};

/** Parses LRC and enhanced LRC (`<mm:ss.xx>` word times); an empty timed line ends the previous one. */
export const parseLrc = (source: string): ParsedLyrics => {
	const problems: LyricsSyntaxProblem[] = [];
	const timed: {startInSeconds: number; body: string; sourceLine: number}[] = [];
	let offsetInSeconds = 0;
	source.split(/\r?\n/).forEach((raw, index) => {
		const lineNumber = index + 1;
		const line = raw.trim();
		if (line === '') {
			return;
		}
		const times: number[] = [];
		let rest = line;
		for (let m = TIME_TAG.exec(rest); m; m = TIME_TAG.exec(rest)) {
			times.push(toSeconds(m[1] as string, m[2] as string));
			rest = rest.slice(m[0].length);
		}
		if (times.length === 0) {
			const meta = META_TAG.exec(line);
			if (meta) {
				if ((meta[1] as string).toLowerCase() === 'offset') {
					const value = (meta[2] as string).trim();
					if (/^[+-]?\d+$/.test(value)) {
						// LRC's offset is in milliseconds and a positive value makes lyrics come sooner.
						offsetInSeconds = Number(value) / 1000;
					} else {
						problems.push({line: lineNumber, message: lyricsMessages.lrcBadOffset(value)});
					}
				}
				return;
			}
			problems.push({line: lineNumber, message: line.startsWith('[') ? lyricsMessages.lrcBadTime(/^\[[^\]]*\]?/.exec(line)?.[0] ?? line) : lyricsMessages.lrcNoTimestamp(line)});
			return;
		}
		for (const startInSeconds of times) {
			timed.push({startInSeconds, body: rest, sourceLine: lineNumber});
		}
	});
	timed.sort((a, b) => a.startInSeconds - b.startInSeconds || a.sourceLine - b.sourceLine);
	const lines: LyricLine[] = [];
	timed.forEach((entry, i) => {
		const startInSeconds = Math.max(0, entry.startInSeconds - offsetInSeconds);
		const {text, words} = parseWords(entry.body, entry.startInSeconds, entry.sourceLine, problems);
		if (text === '') {
			return;
		}
		const next = timed[i + 1];
		const nextIsEndMarker = next !== undefined && next.body.trim() === '';
		lines.push({
			startInSeconds,
			endInSeconds: nextIsEndMarker ? Math.max(0, next.startInSeconds - offsetInSeconds) : null,
			text,
			words: words?.map((w) => ({...w, startInSeconds: Math.max(0, w.startInSeconds - offsetInSeconds), endInSeconds: w.endInSeconds === null ? null : Math.max(0, w.endInSeconds - offsetInSeconds)})) ?? null,
			sourceLine: entry.sourceLine,
		});
	});
	return {lines, problems};
};
