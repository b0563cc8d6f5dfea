import {apply, invert, isAffine, isIdentity, type Matrix3} from '../../draw/matrix-3x3.ts';
import type {TransitionMask} from '../../transitions/transition-definition.ts';

/** A yuv420p colour (limited range, BT.601, as every frame of the direct engine). */
export type YuvColor = {readonly y: number; readonly u: number; readonly v: number};

/** A rectangle in pixels of the output frame, fractional where the browser places it so. */
export type PixelBox = {readonly x: number; readonly y: number; readonly width: number; readonly height: number};

/**
 * A picture to lay on a frame: a decoded clip frame (yuv420p, even size in pixels) shown over \`box\` of the shot's
 * box (a letterboxed clip sits inside it; a covering one fills it), or a plain colour filling the shot's box.
 */
export type LayerImage = {readonly kind: 'frame'; readonly data: Uint8Array; readonly width: number; readonly height: number; readonly box: PixelBox} | {readonly kind: 'color'; readonly color: YuvColor};

/** An output frame being drawn: yuv420p of an even size. */
export type FrameBuffer = {readonly data: Uint8Array; readonly width: number; readonly height: number};

type Plane = {readonly offset: number; readonly width: number; readonly height: number; readonly factor: number; readonly index: 0 | 1 | 2};

const planesOf = (width: number, height: number): Plane[] => [
	{offset: 0, width, height, factor: 1, index: 0},
	{offset: width * height, width: width / 2, height: height / 2, factor: 0.5, index: 1},
	{offset: (width * height * 5) / 4, width: width / 2, height: height / 2, factor: 0.5, index: 2},
];

// Where a plane starts in a decoded picture.
const sourcePlaneOffset = (image: {width: number; height: number}, plane: Plane): number => (plane.index === 0 ? 0 : plane.index === 1 ? image.width * image.height : (image.width * image.height * 5) / 4);

const clamp01 = (value: number): number => (value <= 0 ? 0 : value >= 1 ? 1 : value);

/** Fills a frame with one colour. */
export const fillFrame = (frame: FrameBuffer, color: YuvColor): void => {
	const luma = frame.width * frame.height;
	frame.data.fill(color.y, 0, luma);
	frame.data.fill(color.u, luma, luma + luma / 4);
	frame.data.fill(color.v, luma + luma / 4, luma + luma / 2);
};

// How much of a screen point a mask lets through, anti-aliased over about a pixel at its edge.
const maskCoverage = (mask: TransitionMask): ((x: number, y: number) => number) => {
	switch (mask.kind) {
		case 'half-plane': {
			const {a, b, c} = mask;
			return (x, y) => clamp01(0.5 - (a * x + b * y - c));
		}
		case 'circle': {
			const {radius} = mask;
			const {x: cx, y: cy} = mask.centre;
			const inner = radius > 1 ? (radius - 1) * (radius - 1) : 0;
			const outer = (radius + 1) * (radius + 1);
			return (x, y) => {
				const squared = (x - cx) * (x - cx) + (y - cy) * (y - cy);
				return squared <= inner ? 1 : squared >= outer ? 0 : clamp01(0.5 - (Math.sqrt(squared) - radius));
			};
		}
		case 'sector': {
			const sweep = (mask.sweepInDegrees * Math.PI) / 180;
			const {x: cx, y: cy} = mask.centre;
			if (sweep >= 2 * Math.PI) {
				return () => 1;
			}
			if (sweep <= 0) {
				return () => 0;
			}
			return (x, y) => {
				const dx = x - cx;
				const dy = y - cy;
				const radius = Math.sqrt(dx * dx + dy * dy);
				// Clockwise from twelve o'clock, 0…2π.
				let angle = Math.atan2(dx, -dy);
				if (angle < 0) {
					angle += 2 * Math.PI;
				}
				// Distance to the nearer straight side of the sector, positive inside.
				const angular = angle < sweep ? Math.min(angle, sweep - angle) : Math.min(angle - sweep, 2 * Math.PI - angle);
				const distance = angular >= Math.PI / 2 ? radius : radius * Math.sin(angular);
				return angle < sweep ? clamp01(0.5 + distance) : clamp01(0.5 - distance);
			};
		}
	}
};

