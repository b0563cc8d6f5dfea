import {amplitudeToDb} from './measure-loudness.ts';
import {truePeakEnvelope} from './true-peak.ts';

/** How the limiter reacts: it sees `lookAheadInSeconds` ahead, so it turns down smoothly before a peak, and recovers over `releaseInSeconds`. */
export type LimiterSettings = {
	readonly ceiling: number;
	readonly sampleRate: number;
	readonly lookAheadInSeconds?: number;
	readonly releaseInSeconds?: number;
};

/** Minimum of `values` over the window [i - before, i + after] for every i (a monotonic queue: linear time). */
const slidingMinimum = (values: Float32Array, before: number, after: number): Float32Array => {
	const n = values.length;
	const result = new Float32Array(n);
	const queue = new Int32Array(n);
	let head = 0;
	let tail = 0;
	let next = 0;
	for (let i = 0; i < n; i++) {
		const last = Math.min(n - 1, i + after);
		while (next <= last) {
			while (tail > head && (values[queue[tail - 1] as number] as number) >= (values[next] as number)) {
				tail--;
			}
			queue[tail++] = next++;
		}
		while ((queue[head] as number) < i - before) {
			head++;
		}
		result[i] = values[queue[head] as number] as number;
	}
	return result;
};

/** For each sample, the largest true-peak envelope value of any channel: what a linked limiter has to keep under its ceiling. */
export const linkedTruePeakEnvelope = (channels: readonly Float32Array[], sampleRate: number): Float32Array => {
	const n = channels[0]?.length ?? 0;
	const linked = new Float32Array(n);
	for (const channel of channels) {
		const envelope = truePeakEnvelope(channel, sampleRate);
		for (let i = 0; i < n; i++) {
			if ((envelope[i] as number) > (linked[i] as number)) {
				linked[i] = envelope[i] as number;
			}
		}
	}
	return linked;
};

/**
 * The gain, per sample and shared by all channels (so the stereo image does not shift), that keeps a signal whose linked
 * true-peak envelope is `envelope` × `inputGain` under `ceiling` (linear). Where a peak needs g, the gain is at most g over
 * a whole look-ahead window around it and is a moving average of such minima, so it glides down before the peak instead
 * of clicking; after it, it recovers exponentially. 1 where no limiting is needed. The envelope scales with the input, so
 * a caller trying several input gains computes it once.
 */
export const truePeakLimiterGain = ({envelope, inputGain = 1, ceiling, sampleRate, lookAheadInSeconds = 0.005, releaseInSeconds = 0.08}: LimiterSettings & {readonly envelope: Float32Array; readonly inputGain?: number}): Float32Array => {
	const n = envelope.length;
	const needed = new Float32Array(n).fill(1);
	for (let i = 0; i < n; i++) {
		const peak = (envelope[i] as number) * inputGain;
		// The envelope covers the interval after sample i, so both samples around it get the gain.
		if (peak > ceiling) {
			const g = ceiling / peak;
			if (g < (needed[i] as number)) {
				needed[i] = g;
			}
			if (i + 1 < n && g < (needed[i + 1] as number)) {
				needed[i + 1] = g;
			}
		}
	}
	const window = Math.max(1, Math.round(lookAheadInSeconds * sampleRate));
	// Every minimum within `window` of sample i is at most needed[i], so their average over [i - window/2, i + window/2] is too.
	const minima = slidingMinimum(needed, window, window);
	const half = Math.floor(window / 2);
	const smoothed = new Float32Array(n);
	let sum = 0;
	for (let i = 0; i < Math.min(n, half + 1); i++) {
		sum += minima[i] as number;
	}
	for (let i = 0; i < n; i++) {
		const from = i - half;
		const to = i + half;
		const count = Math.min(n - 1, to) - Math.max(0, from) + 1;
		smoothed[i] = sum / count;
		if (to + 1 < n) {
			sum += minima[to + 1] as number;
		}
		if (from >= 0) {
			sum -= minima[from] as number;
		}
	}
	const release = Math.exp(-1 / (releaseInSeconds * sampleRate));
	const gain = new Float32Array(n);
	let previous = 1;
	for (let i = 0; i < n; i++) {
		const recovered = 1 - (1 - previous) * release;
		previous = Math.min(smoothed[i] as number, recovered);
		gain[i] = previous;
	}
	return gain;
};


/** Applies `inputGain` and then the true-peak limiter's gain to every channel (pass `envelope` when it is already known); reports the deepest reduction in dB (0 when untouched). */
export const limitTruePeak = (channels: readonly Float32Array[], settings: LimiterSettings & {readonly envelope?: Float32Array; readonly inputGain?: number}): {channels: Float32Array[]; deepestReductionDb: number} => {
	const inputGain = settings.inputGain ?? 1;
	const gain = truePeakLimiterGain({...settings, envelope: settings.envelope ?? linkedTruePeakEnvelope(channels, settings.sampleRate), inputGain});
	let lowest = 1;
	for (let i = 0; i < gain.length; i++) {
		if ((gain[i] as number) < lowest) {
			lowest = gain[i] as number;
		}
	}
	return {channels: channels.map((channel) => channel.map((x, i) => x * inputGain * (gain[i] as number))), deepestReductionDb: -amplitudeToDb(lowest)};
};
