/**
 * A 2D projective transform as a 3×3 matrix, row-major: a point (x, y) maps to ((m0·x + m1·y + m2) / w,
 * (m3·x + m4·y + m5) / w) with w = m6·x + m7·y + m8. CSS 2D transforms are the affine case (m6 = m7 = 0, m8 = 1);
 * a 3D rotation seen through a perspective is a general one.
 */
export type Matrix3 = readonly [number, number, number, number, number, number, number, number, number];

export const IDENTITY: Matrix3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** a·b: b applied first, then a. */
export const multiply = (a: Matrix3, b: Matrix3): Matrix3 => {
	const [a0, a1, a2, a3, a4, a5, a6, a7, a8] = a;
	const [b0, b1, b2, b3, b4, b5, b6, b7, b8] = b;
	return [
		a0 * b0 + a1 * b3 + a2 * b6, a0 * b1 + a1 * b4 + a2 * b7, a0 * b2 + a1 * b5 + a2 * b8,
		a3 * b0 + a4 * b3 + a5 * b6, a3 * b1 + a4 * b4 + a5 * b7, a3 * b2 + a4 * b5 + a5 * b8,
		a6 * b0 + a7 * b3 + a8 * b6, a6 * b1 + a7 * b4 + a8 * b7, a6 * b2 + a7 * b5 + a8 * b8,
	];
};

/** Applies transforms in order: the first of the list first. */
export const chain = (...matrices: readonly Matrix3[]): Matrix3 => matrices.reduce((applied, next) => multiply(next, applied), IDENTITY);

export const translation = (x: number, y: number): Matrix3 => [1, 0, x, 0, 1, y, 0, 0, 1];

/** Scaling about a point, as CSS `scale()` about its transform origin. */
export const scalingAbout = (scale: number, cx: number, cy: number): Matrix3 => [scale, 0, cx * (1 - scale), 0, scale, cy * (1 - scale), 0, 0, 1];

/** The inverse transform (null when the matrix is singular: the picture is edge-on). */
export const invert = (m: Matrix3): Matrix3 | null => {
	const [a, b, c, d, e, f, g, h, i] = m;
	const A = e * i - f * h;
	const B = -(d * i - f * g);
	const C = d * h - e * g;
	const det = a * A + b * B + c * C;
	if (Math.abs(det) < 1e-12) {
		return null;
	}
	return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
};

/** Where a point goes. */
export const apply = (m: Matrix3, x: number, y: number): {x: number; y: number} => {
	const w = m[6] * x + m[7] * y + m[8];
	return {x: (m[0] * x + m[1] * y + m[2]) / w, y: (m[3] * x + m[4] * y + m[5]) / w};
};

export const isAffine = (m: Matrix3): boolean => m[6] === 0 && m[7] === 0 && m[8] === 1;

export const isIdentity = (m: Matrix3): boolean => m.every((value, k) => value === IDENTITY[k]);