// Output samples [from, to) of one plane row, each a bilinear read of the source (16.16 fixed point from (fx, fy),
// stepping by (stepX, stepY); reads past the edge take the edge pixels), laid over what is there with a weight of
// 65536ths (65536: the value itself).
const resampleRow = ({out, from, to, source, sourceOffset, sourceWidth, maxX, maxY, fx: fxIn, fy: fyIn, stepX, stepY, weight}: {out: Uint8Array; from: number; to: number; source: Uint8Array; sourceOffset: number; sourceWidth: number; maxX: number; maxY: number; fx: number; fy: number; stepX: number; stepY: number; weight: number}): void => {
	let fx = fxIn | 0;
	let fy = fyIn | 0;
	const opaque = weight >= 65536;
	for (let o = from | 0; o < to; o++) {
		const x = fx < 0 ? 0 : fx > maxX ? maxX : fx;
		const y = fy < 0 ? 0 : fy > maxY ? maxY : fy;
		const p = sourceOffset + (y >> 16) * sourceWidth + (x >> 16);
		const wx = (x >> 8) & 255;
		const wy = (y >> 8) & 255;
		const a = source[p] as number;
		const b = source[p + 1] as number;
		const c = source[p + sourceWidth] as number;
		const d = source[p + sourceWidth + 1] as number;
		const upper = (a << 8) + (b - a) * wx;
		const lower = (c << 8) + (d - c) * wx;
		const value = ((upper << 8) + (lower - upper) * wy + 32768) >> 16;
		if (opaque) {
			out[o] = value;
		} else {
			const current = out[o] as number;
			out[o] = current + (((value - current) * weight + 32768) >> 16);
		}
		fx = (fx + stepX) | 0;
		fy = (fy + stepY) | 0;
	}
};

// The layer fully covers the screen, opaque and unmasked, by an affine map: each output sample is a bilinear read
// of the image (fixed point, 8-bit weights), no blending; reads past the image's edge take its edge pixels.
const resampleAffine = (out: Uint8Array, plane: Plane, source: Uint8Array, sourceOffsetIn: number, sourceWidthIn: number, sourceHeightIn: number, toSource: Matrix3): void => {
	// Integers kept as such (a chroma plane's sizes come from halving), so indexing stays in small-integer arithmetic.
	const sourceOffset = sourceOffsetIn | 0;
	const sourceWidth = sourceWidthIn | 0;
	const sourceHeight = sourceHeightIn | 0;
	const planeWidth = plane.width | 0;
	const planeHeight = plane.height | 0;
	const [m0, m1, m2, m3, m4, m5] = toSource;
	const stepX = Math.round(m0 * 65536);
	const stepY = Math.round(m3 * 65536);
	const maxX = (sourceWidth - 1) * 65536 - 1;
	const maxY = (sourceHeight - 1) * 65536 - 1;
	let o = plane.offset | 0;
	for (let j = 0; j < planeHeight; j++) {
		const fx = Math.round((m0 * 0.5 + m1 * (j + 0.5) + m2) * 65536) | 0;
		const fy = Math.round((m3 * 0.5 + m4 * (j + 0.5) + m5) * 65536) | 0;
		resampleRow({out, from: o, to: o + planeWidth, source, sourceOffset, sourceWidth, maxX, maxY, fx, fy, stepX, stepY, weight: 65536});
		o += planeWidth;
	}
};

/**
 * Lays a picture on a frame: `transform` takes the shot's box (the frame's size) to the screen; the picture
 * shows at `opacity`, inside `mask` (outside it when `maskInverted`; in coordinates `maskTransform` takes to the screen), sampled bilinearly,
 * its edges anti-aliased. Planes are drawn at their own resolution, chroma samples sited at the centre of their
 * 2×2 luma block.
 */
