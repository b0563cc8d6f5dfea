/** An in-place radix-2 FFT for one size, with its twiddles and bit reversal computed once. */
export type Fft = {
	readonly size: number;
	/** Transforms `re`/`im` (length `size`) in place. */
	readonly transform: (re: Float64Array, im: Float64Array) => void;
};

/** Prepares an FFT of `size` points (a power of two). */
export const createFft = (size: number): Fft => {
	if (size < 2 || (size & (size - 1)) !== 0) {
		throw new RangeError(`FFT size must be a power of two, got ${size}`);
	}
	const levels = Math.log2(size);
	const reversed = new Uint32Array(size);
	for (let i = 0; i < size; i++) {
		let r = 0;
		for (let bit = 0; bit < levels; bit++) {
			r = (r << 1) | ((i >>> bit) & 1);
		}
		reversed[i] = r;
	}
	const cos = new Float64Array(size / 2);
	const sin = new Float64Array(size / 2);
	for (let i = 0; i < size / 2; i++) {
		cos[i] = Math.cos((2 * Math.PI * i) / size);
		sin[i] = -Math.sin((2 * Math.PI * i) / size);
	}
	return {
		size,
		transform: (re, im) => {
			for (let i = 0; i < size; i++) {
				const j = reversed[i] as number;
				if (j > i) {
					// Plain swaps: a destructuring swap allocates an array per pair, which dominated the analysis time.
					const r = re[i] as number;
					re[i] = re[j] as number;
					re[j] = r;
					const m = im[i] as number;
					im[i] = im[j] as number;
					im[j] = m;
				}
			}
			for (let half = 1; half < size; half *= 2) {
				const step = size / (half * 2);
				for (let start = 0; start < size; start += half * 2) {
					for (let k = 0; k < half; k++) {
						const wr = cos[k * step] as number;
						const wi = sin[k * step] as number;
						const a = start + k;
						const b = a + half;
						const tr = wr * (re[b] as number) - wi * (im[b] as number);
						const ti = wr * (im[b] as number) + wi * (re[b] as number);
						re[b] = (re[a] as number) - tr;
						im[b] = (im[a] as number) - ti;
						re[a] = (re[a] as number) + tr;
						im[a] = (im[a] as number) + ti;
					}
				}
			}
		},
	};
};
