/**
 * The onset envelope blurred by a small Gaussian (σ ≈ 2 frames). Autocorrelation runs at whole-frame lags;
 * on a sharp envelope, a period that falls between two lags loses its peak after a few beats of drift.
 */
export const smoothOnset = (onset: Float64Array, sigmaInFrames = 2): Float64Array => {
	const radius = Math.ceil(sigmaInFrames * 3);
	const kernel = Array.from({length: 2 * radius + 1}, (_, i) => Math.exp(-0.5 * ((i - radius) / sigmaInFrames) ** 2));
	const smoothed = new Float64Array(onset.length);
	for (let t = 0; t < onset.length; t++) {
		let sum = 0;
		for (let k = -radius; k <= radius; k++) {
			sum += (onset[t + k] ?? 0) * (kernel[k + radius] as number);
		}
		smoothed[t] = sum;
	}
	return smoothed;
};

/** Autocorrelation of the onset envelope at a lag, over frames [from, to). */
const autocorrelation = (onset: Float64Array, lag: number, from = 0, to = onset.length): number => {
	let sum = 0;
	for (let t = from; t + lag < to; t++) {
		sum += (onset[t] as number) * (onset[t + lag] as number);
	}
	return sum / Math.max(1, to - from - lag);
};

/** Autocorrelation of the onset envelope with its mean removed, normalised by lag 0, for lags 0..maxLag. */
const normalisedAutocorrelation = (onset: Float64Array, maxLag: number): Float64Array => {
	let average = 0;
	for (let t = 0; t < onset.length; t++) {
		average += onset[t] as number;
	}
	average /= Math.max(1, onset.length);
	const centred = onset.map((v) => v - average);
	const ac = new Float64Array(maxLag + 2);
	let zero = 0;
	for (let t = 0; t < centred.length; t++) {
		zero += (centred[t] as number) ** 2;
	}
	for (let lag = 0; lag < ac.length && lag < centred.length; lag++) {
		let sum = 0;
		for (let t = 0; t + lag < centred.length; t++) {
			sum += (centred[t] as number) * (centred[t + lag] as number);
		}
		ac[lag] = sum / (zero || 1);
	}
	return ac;
};

const interpolate = (values: Float64Array, position: number): number => {
	const left = Math.floor(position);
	const fraction = position - left;
	return (values[left] ?? 0) * (1 - fraction) + (values[left + 1] ?? 0) * fraction;
};

/** How many multiples of a beat period the harmonic comb looks at (a bar of 4 beats). */
const COMB_HARMONICS = 4;
/** How much better a tempo 3:2 or 2:3 away must fit the comb to replace the prior's pick. */
const COMB_MARGIN = 0.1;

/**
 * How well the onsets repeat at every multiple of a beat period up to a bar of four (the mean autocorrelation at 1, 2,
 * 3 and 4 periods, each the best within ±2%). A true beat repeats at all of them; a pulse 3:2 away from it (three
 * eighths, a dotted quarter in 4/4) repeats only at every other one.
 */
const harmonicComb = (ac: Float64Array, periodInFrames: number): number => {
	let sum = 0;
	for (let k = 1; k <= COMB_HARMONICS; k++) {
		const lag = k * periodInFrames;
		sum += Math.max(interpolate(ac, lag * 0.98), interpolate(ac, lag), interpolate(ac, lag * 1.02));
	}
	return sum / COMB_HARMONICS;
};

/**
 * The autocorrelation peak can sit on a pulse 3:2 away from the beat (a dotted quarter in a straight 4/4, a 6/8
 * pattern's half bar): the tempo 2:3 or 3:2 away replaces it when its harmonic comb is clearly (10%) stronger.
 * Octaves are left to the checks that follow.
 */
const withoutThreeTwoConfusion = (ac: Float64Array, framesPerSecond: number, bpm: number): number => {
	let best = bpm;
	let bestComb = harmonicComb(ac, (60 * framesPerSecond) / bpm);
	for (const ratio of [2 / 3, 3 / 2]) {
		const candidate = bpm * ratio;
		if (candidate < 40 || candidate > 240) {
			continue;
		}
		const comb = harmonicComb(ac, (60 * framesPerSecond) / candidate);
		if (comb > bestComb * (1 + COMB_MARGIN)) {
			best = candidate;
			bestComb = comb;
		}
	}
	return best;
};

/** Above this, a doubled tempo is the subdivision (eighth notes under a fast beat), not the beat. */
const FASTEST_DOUBLED_BPM = 220;
/** The second look for a faster beat is only for fast songs: below this, a doubled tempo is a ballad's eighths (or hats). */
const SLOWEST_FAST_BPM = 170;

/**
 * Global tempo from the onset envelope (the low band: kick, bass, snare body, chords): for every tempo from 40 to
 * 240 bpm (a quarter bpm apart), the autocorrelation at its period plus half that at twice the period (the next
 * metrical level up), weighted by a log-normal prior centred on 100 bpm (σ 0.9 octave), so that of a tempo and its
 * double or half, the one a listener would tap wins. Then octave checks, up to 220 bpm: the faster pulse is the beat
 * when the low band repeats as strongly at half the period. A fast song (double 170 to 220 bpm) gets a second look,
 * since the prior favours its half tempo: the faster pulse is the beat when `wholeBand` repeats as strongly at half
 * the period (a kick on every other beat, the snare or a chord chop on the rest), or when the low band repeats at
 * half the period (at least 0.3 times as strongly as at the period) while nothing repeats at a quarter of it: a
 * walking bass or two-beat feel with no straight subdivision of its own. Tuned on the development set's tuning
 * half only (and on more MMA grooves rendered for tuning, none of the held-out half).
 */
