import type {LyricLine} from './lyric-line.ts';

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

// Whole milliseconds first, so 59.9996 s becomes 1:00.000 rather than 0:60.000.
const parts = (seconds: number): {h: number; m: number; s: number; ms: number} => {
	const total = Math.max(0, Math.round(seconds * 1000));
	return {h: Math.floor(total / 3_600_000), m: Math.floor(total / 60_000) % 60, s: Math.floor(total / 1000) % 60, ms: total % 1000};
};

/** An LRC time tag body, mm:ss.xx (LRC's hundredths). */
const lrcTime = (seconds: number): string => {
	const total = Math.max(0, Math.round(seconds * 100));
	return `${pad(Math.floor(total / 6000))}:${pad(Math.floor(total / 100) % 60)}.${pad(total % 100)}`;
};

const clockTime = (seconds: number, separator: ',' | '.'): string => {
	const {h, m, s, ms} = parts(seconds);
	return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms, 3)}`;
};

/** Lines with their end filled in (the next line's start when unknown), for formats that need an end. */
const withEnds = (lines: readonly LyricLine[]): (LyricLine & {endInSeconds: number})[] =>
	lines.map((line, i) => ({...line, endInSeconds: line.endInSeconds ?? lines[i + 1]?.startInSeconds ?? line.startInSeconds + 4}));

/** Enhanced LRC: a time tag per line, `<mm:ss.xx>` per word when word times are known, and an empty tag where a line ends before the next. */
export const serializeLrc = (lines: readonly LyricLine[]): string => {
	const out: string[] = [];
	lines.forEach((line, i) => {
		const body = line.words ? line.words.map((word) => `<${lrcTime(word.startInSeconds)}>${word.text}`).join(' ') : line.text.replace(/\n/g, ' ');
		out.push(`[${lrcTime(line.startInSeconds)}]${body}`);
		const next = lines[i + 1];
		if (line.endInSeconds !== null && (next === undefined || next.startInSeconds - line.endInSeconds > 0.005)) {
			out.push(`[${lrcTime(line.endInSeconds)}]`);
		}
	});
	return `${out.join('\n')}\n`;
};

/** SubRip cues, numbered from 1. */
export const serializeSrt = (lines: readonly LyricLine[]): string =>
	withEnds(lines)
		.map((line, i) => `${i + 1}\n${clockTime(line.startInSeconds, ',')} --> ${clockTime(line.endInSeconds, ',')}\n${line.text}\n`)
		.join('\n');

/** WebVTT cues, with `<hh:mm:ss.mmm>` karaoke timestamps inside a cue when word times are known. */
export const serializeVtt = (lines: readonly LyricLine[]): string =>
	`WEBVTT\n\n${withEnds(lines)
		.map((line) => {
			const body = line.words ? line.words.map((word, i) => (i === 0 ? word.text : `<${clockTime(word.startInSeconds, '.')}>${word.text}`)).join(' ') : line.text;
			return `${clockTime(line.startInSeconds, '.')} --> ${clockTime(line.endInSeconds, '.')}\n${body}\n`;
		})
		.join('\n')}`;
