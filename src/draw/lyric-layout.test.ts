import {describe, expect, test} from 'vitest';
import {lyricLayout} from './lyric-layout.ts';

describe('lyricLayout', () => {
	test.each([
		// Landscape and square keep the margins the lyric view always had (6% / 8% of the width); a 9:16 frame keeps lines
		// 6% of its long side from its top and bottom edges instead of 3.4%, and wraps them within 84% of its width.
		[{frameWidth: 1920, frameHeight: 1080}, {marginXInPx: 153.6, marginYInPx: 115.2, maxLineWidthInPx: 1612.8}],
		[{frameWidth: 1080, frameHeight: 1920}, {marginXInPx: 86.4, marginYInPx: 115.2, maxLineWidthInPx: 907.2}],
		[{frameWidth: 1080, frameHeight: 1080}, {marginXInPx: 86.4, marginYInPx: 64.8, maxLineWidthInPx: 907.2}],
	])('at %o: %o', (size, expected) => {
		const layout = lyricLayout(size);
		expect(layout.marginXInPx).toBeCloseTo(expected.marginXInPx, 9);
		expect(layout.marginYInPx).toBeCloseTo(expected.marginYInPx, 9);
		expect(layout.maxLineWidthInPx).toBeCloseTo(expected.maxLineWidthInPx, 9);
	});

	test('a line never reaches past the frame: margins and line width add up to the width', () => {
		for (const [frameWidth, frameHeight] of [[1920, 1080], [1080, 1920], [1080, 1080], [720, 1280], [16, 7680]] as const) {
			const layout = lyricLayout({frameWidth, frameHeight});
			expect(2 * layout.marginXInPx + layout.maxLineWidthInPx).toBeCloseTo(frameWidth, 9);
			expect(layout.maxLineWidthInPx).toBeGreaterThan(0);
			expect(2 * layout.marginYInPx).toBeLessThan(frameHeight);
		}
	});
});