export const estimateTempo = (onset: Float64Array, framesPerSecond: number, wholeBand: Float64Array = onset): number => {
	const periodOf = (bpm: number): number => (60 * framesPerSecond) / bpm;
	const maxLag = Math.ceil(COMB_HARMONICS * periodOf(40) * 1.02) + 1;
	const ac = normalisedAutocorrelation(onset, maxLag);
	let best = 120;
	let bestScore = -Infinity;
	for (let bpm = 40; bpm <= 240; bpm += 0.25) {
		const period = periodOf(bpm);
		const prior = Math.exp(-0.5 * (Math.log2(bpm / 100) / 0.9) ** 2);
		const score = prior * (interpolate(ac, period) + 0.5 * interpolate(ac, 2 * period));
		if (score > bestScore) {
			bestScore = score;
			best = bpm;
		}
	}
	best = withoutThreeTwoConfusion(ac, framesPerSecond, best);
	const period = periodOf(best);
	const doubled = best * 2;
	if (doubled > FASTEST_DOUBLED_BPM) {
		return best;
	}
	if (interpolate(ac, period / 2) > 0.9 * interpolate(ac, period)) {
		return doubled;
	}
	if (doubled < SLOWEST_FAST_BPM) {
		return best;
	}
	const whole = normalisedAutocorrelation(wholeBand, Math.ceil(period) + 1);
	const peak = (lag: number): number => Math.max(interpolate(ac, lag * 0.97), interpolate(ac, lag), interpolate(ac, lag * 1.03));
	const wholeBandFaster = interpolate(whole, period / 2) > 0.9 * interpolate(whole, period);
	const unsubdivided = peak(period / 2) >= 0.3 * peak(period) && peak(period / 4) <= 0.05;
	return wholeBandFaster || unsubdivided ? doubled : best;
};

/** Pulse clarity: the normalised autocorrelation at a beat period (±3%), about 0 for noise. */
export const pulseClarity = (onset: Float64Array, periodInFrames: number): number => {
	const ac = normalisedAutocorrelation(onset, Math.ceil(periodInFrames * 1.03) + 1);
	let best = 0;
	for (let lag = periodInFrames * 0.97; lag <= periodInFrames * 1.03; lag += 0.25) {
		best = Math.max(best, interpolate(ac, lag));
	}
	return best;
};

/**
 * The beat period (in frames) around each frame: windowed autocorrelation from 0.6 to 1.5 times the global period,
 * so a tempo change moves the tracker's expectation instead of fighting it. Median-filtered for stability.
 */
export const localPeriods = (onset: Float64Array, framesPerSecond: number, globalBpm: number): Float64Array => {
	const globalLag = (60 * framesPerSecond) / globalBpm;
	const halfWindow = Math.round(framesPerSecond * 4);
	const hopFrames = Math.round(framesPerSecond);
	const estimates: number[] = [];
	for (let centre = 0; centre < onset.length; centre += hopFrames) {
		const from = Math.max(0, centre - halfWindow);
		const to = Math.min(onset.length, centre + halfWindow);
		let bestLag = globalLag;
		let bestScore = -Infinity;
		for (let lag = Math.floor(globalLag * 0.6); lag <= Math.ceil(globalLag * 1.5); lag++) {
			// Closeness to the global tempo is a mild tie-breaker, not a constraint.
			const score = autocorrelation(onset, lag, from, to) * (1 - 0.3 * Math.abs(Math.log2(lag / globalLag)));
			if (score > bestScore) {
				bestScore = score;
				bestLag = lag;
			}
		}
		estimates.push(bestScore > 0 ? bestLag : globalLag);
	}
	const smoothed = estimates.map((_, i) => {
		const around = estimates.slice(Math.max(0, i - 3), i + 4).sort((a, b) => a - b);
		return around[Math.floor(around.length / 2)] as number;
	});
	const periods = new Float64Array(onset.length);
	for (let t = 0; t < onset.length; t++) {
		periods[t] = smoothed[Math.min(smoothed.length - 1, Math.round(t / hopFrames))] as number;
	}
	return periods;
};

/**
 * Dynamic-programming beat tracker (after Ellis, 2007): every frame's best score is its onset strength plus the
 * best earlier beat one period back, penalised by how far the gap strays from the local period (log ratio,
 * squared). Backtracking from the best final beat gives the beat sequence. Returns beat frames.
 */
export const trackBeats = (onset: Float64Array, periods: Float64Array, tightness = 100): number[] => {
	const n = onset.length;
	const score = new Float64Array(n);
	const back = new Int32Array(n).fill(-1);
	for (let t = 0; t < n; t++) {
		const period = periods[t] as number;
		let best = 0;
		let bestFrom = -1;
		for (let from = Math.max(0, Math.floor(t - 2 * period)); from <= t - Math.round(period / 2); from++) {
			const candidate = (score[from] as number) - tightness * Math.log((t - from) / period) ** 2;
			if (candidate > best) {
				best = candidate;
				bestFrom = from;
			}
		}
		score[t] = (onset[t] as number) + best;
		back[t] = bestFrom;
	}
	let end = n - 1;
	const lastPeriod = periods[n - 1] as number;
	for (let t = Math.max(0, Math.floor(n - 2 * lastPeriod)); t < n; t++) {
		if ((score[t] as number) > (score[end] as number)) {
			end = t;
		}
	}
	const beats: number[] = [];
	for (let t = end; t >= 0; t = back[t] as number) {
		beats.push(t);
	}
	return beats.reverse();
};