export const drawLayer = ({frame, image, transform, opacity, mask, maskInverted = false, maskTransform}: {frame: FrameBuffer; image: LayerImage; transform: Matrix3; opacity: number; mask: TransitionMask | null; maskInverted?: boolean; maskTransform: Matrix3}): void => {
	const toBox = invert(transform);
	if (toBox === null || opacity <= 0) {
		return;
	}
	const {width, height} = frame;
	const box = image.kind === 'frame' ? image.box : {x: 0, y: 0, width, height};
	// Image pixels per box pixel (1 unless a letterboxed clip was decoded at the nearest even size).
	const scaleX = image.kind === 'frame' ? image.width / box.width : 1;
	const scaleY = image.kind === 'frame' ? image.height / box.height : 1;
	const exact = scaleX === 1 && scaleY === 1;
	const out = frame.data;
	// Fast path: the picture unmoved and the frame's own size, unmasked: copy it, or blend it at its opacity.
	if (mask === null && isIdentity(transform) && image.kind === 'frame' && box.x === 0 && box.y === 0 && box.width === width && box.height === height && image.width === width && image.height === height) {
		if (opacity >= 1) {
			out.set(image.data.subarray(0, (width * height * 3) / 2));
		} else {
			const weight = Math.round(opacity * 65536);
			const source = image.data;
			for (let k = 0, n = (width * height * 3) / 2; k < n; k++) {
				const x = out[k] as number;
				out[k] = x + ((((source[k] as number) - x) * weight + 32768) >> 16);
			}
		}
		return;
	}
	const planes = planesOf(width, height);
	// Fast path: a letterboxed picture unmoved, opaque and unmasked, on even pixels: copy its rows into place.
	if (mask === null && opacity >= 1 && exact && isIdentity(transform) && image.kind === 'frame' && box.x % 2 === 0 && box.y % 2 === 0 && box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height) {
		for (const plane of planes) {
			const f = plane.factor;
			const rowLength = image.width * f;
			const from = sourcePlaneOffset(image, plane);
			for (let j = 0; j < image.height * f; j++) {
				const start = from + j * rowLength;
				out.set(image.data.subarray(start, start + rowLength), plane.offset + (box.y * f + j) * plane.width + box.x * f);
			}
		}
		return;
	}
	// Fast path: an opaque, unmasked picture moved by an affine map (Ken Burns, the pulse) that still covers the
	// whole screen: resample without blending.
	if (mask === null && opacity >= 1 && isAffine(toBox) && image.kind === 'frame') {
		const corners = [apply(toBox, 0, 0), apply(toBox, width, 0), apply(toBox, 0, height), apply(toBox, width, height)];
		const inside = corners.every(({x, y}) => x >= box.x - 1e-6 && x <= box.x + box.width + 1e-6 && y >= box.y - 1e-6 && y <= box.y + box.height + 1e-6);
		if (inside) {
			for (const plane of planes) {
				const f = plane.factor;
				// Plane pixel centre (i + ½, j + ½) is screen point ((i + ½)/f, (j + ½)/f); its image-plane index is
				// f·scale·(box point − box origin) − ½.
				const [m0, m1, m2, m3, m4, m5] = toBox;
				const toSource: Matrix3 = [scaleX * m0, scaleX * m1, scaleX * f * (m2 - box.x) - 0.5, scaleY * m3, scaleY * m4, scaleY * f * (m5 - box.y) - 0.5, 0, 0, 1];
				resampleAffine(out, plane, image.data, sourcePlaneOffset(image, plane), image.width * f, image.height * f, toSource);
			}
			return;
		}
	}
	// The general case: per row, the span of pixels the picture touches, and inside it (for affine maps) the span it
	// covers fully (inside its edges and its mask's): that one resampled in fixed point, the edges pixel by pixel.
	const toMask = mask ? invert(maskTransform) : null;
	const coverageOf = mask ? maskCoverage(mask) : null;
	const affine = isAffine(toBox);
	for (const plane of planes) {
		const f = plane.factor;
		const constant = image.kind === 'color' ? (plane.index === 0 ? image.color.y : plane.index === 1 ? image.color.u : image.color.v) : 0;
		const sourceWidth = image.kind === 'frame' ? (image.width * f) | 0 : 0;
		const sourceHeight = image.kind === 'frame' ? (image.height * f) | 0 : 0;
		const sourceOffset = image.kind === 'frame' ? sourcePlaneOffset(image, plane) | 0 : 0;
		const source = image.kind === 'frame' ? image.data : null;
		const planeWidth = plane.width | 0;
		const planeHeight = plane.height | 0;
		const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = toBox;
		const left = box.x;
		const top = box.y;
		const right = box.x + box.width;
		const bottom = box.y + box.height;
		const toIndexX = scaleX * f;
		const toIndexY = scaleY * f;
		const pixel = (i: number, sy: number, o: number): void => {
			const sx = (i + 0.5) / f;
			let bx: number;
			let by: number;
			if (affine) {
				bx = m0 * sx + m1 * sy + m2;
				by = m3 * sx + m4 * sy + m5;
			} else {
				const w = m6 * sx + m7 * sy + m8;
				if (w <= 0) {
					return;
				}
				bx = (m0 * sx + m1 * sy + m2) / w;
				by = (m3 * sx + m4 * sy + m5) / w;
			}
			// Inside the picture, anti-aliased over its edge (in box pixels).
			const dl = bx - left;
			const dr = right - bx;
			const dt = by - top;
			const db = bottom - by;
			const edge = dl < dr ? (dl < dt ? (dl < db ? dl : db) : dt < db ? dt : db) : dr < dt ? (dr < db ? dr : db) : dt < db ? dt : db;
			if (edge <= -0.5) {
				return;
			}
			let alpha = edge >= 0.5 ? opacity : opacity * (edge + 0.5);
			if (coverageOf !== null && toMask !== null) {
				const mx = toMask[0] * sx + toMask[1] * sy + toMask[2];
				const my = toMask[3] * sx + toMask[4] * sy + toMask[5];
				const coverage = coverageOf(mx, my);
				alpha *= maskInverted ? 1 - coverage : coverage;
				if (alpha <= 0) {
					return;
				}
			}
			let value = constant;
			if (source !== null) {
				let cx = (bx - left) * toIndexX - 0.5;
				let cy = (by - top) * toIndexY - 0.5;
				cx = cx < 0 ? 0 : cx > sourceWidth - 1 ? sourceWidth - 1 : cx;
				cy = cy < 0 ? 0 : cy > sourceHeight - 1 ? sourceHeight - 1 : cy;
				let x0 = cx | 0;
				let y0 = cy | 0;
				x0 = x0 > sourceWidth - 2 ? sourceWidth - 2 : x0;
				y0 = y0 > sourceHeight - 2 ? sourceHeight - 2 : y0;
				const wx = cx - x0;
				const wy = cy - y0;
				const p = (sourceOffset + y0 * sourceWidth + x0) | 0;
				const a = source[p] as number;
				const b = source[p + 1] as number;
				const c = source[p + sourceWidth] as number;
				const d = source[p + sourceWidth + 1] as number;
				const upper = a + (b - a) * wx;
				const lower = c + (d - c) * wx;
				value = upper + (lower - upper) * wy;
			}
			const current = out[o] as number;
			out[o] = alpha >= 1 ? (value + 0.5) | 0 : (current + (value - current) * alpha + 0.5) | 0;
		};
		// A half-plane mask's edge, as a linear function of the screen point (coverage is 1 below -½, 0 above ½).
		const halfPlane = mask?.kind === 'half-plane' && toMask !== null ? {x: mask.a * toMask[0] + mask.b * toMask[3], y: mask.a * toMask[1] + mask.b * toMask[4], c: mask.a * toMask[2] + mask.b * toMask[5] - mask.c} : null;
		const innerMasked = mask === null || halfPlane !== null;
		const weight = Math.round(opacity * 65536);
		for (let j = 0; j < planeHeight; j++) {
			const sy = (j + 0.5) / f;
			const rowStart = (plane.offset + j * planeWidth) | 0;
			if (!affine) {
				for (let i = 0; i < planeWidth; i++) {
					pixel(i, sy, rowStart + i);
				}
				continue;
			}
			// Box point of pixel i: (ax·i + bx0, ay·i + by0).
			const ax = m0 / f;
			const ay = m3 / f;
			const bx0 = m0 * (0.5 / f) + m1 * sy + m2;
			const by0 = m3 * (0.5 / f) + m4 * sy + m5;
			const outer = {from: 0, to: planeWidth};
			const inner = {from: 0, to: innerMasked ? planeWidth : 0};
			// Narrows a span of i to where low ≤ slope·i + offset ≤ high.
			const within = (span: {from: number; to: number}, slope: number, offset: number, low: number, high: number): void => {
				if (Math.abs(slope) < 1e-12) {
					if (offset < low || offset > high) {
						span.to = span.from;
					}
					return;
				}
				const a = (low - offset) / slope;
				const b = (high - offset) / slope;
				span.from = Math.max(span.from, Math.ceil(Math.min(a, b) - 1e-9));
				span.to = Math.min(span.to, Math.floor(Math.max(a, b) + 1e-9) + 1);
			};
			within(outer, ax, bx0, left - 0.5, right + 0.5);
			within(outer, ay, by0, top - 0.5, bottom + 0.5);
			within(inner, ax, bx0, left + 0.5 + 1e-6, right - 0.5 - 1e-6);
			within(inner, ay, by0, top + 0.5 + 1e-6, bottom - 0.5 - 1e-6);
			if (halfPlane !== null) {
				const slope = halfPlane.x / f;
				const offset = halfPlane.x * (0.5 / f) + halfPlane.y * sy + halfPlane.c;
				if (maskInverted) {
					within(outer, slope, offset, -0.5, Number.POSITIVE_INFINITY);
					within(inner, slope, offset, 0.5 + 1e-6, Number.POSITIVE_INFINITY);
				} else {
					within(outer, slope, offset, Number.NEGATIVE_INFINITY, 0.5);
					within(inner, slope, offset, Number.NEGATIVE_INFINITY, -0.5 - 1e-6);
				}
			}
			if (outer.to <= outer.from) {
				continue;
			}
			if (inner.to <= inner.from) {
				inner.from = outer.to;
				inner.to = outer.to;
			}
			for (let i = outer.from; i < inner.from; i++) {
				pixel(i, sy, rowStart + i);
			}
			const from = inner.from | 0;
			const to = inner.to | 0;
			if (source === null) {
				for (let o = rowStart + from; o < rowStart + to; o++) {
					const current = out[o] as number;
					out[o] = weight >= 65536 ? constant : current + (((constant - current) * weight + 32768) >> 16);
				}
			} else {
				// Source index of pixel i, in 16.16 fixed point: ((box point − box origin) · toIndex − ½) · 65536.
				resampleRow({
					out,
					from: rowStart + from,
					to: rowStart + to,
					source,
					sourceOffset,
					sourceWidth,
					maxX: ((sourceWidth - 1) * 65536 - 1) | 0,
					maxY: ((sourceHeight - 1) * 65536 - 1) | 0,
					fx: Math.round(((ax * from + bx0 - left) * toIndexX - 0.5) * 65536),
					fy: Math.round(((ay * from + by0 - top) * toIndexY - 0.5) * 65536),
					stepX: Math.round(ax * toIndexX * 65536) | 0,
					stepY: Math.round(ay * toIndexY * 65536) | 0,
					weight,
				});
			}
			for (let i = Math.max(inner.to, outer.from); i < outer.to; i++) {
				pixel(i, sy, rowStart + i);
			}
		}
	}
};

