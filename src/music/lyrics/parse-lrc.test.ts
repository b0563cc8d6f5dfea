import {describe, expect, test} from 'vitest';
import {lyricsMessages} from './messages.ts';
import {parseLrc} from './parse-lrc.ts';

describe('parseLrc', () => {
	test('reads timed lines and skips metadata tags', () => {
		const {lines, problems} = parseLrc('[ti:Song]\n[ar:Someone]\n\n[00:01.50]First line\n[00:03.25]Second line\n');
		expect(problems).toEqual([]);
		expect(lines.map((l) => [l.startInSeconds, l.text, l.endInSeconds])).toEqual([
			[1.5, 'First line', null],
			[3.25, 'Second line', null],
		]);
	});

	test('reads enhanced LRC word times, and a trailing tag as the last word\'s end', () => {
		const {lines} = parseLrc('[00:10.00]<00:10.00>Cut <00:10.50>to the <00:11.25>beat <00:12.00>\n');
		expect(lines[0]?.words).toEqual([
			{text: 'Cut', startInSeconds: 10, endInSeconds: null},
			{text: 'to', startInSeconds: 10.5, endInSeconds: null},
			{text: 'the', startInSeconds: 10.5, endInSeconds: null},
			{text: 'beat', startInSeconds: 11.25, endInSeconds: 12},
		]);
		expect(lines[0]?.text).toBe('Cut to the beat');
	});

	test('uses an empty timed line as the end of the previous line', () => {
		const {lines} = parseLrc('[00:01.00]Hello\n[00:02.00]\n[00:05.00]Again\n');
		expect(lines.map((l) => [l.text, l.endInSeconds])).toEqual([
			['Hello', 2],
			['Again', null],
		]);
	});

	test('repeats a line that carries several time tags, in time order', () => {
		const {lines} = parseLrc('[00:20.00][00:05.00]Chorus\n[00:10.00]Verse\n');
		expect(lines.map((l) => [l.startInSeconds, l.text])).toEqual([
			[5, 'Chorus'],
			[10, 'Verse'],
			[20, 'Chorus'],
		]);
	});

	test('applies [offset:] in milliseconds, positive meaning earlier', () => {
		const {lines} = parseLrc('[offset:+500]\n[00:02.00]Line\n');
		expect(lines[0]?.startInSeconds).toBe(1.5);
	});

	test.each([
		['no time tag', 'just words', 1, lyricsMessages.lrcNoTimestamp('just words')],
		['a broken time tag', '[0a:12.00]words', 1, lyricsMessages.lrcBadTime('[0a:12.00]')],
		['a bad offset', '[offset:soon]', 1, lyricsMessages.lrcBadOffset('soon')],
		['a bad word time', '[00:01.00]<00:0x.00>Hi', 1, lyricsMessages.lrcBadWordTime('<00:0x.00>')],
	])('reports %s by line number', (_name, line, lineNumber, message) => {
		const {problems} = parseLrc(`[00:00.50]ok\n${line}\n`);
		expect(problems).toEqual([{line: lineNumber + 1, message}]);
	});
});
