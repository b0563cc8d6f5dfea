import {describe, expect, test} from 'vitest';
import {lyricLineStateAt} from './lyric-line-state.ts';
import {valueAtFrame} from './value-at-frame.ts';
import type {ResolvedLyricLine} from '../timeline/resolved-timeline.ts';

const line: ResolvedLyricLine = {
	text: 'one two three',
	startFrame: 10,
	endFrame: 40,
	opacity: {frames: [10, 16, 34, 40], values: [0, 1, 1, 0]},
	words: [
		{text: 'one', startFrame: 10, endFrame: 20},
		{text: 'two', startFrame: 20, endFrame: 25},
		{text: 'three', startFrame: 25, endFrame: 40},
	],
	style: {position: 'bottom', fontSizeInPx: 48, fontFamily: 'sans-serif', fontWeight: 700, color: '#fff', highlightColor: '#ff0', wordHighlight: true, renderer: null},
};

describe('valueAtFrame', () => {
	test('interpolates linearly and holds the ends', () => {
		expect([5, 10, 13, 16, 30, 37, 40, 50].map((frame) => valueAtFrame(line.opacity, frame))).toEqual([0, 0, 0.5, 1, 1, 0.5, 0, 0]);
	});
});

describe('lyricLineStateAt', () => {
	test('highlights the words that have started and fades the line in and out', () => {
		expect(lyricLineStateAt(line, 13)).toEqual({opacity: 0.5, highlightedWords: 1});
		expect(lyricLineStateAt(line, 24)).toEqual({opacity: 1, highlightedWords: 2});
		expect(lyricLineStateAt(line, 39).highlightedWords).toBe(3);
	});

	test('highlights nothing when the style turns highlighting off', () => {
		expect(lyricLineStateAt({...line, style: {...line.style, wordHighlight: false}}, 30).highlightedWords).toBe(0);
	});
});
