import type {LyricLine, LyricsSyntaxProblem, ParsedLyrics} from './lyric-line.ts';
import {lyricsMessages} from './messages.ts';

const TIMING = /^(\d+):(\d{2}):(\d{2})[,.](\d{1,3})\s*-->\s*(\d+):(\d{2}):(\d{2})[,.](\d{1,3})/;

const toSeconds = (h: string, m: string, s: string, ms: string): number => Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms.padEnd(3, '0')) / 1000;

/** Parses SubRip (SRT) cues into lyric lines; each malformed cue is reported by its line number and skipped. */
export const parseSrt = (source: string): ParsedLyrics => {
	const problems: LyricsSyntaxProblem[] = [];
	const lines: LyricLine[] = [];
	const rows = source.replace(/^\uFEFF/, '').split(/\r?\n/);
	let i = 0;
	while (i < rows.length) {
		while (i < rows.length && (rows[i] as string).trim() === '') {
			i++;
		}
		if (i >= rows.length) {
			break;
		}
		const blockStart = i;
		const block: string[] = [];
		while (i < rows.length && (rows[i] as string).trim() !== '') {
			block.push((rows[i] as string).trim());
			i++;
		}
		// The cue number is optional in practice; accept a block that opens with its timing line.
		const hasIndex = /^\d+$/.test(block[0] as string);
		const timingRow = hasIndex ? 1 : 0;
		if (!hasIndex && !TIMING.test(block[0] as string)) {
			problems.push({line: blockStart + 1, message: lyricsMessages.srtBadIndex(block[0] as string)});
			continue;
		}
		const timing = TIMING.exec(block[timingRow] ?? '');
		if (!timing) {
			problems.push({line: blockStart + 1 + timingRow, message: lyricsMessages.srtBadTiming(block[timingRow] ?? '')});
			continue;
		}
		const [, h1, m1, s1, ms1, h2, m2, s2, ms2] = timing as unknown as string[];
		const startInSeconds = toSeconds(h1 as string, m1 as string, s1 as string, ms1 as string);
		const endInSeconds = toSeconds(h2 as string, m2 as string, s2 as string, ms2 as string);
		if (endInSeconds < startInSeconds) {
			problems.push({line: blockStart + 1 + timingRow, message: lyricsMessages.srtEndBeforeStart()});
			continue;
		}
		const text = block.slice(timingRow + 1).join('\n');
		if (text === '') {
			problems.push({line: blockStart + 1 + timingRow, message: lyricsMessages.srtNoText()});
			continue;
		}
		lines.push({startInSeconds, endInSeconds, text, words: null, sourceLine: blockStart + 1});
	}
	return {lines: [...lines].sort((a, b) => a.startInSeconds - b.startInSeconds), problems};
};
