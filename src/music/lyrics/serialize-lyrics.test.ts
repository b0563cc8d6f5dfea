import {describe, expect, test} from 'vitest';
import type {LyricLine} from './lyric-line.ts';
import {parseLrc} from './parse-lrc.ts';
import {parseSrt} from './parse-srt.ts';
import {serializeLrc, serializeSrt, serializeVtt} from './serialize-lyrics.ts';

const lines: LyricLine[] = [
	{startInSeconds: 9.17, endInSeconds: null, text: 'Paper skies', words: [{text: 'Paper', startInSeconds: 9.17, endInSeconds: null}, {text: 'skies', startInSeconds: 9.44, endInSeconds: null}], sourceLine: 1},
	{startInSeconds: 11.31, endInSeconds: 12.65, text: 'every light', words: null, sourceLine: 2},
	{startInSeconds: 65.5, endInSeconds: 3725.25, text: 'a long\nending', words: null, sourceLine: 3},
];

describe('lyric sidecars', () => {
	test('LRC round-trips lines, word times and explicit ends', () => {
		const parsed = parseLrc(serializeLrc(lines));
		expect(parsed.problems).toEqual([]);
		expect(parsed.lines.map((l) => [l.startInSeconds, l.endInSeconds, l.text])).toEqual([
			[9.17, null, 'Paper skies'],
			[11.31, 12.65, 'every light'],
			[65.5, 3725.25, 'a long ending'],
		]);
		expect(parsed.lines[0]?.words?.map((w) => [w.text, w.startInSeconds])).toEqual([
			['Paper', 9.17],
			['skies', 9.44],
		]);
	});

	test('SRT round-trips lines, filling a missing end with the next start', () => {
		const parsed = parseSrt(serializeSrt(lines));
		expect(parsed.problems).toEqual([]);
		expect(parsed.lines.map((l) => [l.startInSeconds, l.endInSeconds, l.text])).toEqual([
			[9.17, 11.31, 'Paper skies'],
			[11.31, 12.65, 'every light'],
			[65.5, 3725.25, 'a long\nending'],
		]);
	});

	test('WebVTT carries karaoke word timestamps', () => {
		expect(serializeVtt(lines)).toBe(
			'WEBVTT\n\n00:00:09.170 --> 00:00:11.310\nPaper <00:00:09.440>skies\n\n00:00:11.310 --> 00:00:12.650\nevery light\n\n00:01:05.500 --> 01:02:05.250\na long\nending\n',
		);
	});
});
