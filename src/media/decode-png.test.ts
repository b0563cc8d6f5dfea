import {inflateSync} from 'node:zlib';
import {PNG} from 'pngjs';
import {describe, expect, test} from 'vitest';
import {decodePng} from './decode-png.ts';

// An RGBA picture with smooth runs, edges and every alpha, so that each filter has work to undo.
const picture = (width: number, height: number): PNG => {
	const image = new PNG({width, height});
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const o = (y * width + x) * 4;
			image.data[o] = (x * 13 + y * 7) & 0xff;
			image.data[o + 1] = x > width / 2 ? 250 : 5;
			image.data[o + 2] = (x * y) & 0xff;
			image.data[o + 3] = ((x + y) * 37) & 0xff;
		}
	}
	return image;
};

describe('decodePng', () => {
	const image = picture(37, 23);
	test.each([0, 1, 2, 3, 4])('undoes filter type %i exactly as pngjs reads it', (filterType) => {
		const png = PNG.sync.write(image, {filterType, colorType: 6});
		// Each row really carries the filter asked for (the byte before its pixels; pngjs writes one IDAT chunk).
		const raw = inflateSync(png.subarray(41, 41 + png.readUInt32BE(33)));
		expect(png.toString('latin1', 37, 41)).toBe('IDAT');
		expect(new Set(Array.from({length: 23}, (_, row) => raw[row * (37 * 4 + 1)]))).toEqual(new Set([filterType]));
		const decoded = decodePng(png);
		expect(decoded).toMatchObject({width: 37, height: 23});
		expect(Buffer.from(decoded.data).equals(image.data)).toBe(true);
		expect(Buffer.from(decoded.data).equals(PNG.sync.read(png).data)).toBe(true);
	});

	test('reads a PNG whose rows mix filters (pngjs picks the best per row)', () => {
		const png = PNG.sync.write(picture(64, 40), {filterType: -1, colorType: 6});
		expect(Buffer.from(decodePng(png).data).equals(PNG.sync.read(png).data)).toBe(true);
	});

	test('hands other kinds of PNG (here RGB without alpha) to pngjs, as RGBA', () => {
		const png = PNG.sync.write(image, {colorType: 2});
		const decoded = decodePng(png);
		expect(decoded.data.length).toBe(37 * 23 * 4);
		expect(Buffer.from(decoded.data).equals(PNG.sync.read(png).data)).toBe(true);
		expect(decoded.data[3]).toBe(255);
	});

	test('refuses what is not a whole PNG', () => {
		const png = PNG.sync.write(image, {filterType: 2, colorType: 6});
		expect(() => decodePng(Buffer.from('not a picture at all, just some text'))).toThrow(/not a PNG/);
		expect(() => decodePng(png.subarray(0, png.length - 40))).toThrow(/truncated/);
	});
});
