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
 * squared), the period where the gap ends, where it starts or a gap before it starts, whichever it fits best: the
 * local periods come from windows of seconds, so at a sudden tempo change they may give the new tempo a beat or two
 * early, where the gaps are still the old ones. Backtracking from the best final beat gives the beat sequence.
 * Returns beat frames.
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
			const gap = t - from;
			const fit = Math.min(Math.log(gap / period) ** 2, Math.log(gap / (periods[from] as number)) ** 2, Math.log(gap / (periods[Math.max(0, from - gap)] as number)) ** 2);
			const candidate = (score[from] as number) - tightness * fit;
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

/**
 * Global tempo from the beat network: its tempo distribution (each bin summed with its two neighbours) picks the
 * tempo, octave and all; the autocorrelation of its beat activation at one to four periods then places it within ±3%
 * of that bin's tempo, finer than the bins' 2%.
 */
export const tempoFromNetwork = (beatActivation: Float64Array, framesPerSecond: number, probabilities: Float32Array, binsInBpm: Float32Array): number => {
	let bestBin = 0;
	let bestProbability = -1;
	for (let bin = 0; bin < probabilities.length; bin++) {
		const probability = (probabilities[bin - 1] ?? 0) + (probabilities[bin] as number) + (probabilities[bin + 1] ?? 0);
		if (probability > bestProbability) {
			bestProbability = probability;
			bestBin = bin;
		}
	}
	const centre = binsInBpm[bestBin] as number;
	const periodOf = (bpm: number): number => (60 * framesPerSecond) / bpm;
	const ac = normalisedAutocorrelation(beatActivation, Math.ceil(4 * periodOf(centre * 0.97)) + 2);
	let best = centre;
	let bestScore = -Infinity;
	for (let bpm = centre * 0.97; bpm <= centre * 1.03; bpm += 0.05) {
		// Four periods at once: a beat rounded to whole frames blurs one period's peak, not four periods'.
		const score = interpolate(ac, periodOf(bpm)) + interpolate(ac, 2 * periodOf(bpm)) + interpolate(ac, 3 * periodOf(bpm)) + interpolate(ac, 4 * periodOf(bpm));
		if (score > bestScore) {
			bestScore = score;
			best = bpm;
		}
	}
	return best;
};
