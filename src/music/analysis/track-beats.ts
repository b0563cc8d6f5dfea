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

const parabolicPeak = (left: number, centre: number, right: number): number => {
	const denominator = left - 2 * centre + right;
	return denominator === 0 ? 0 : Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / denominator));
};

/**
 * Global tempo from the onset envelope: autocorrelation over 40–240 bpm, weighted by a log-normal prior
 * (centred on 120 bpm unless told otherwise) so that of a tempo and its double or half, the one a listener
 * would tap wins; each lag
 * also hears its double (the bar-level pulse), which steadies the choice on sparse material.
 */
export const estimateTempo = (
	onset: Float64Array,
	framesPerSecond: number,
	{highOnset = null, priorCentreBpm = 120, preferSlower = false}: {highOnset?: Float64Array | null; priorCentreBpm?: number; preferSlower?: boolean} = {},
): number => {
	const minLag = Math.floor((60 * framesPerSecond) / 240);
	const maxLag = Math.ceil((60 * framesPerSecond) / 40);
	const ac = new Float64Array(2 * maxLag + 2);
	for (let lag = minLag; lag < ac.length && lag < onset.length; lag++) {
		ac[lag] = autocorrelation(onset, lag);
	}
	let best = minLag;
	let bestScore = -Infinity;
	const scores = new Float64Array(maxLag + 2);
	for (let lag = minLag; lag <= maxLag; lag++) {
		const bpm = (60 * framesPerSecond) / lag;
		const prior = Math.exp(-0.5 * (Math.log2(bpm / priorCentreBpm) / 0.9) ** 2);
		scores[lag] = prior * ((ac[lag] as number) + 0.5 * (ac[2 * lag] as number));
		if ((scores[lag] as number) > bestScore) {
			bestScore = scores[lag] as number;
			best = lag;
		}
	}
	const refined = best + parabolicPeak(scores[best - 1] ?? 0, scores[best] as number, scores[best + 1] ?? 0);
	const bpm = (60 * framesPerSecond) / refined;
	// Kick on 1 and 3, snare on 2 and 4 makes the two-beat lag the strongest. When halfway between the chosen
	// beats there are hits as strong as on them, in the low band and in the noisy top (a snare, not a piano's
	// eighth-note arpeggio), those in-between hits are beats too.
	const percussiveMidpoints = highOnset === null || offbeatRatio(highOnset, refined) > 0.5;
	if (!preferSlower && bpm * 2 <= 240 && offbeatRatio(onset, refined) > 0.5 && percussiveMidpoints) {
		return bpm * 2;
	}
	// Without drums, a steady stream of eighth notes supports the half tempo as well as the full one; then the
	// slower pulse, the one a listener sways to, is the beat. Not in triple time, where a pulse of two beats is
	// no level of the metre: there the three-beat lag is the stronger.
	const doubleLag = Math.round(2 * refined);
	const tripleLag = Math.round(3 * refined);
	const evenPulse = doubleLag < ac.length && (ac[doubleLag] as number) > 0.8 * (ac[Math.round(refined)] as number);
	const notTriple = tripleLag >= ac.length || (ac[tripleLag] as number) < (ac[doubleLag] as number);
	if (preferSlower && bpm > 110 && evenPulse && notTriple) {
		return bpm / 2;
	}
	return bpm;
};

/** Low-band strength halfway between beats of a period, relative to on the beats (best phase, comb-summed). */
const offbeatRatio = (onset: Float64Array, period: number): number => {
	let best = {on: 0, mid: 0};
	for (let phase = 0; phase < period; phase++) {
		let on = 0;
		let mid = 0;
		for (let t = phase; t + period / 2 < onset.length; t += period) {
			on += onset[Math.round(t)] as number;
			mid += onset[Math.round(t + period / 2)] as number;
		}
		if (on > best.on) {
			best = {on, mid};
		}
	}
	return best.on > 0 ? best.mid / best.on : 0;
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
export const trackBeats = (onset: Float64Array, periods: Float64Array, tightness = 300): number[] => {
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
