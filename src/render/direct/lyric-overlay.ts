/**
 * A lyric still ready to lay over yuv420p frames: the part of the frame it covers (even-aligned), its colour in
 * limited-range BT.601 YUV (what a JPEG frame from the browser becomes once encoded) and its alpha, with chroma
 * already averaged over each 2x2 block as the browser's frames are when they are subsampled.
 */
export type OverlayImage = {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
	readonly luma: Float32Array;
	readonly alpha: Float32Array;
	readonly chromaAlpha: Float32Array;
	readonly cbTimesAlpha: Float32Array;
	readonly crTimesAlpha: Float32Array;
	/** Per row of luma (then of chroma), the first and past-the-last column with any alpha: the rest is skipped. */
	readonly lumaSpans: Int32Array;
	readonly chromaSpans: Int32Array;
};

// First and past-the-last index with a non-zero value in each row.
const rowSpans = (values: Float32Array, width: number, height: number): Int32Array => {
	const spans = new Int32Array(height * 2);
	for (let row = 0; row < height; row++) {
		let start = width;
		let end = 0;
		for (let col = 0; col < width; col++) {
			if ((values[row * width + col] as number) > 0) {
				start = Math.min(start, col);
				end = col + 1;
			}
		}
		spans[row * 2] = start;
		spans[row * 2 + 1] = end;
	}
	return spans;
};

/** Turns a straight-alpha RGBA image (a PNG still) into an overlay cropped to what is not transparent; null when nothing is. */
export const overlayFromRgba = ({rgba, width, height}: {rgba: Uint8Array; width: number; height: number}): OverlayImage | null => {
	let minX = width;
	let minY = height;
	let maxX = -1;
	let maxY = -1;
	for (let row = 0; row < height; row++) {
		for (let col = 0; col < width; col++) {
			if ((rgba[(row * width + col) * 4 + 3] as number) > 0) {
				minX = Math.min(minX, col);
				maxX = Math.max(maxX, col);
				minY = Math.min(minY, row);
				maxY = Math.max(maxY, row);
			}
		}
	}
	if (maxX < 0) {
		return null;
	}
	const x = minX - (minX % 2);
	const y = minY - (minY % 2);
	const w = Math.min(width, maxX + 1 + ((maxX + 1) % 2)) - x;
	const h = Math.min(height, maxY + 1 + ((maxY + 1) % 2)) - y;
	const luma = new Float32Array(w * h);
	const alpha = new Float32Array(w * h);
	const chromaAlpha = new Float32Array((w / 2) * (h / 2));
	const cbTimesAlpha = new Float32Array((w / 2) * (h / 2));
	const crTimesAlpha = new Float32Array((w / 2) * (h / 2));
	for (let row = 0; row < h; row++) {
		for (let col = 0; col < w; col++) {
			const o = ((y + row) * width + (x + col)) * 4;
			const r = rgba[o] as number;
			const g = rgba[o + 1] as number;
			const b = rgba[o + 2] as number;
			const a = (rgba[o + 3] as number) / 255;
			const i = row * w + col;
			luma[i] = 16 + (219 / 255) * (0.299 * r + 0.587 * g + 0.114 * b);
			alpha[i] = a;
			const c = (row >> 1) * (w / 2) + (col >> 1);
			chromaAlpha[c] = (chromaAlpha[c] as number) + a / 4;
			cbTimesAlpha[c] = (cbTimesAlpha[c] as number) + (a / 4) * (128 + (224 / 255) * (-0.168736 * r - 0.331264 * g + 0.5 * b));
			crTimesAlpha[c] = (crTimesAlpha[c] as number) + (a / 4) * (128 + (224 / 255) * (0.5 * r - 0.418688 * g - 0.081312 * b));
		}
	}
	return {x, y, width: w, height: h, luma, alpha, chromaAlpha, cbTimesAlpha, crTimesAlpha, lumaSpans: rowSpans(alpha, w, h), chromaSpans: rowSpans(chromaAlpha, w / 2, h / 2)};
};

const toByte = (value: number): number => (value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value));

/**
 * Lays an overlay over a yuv420p frame in place at an opacity, as the browser composites a line whose group
 * opacity is `opacity` (blending in YUV equals blending in RGB: the conversion is affine).
 */
export const compositeOverlay = ({frame, frameWidth, frameHeight, overlay, opacity}: {frame: Uint8Array; frameWidth: number; frameHeight: number; overlay: OverlayImage; opacity: number}): void => {
	if (opacity <= 0) {
		return;
	}
	const {x, y, width: w, height: h} = overlay;
	for (let row = 0; row < h; row++) {
		const lineStart = (y + row) * frameWidth + x;
		for (let col = overlay.lumaSpans[row * 2] as number, end = overlay.lumaSpans[row * 2 + 1] as number; col < end; col++) {
			const a = (overlay.alpha[row * w + col] as number) * opacity;
			if (a > 0) {
				const base = frame[lineStart + col] as number;
				frame[lineStart + col] = toByte(base + a * ((overlay.luma[row * w + col] as number) - base));
			}
		}
	}
	const chromaWidth = frameWidth / 2;
	const cbPlane = frameWidth * frameHeight;
	const crPlane = cbPlane + chromaWidth * (frameHeight / 2);
	for (let row = 0; row < h / 2; row++) {
		const lineStart = (y / 2 + row) * chromaWidth + x / 2;
		for (let col = overlay.chromaSpans[row * 2] as number, end = overlay.chromaSpans[row * 2 + 1] as number; col < end; col++) {
			const c = row * (w / 2) + col;
			const a = (overlay.chromaAlpha[c] as number) * opacity;
			if (a > 0) {
				const cb = cbPlane + lineStart + col;
				const cr = crPlane + lineStart + col;
				frame[cb] = toByte((frame[cb] as number) * (1 - a) + (overlay.cbTimesAlpha[c] as number) * opacity);
				frame[cr] = toByte((frame[cr] as number) * (1 - a) + (overlay.crTimesAlpha[c] as number) * opacity);
			}
		}
	}
};
