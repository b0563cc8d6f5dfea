import {describe, expect, test} from 'vitest';
import {lyricsMessages} from './messages.ts';
import {parseSrt} from './parse-srt.ts';

describe('parseSrt', () => {
	test('reads cues with start, end and multi-line text', () => {
		const {lines, problems} = parseSrt('1\n00:00:01,000 --> 00:00:02,500\nHello\nworld\n\n2\n00:00:03,000 --> 00:00:04,000\nAgain\n');
		expect(problems).toEqual([]);
		expect(lines.map((l) => [l.startInSeconds, l.endInSeconds, l.text, l.sourceLine])).toEqual([
			[1, 2.5, 'Hello\nworld', 1],
			[3, 4, 'Again', 6],
		]);
	});

	test('accepts CRLF, a byte-order mark, dots for commas and a missing cue number', () => {
		const {lines, problems} = parseSrt('\uFEFF00:01:00.250 --> 00:01:01.000\r\nLine\r\n');
		expect(problems).toEqual([]);
		expect(lines[0]?.startInSeconds).toBe(60.25);
	});

	test.each([
		['a block without a cue number or timing', 'hello\nthere\n', 1, lyricsMessages.srtBadIndex('hello')],
		['a bad timing line', '1\n00:00:01 -> 00:00:02\nHi\n', 2, lyricsMessages.srtBadTiming('00:00:01 -> 00:00:02')],
		['a cue ending before it starts', '1\n00:00:05,000 --> 00:00:02,000\nHi\n', 2, lyricsMessages.srtEndBeforeStart()],
		['a cue with no text', '1\n00:00:01,000 --> 00:00:02,000\n', 2, lyricsMessages.srtNoText()],
	])('reports %s by line number and keeps going', (_name, source, line, message) => {
		const {lines, problems} = parseSrt(`${source}\n9\n00:00:10,000 --> 00:00:11,000\nKept\n`);
		expect(problems).toEqual([{line, message}]);
		expect(lines.map((l) => l.text)).toEqual(['Kept']);
	});
});
