import {describe, expect, test} from 'vitest';
import {compositeOverlay, overlayFromRgba} from './lyric-overlay.ts';

// A 6x4 RGBA image, transparent but for one opaque white pixel at (3, 1) and a half-transparent black one at (4, 1).
const image = (): Uint8Array => {
	const rgba = new Uint8Array(6 * 4 * 4);
	rgba.set([255, 255, 255, 255], (1 * 6 + 3) * 4);
	rgba.set([0, 0, 0, 128], (1 * 6 + 4) * 4);
	return rgba;
};

describe('overlayFromRgba', () => {
	test('crops to the drawn pixels, widened to even coordinates for 4:2:0 chroma', () => {
		const overlay = overlayFromRgba({rgba: image(), width: 6, height: 4});
		expect(overlay && [overlay.x, overlay.y, overlay.width, overlay.height]).toEqual([2, 0, 4, 2]);
	});

	test('is null when nothing is drawn', () => {
		expect(overlayFromRgba({rgba: new Uint8Array(6 * 4 * 4), width: 6, height: 4})).toBeNull();
	});
});

describe('compositeOverlay', () => {
	const grey = (): Uint8Array => new Uint8Array(6 * 4 * 1.5).fill(100).fill(128, 6 * 4);
	const overlay = overlayFromRgba({rgba: image(), width: 6, height: 4});

	test('puts limited-range white where the still is opaque and blends half-transparent pixels halfway', () => {
		const frame = grey();
		compositeOverlay({frame, frameWidth: 6, frameHeight: 4, overlay: overlay!, opacity: 1});
		expect(frame[1 * 6 + 3]).toBe(235);
		// Black is 16 in limited range: 100 + 128/255 * (16 - 100).
		expect(frame[1 * 6 + 4]).toBe(58);
		// Untouched pixels and neutral chroma (white and black have none) stay as they were.
		expect(frame[0]).toBe(100);
		expect([...frame.subarray(24)].every((value) => value === 128)).toBe(true);
	});

	test('scales the still by the line opacity, as CSS group opacity does', () => {
		const frame = grey();
		compositeOverlay({frame, frameWidth: 6, frameHeight: 4, overlay: overlay!, opacity: 0.5});
		expect(frame[1 * 6 + 3]).toBe(Math.round(100 + 0.5 * (235 - 100)));
	});
});
