import {inflateSync} from 'node:zlib';
import {PNG} from 'pngjs';

/** A decoded PNG: straight-alpha RGBA, row after row. */
export type RgbaImage = {readonly width: number; readonly height: number; readonly data: Uint8Array};

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// Undoes one row's PNG filter (RFC 2083 §6) in place: the row's filtered bytes are at `start` of `out`, the rows
// above it final. `words` is `out` seen as 32-bit words; rows start on a word (RGBA rows are whole words).
const unfilterRow = (filter: number, out: Uint8Array, words: Uint32Array, start: number, stride: number, bpp: number): void => {
	const above = start - stride;
	const first = start === 0;
	switch (filter) {
		case 0:
			return;
		case 2:
			// Up, the filter Chrome writes every row with: four bytes added at once, each modulo 256 (the low seven
			// bits added without their top bits, whose sum is then put back without a carry): a third of the time.
			if (!first) {
				for (let i = start >> 2, end = (start + stride) >> 2; i < end; i++) {
					const x = words[i] as number;
					const y = words[i - (stride >> 2)] as number;
					words[i] = ((x & 0x7f7f7f7f) + (y & 0x7f7f7f7f)) ^ ((x ^ y) & 0x80808080);
				}
			}
			return;
		case 1:
			for (let i = bpp; i < stride; i++) {
				out[start + i] = ((out[start + i] as number) + (out[start + i - bpp] as number)) & 0xff;
			}
			return;
		case 3:
			for (let i = 0; i < stride; i++) {
				const left = i >= bpp ? (out[start + i - bpp] as number) : 0;
				const up = first ? 0 : (out[above + i] as number);
				out[start + i] = ((out[start + i] as number) + ((left + up) >> 1)) & 0xff;
			}
			return;
		case 4:
			for (let i = 0; i < stride; i++) {
				const left = i >= bpp ? (out[start + i - bpp] as number) : 0;
				const up = first ? 0 : (out[above + i] as number);
				const upLeft = i >= bpp && !first ? (out[above + i - bpp] as number) : 0;
				const estimate = left + up - upLeft;
				const toLeft = Math.abs(estimate - left);
				const toUp = Math.abs(estimate - up);
				const toUpLeft = Math.abs(estimate - upLeft);
				const predictor = toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
				out[start + i] = ((out[start + i] as number) + predictor) & 0xff;
			}
			return;
		default:
			throw new Error(`PNG row with unknown filter type ${filter}`);
	}
};

/**
 * Decodes a PNG to straight-alpha RGBA. 8-bit RGBA without interlacing, which is what Chrome's captures are, is
 * decoded here (inflate, then each row's filter undone: 15–17 ms for a 1920×1080 capture whose rows are all
 * Up-filtered, against 81–95 ms with pngjs, which the lyric stills paid 17 times a render on the 60 s benchmark);
 * every other kind of PNG goes to pngjs.
 */
export const decodePng = (png: Buffer): RgbaImage => {
	if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) {
		throw new Error('not a PNG: its signature is missing');
	}
	const width = png.readUInt32BE(16);
	const height = png.readUInt32BE(20);
	const [bitDepth, colourType, , , interlace] = png.subarray(24, 29);
	if (bitDepth !== 8 || colourType !== 6 || interlace !== 0) {
		const decoded = PNG.sync.read(png);
		return {width: decoded.width, height: decoded.height, data: decoded.data};
	}
	const data: Buffer[] = [];
	for (let offset = 8; offset + 8 <= png.length; ) {
		const length = png.readUInt32BE(offset);
		const type = png.toString('latin1', offset + 4, offset + 8);
		if (offset + 12 + length > png.length) {
			throw new Error(`PNG truncated in its ${type} chunk`);
		}
		if (type === 'IDAT') {
			data.push(png.subarray(offset + 8, offset + 8 + length));
		} else if (type === 'IEND') {
			break;
		}
		offset += 12 + length;
	}
	const raw = inflateSync(Buffer.concat(data));
	const stride = width * 4;
	if (raw.length !== height * (stride + 1)) {
		throw new Error(`PNG data holds ${raw.length} bytes where ${width}×${height} RGBA needs ${height * (stride + 1)}`);
	}
	// Decoded where it was inflated, each row moved up over the filter bytes before it (its filter byte read
	// first): no second frame-sized buffer per capture, which the stills made 8 MiB of garbage at a time.
	const inflated = raw.byteOffset % 4 === 0 ? raw : new Uint8Array(raw);
	const words = new Uint32Array(inflated.buffer, inflated.byteOffset, (height * stride) >> 2);
	for (let row = 0; row < height; row++) {
		const at = row * (stride + 1);
		const filter = inflated[at] as number;
		inflated.copyWithin(row * stride, at + 1, at + 1 + stride);
		unfilterRow(filter, inflated, words, row * stride, stride, 4);
	}
	return {width, height, data: inflated.subarray(0, height * stride)};
};
