import {describe, expect, test} from 'vitest';
import {clipPlacement} from './clip-placement.ts';

describe('clipPlacement (CSS object-fit and object-position in percent)', () => {
	test.each([
		// A 1280x720 clip covering a 1080x1920 frame: scaled ×2.667 to 3413x1920; x 0 puts its left edge on the frame's, x 100 its right.
		[{fit: 'cover', xPercent: 50, yPercent: 50}, {scale: 1920 / 720, drawnWidthInPx: 3413.333, drawnHeightInPx: 1920, centreOffsetXInPx: 0, centreOffsetYInPx: 0}],
		[{fit: 'cover', xPercent: 0, yPercent: 50}, {scale: 1920 / 720, drawnWidthInPx: 3413.333, drawnHeightInPx: 1920, centreOffsetXInPx: 1166.667, centreOffsetYInPx: 0}],
		[{fit: 'cover', xPercent: 100, yPercent: 0}, {scale: 1920 / 720, drawnWidthInPx: 3413.333, drawnHeightInPx: 1920, centreOffsetXInPx: -1166.667, centreOffsetYInPx: 0}],
		// Contain: the whole clip, 1080x607.5, letterboxed; y 0 lifts it to the frame's top.
		[{fit: 'contain', xPercent: 50, yPercent: 0}, {scale: 1080 / 1280, drawnWidthInPx: 1080, drawnHeightInPx: 607.5, centreOffsetXInPx: 0, centreOffsetYInPx: -656.25}],
	] as const)('%o', (options, expected) => {
		const placement = clipPlacement({frameWidth: 1080, frameHeight: 1920, clipWidth: 1280, clipHeight: 720, ...options});
		for (const [key, value] of Object.entries(expected)) {
			expect(placement[key as keyof typeof placement]).toBeCloseTo(value, 3);
		}
	});

	test('the focus point of the clip lands on the same point of the frame', () => {
		for (const [xPercent, yPercent] of [[20, 50], [70, 40], [0, 100]] as const) {
			const p = clipPlacement({frameWidth: 1080, frameHeight: 1920, clipWidth: 1280, clipHeight: 720, fit: 'cover', xPercent, yPercent});
			const clipPointX = 1080 / 2 + p.centreOffsetXInPx - p.drawnWidthInPx / 2 + (p.drawnWidthInPx * xPercent) / 100;
			const clipPointY = 1920 / 2 + p.centreOffsetYInPx - p.drawnHeightInPx / 2 + (p.drawnHeightInPx * yPercent) / 100;
			expect(clipPointX).toBeCloseTo((1080 * xPercent) / 100, 6);
			expect(clipPointY).toBeCloseTo((1920 * yPercent) / 100, 6);
		}
	});
});
