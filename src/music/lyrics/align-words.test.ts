import {describe, expect, test} from 'vitest';
import {alignWords, type HeardWord} from './align-words.ts';

const heardOf = (words: string, startInSeconds = 1, stepInSeconds = 0.5): HeardWord[] =>
	words.split(' ').map((word, i) => ({word, startInSeconds: startInSeconds + i * stepInSeconds, endInSeconds: startInSeconds + i * stepInSeconds + 0.4}));

describe('alignWords', () => {
	test('times every word of a perfect transcript', () => {
		const {lines, interpolatedLines} = alignWords({lyrics: 'cut to the beat\ncut to the light', heard: heardOf('Cut to the beat. Cut to the light!')});
		expect(lines.map((l) => [l.text, l.startInSeconds])).toEqual([
			['cut to the beat', 1],
			['cut to the light', 3],
		]);
		expect(interpolatedLines).toEqual([]);
	});

	test('keeps the user\'s words through drops, extra words and misspellings', () => {
		// The recogniser drops "the", adds "yeah", and mishears "light" as "ligt".
		const heard = heardOf('cut to beat yeah cut to the ligt');
		const {lines} = alignWords({lyrics: 'cut to the beat\ncut to the light', heard});
		expect(lines.map((l) => l.words?.map((w) => [w.text, w.startInSeconds]))).toEqual([
			[
				['cut', 1],
				['to', 1.5],
				['the', 1.9],
				['beat', 2],
			],
			[
				['cut', 3],
				['to', 3.5],
				['the', 4],
				['light', 4.5],
			],
		]);
	});

	test('interpolates a line the recogniser missed and reports it', () => {
		const heard = [...heardOf('paper skies above', 1), ...heardOf('we were never meant to fly', 6)];
		const {lines, interpolatedLines} = alignWords({lyrics: 'paper skies above\nevery light a little lie\nwe were never meant to fly', heard});
		expect(interpolatedLines).toEqual([2]);
		const middle = lines[1]?.words?.map((w) => w.startInSeconds) ?? [];
		expect(middle[0]).toBeGreaterThanOrEqual(2.4);
		expect(middle[middle.length - 1]).toBeLessThan(6);
		expect([...middle].sort((a, b) => a - b)).toEqual(middle);
	});

	test('matches a word the recogniser merged with the next only once', () => {
		const {lines} = alignWords({lyrics: 'fifty five that stay', heard: heardOf('fiftyfive that stay')});
		expect(lines[0]?.words?.map((w) => w.text)).toEqual(['fifty', 'five', 'that', 'stay']);
		expect(lines[0]?.words?.[2]?.startInSeconds).toBe(1.5);
	});
});
