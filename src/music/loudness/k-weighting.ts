/** One second-order IIR section in direct form: `b` feed-forward, `a` feedback with `a[0] = 1` left out. */
export type Biquad = {
	readonly b0: number;
	readonly b1: number;
	readonly b2: number;
	readonly a1: number;
	readonly a2: number;
};

/**
 * The two stages of ITU-R BS.1770-4's K-weighting (a high shelf modelling the head, then the RLB high-pass), designed for
 * any sample rate from the analogue prototypes libebur128 derived, so 44.1 kHz is weighted like the spec's 48 kHz table.
 */
export const kWeightingFilters = (sampleRate: number): readonly [Biquad, Biquad] => {
	const shelfFrequency = 1681.974450955533;
	const shelfGainInDb = 3.999843853973347;
	const shelfQ = 0.7071752369554196;
	let k = Math.tan((Math.PI * shelfFrequency) / sampleRate);
	const vh = 10 ** (shelfGainInDb / 20);
	const vb = vh ** 0.4996667741545416;
	let a0 = 1 + k / shelfQ + k * k;
	const shelf: Biquad = {
		b0: (vh + (vb * k) / shelfQ + k * k) / a0,
		b1: (2 * (k * k - vh)) / a0,
		b2: (vh - (vb * k) / shelfQ + k * k) / a0,
		a1: (2 * (k * k - 1)) / a0,
		a2: (1 - k / shelfQ + k * k) / a0,
	};
	const highPassFrequency = 38.13547087602444;
	const highPassQ = 0.5003270373238773;
	k = Math.tan((Math.PI * highPassFrequency) / sampleRate);
	a0 = 1 + k / highPassQ + k * k;
	const highPass: Biquad = {b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / highPassQ + k * k) / a0};
	return [shelf, highPass];
};

/** Runs samples through the K-weighting filters and returns the weighted signal squared (what BS.1770 averages). */
export const kWeightedSquares = (samples: Float32Array, sampleRate: number): Float64Array => {
	const [s, h] = kWeightingFilters(sampleRate);
	const out = new Float64Array(samples.length);
	// Direct form I, in doubles: a 4-minute song accumulates no audible filter error.
	let sx1 = 0;
	let sx2 = 0;
	let sy1 = 0;
	let sy2 = 0;
	let hy1 = 0;
	let hy2 = 0;
	for (let i = 0; i < samples.length; i++) {
		const x = samples[i] as number;
		const y = s.b0 * x + s.b1 * sx1 + s.b2 * sx2 - s.a1 * sy1 - s.a2 * sy2;
		sx2 = sx1;
		sx1 = x;
		const z = h.b0 * y + h.b1 * sy1 + h.b2 * sy2 - h.a1 * hy1 - h.a2 * hy2;
		sy2 = sy1;
		sy1 = y;
		hy2 = hy1;
		hy1 = z;
		out[i] = z * z;
	}
	return out;
};