/**
 * CSS `brightness()` over a frame, as the browser applies it: each pixel's RGB (BT.601, limited range, its 2×2
 * block's chroma) multiplied and clipped to 0…255, then back to YUV (chroma from the block's mean).
 */
export const brighten = (frame: FrameBuffer, brightness: number): void => {
	const {width, height, data} = frame;
	const luma = width * height;
	const chromaWidth = width / 2;
	for (let by = 0; by < height / 2; by++) {
		for (let bx = 0; bx < chromaWidth; bx++) {
			const uIndex = luma + by * chromaWidth + bx;
			const vIndex = uIndex + luma / 4;
			const u = (data[uIndex] as number) - 128;
			const v = (data[vIndex] as number) - 128;
			const red = 1.596 * v;
			const green = -0.392 * u - 0.813 * v;
			const blue = 2.017 * u;
			let sumR = 0;
			let sumG = 0;
			let sumB = 0;
			for (let k = 0; k < 4; k++) {
				const index = (2 * by + (k >> 1)) * width + 2 * bx + (k & 1);
				const y = 1.164 * ((data[index] as number) - 16);
				const r = Math.min(255, Math.max(0, (y + red) * brightness));
				const g = Math.min(255, Math.max(0, (y + green) * brightness));
				const b = Math.min(255, Math.max(0, (y + blue) * brightness));
				data[index] = Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b);
				sumR += r;
				sumG += g;
				sumB += b;
			}
			data[uIndex] = Math.round(128 + (-0.148 * sumR - 0.291 * sumG + 0.439 * sumB) / 4);
			data[vIndex] = Math.round(128 + (0.439 * sumR - 0.368 * sumG - 0.071 * sumB) / 4);
		}
	}
};
