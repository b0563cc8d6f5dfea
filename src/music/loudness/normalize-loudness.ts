import {limitTruePeak, linkedTruePeakEnvelope} from './limit-true-peak.ts';
import {type AudioChannels, type LoudnessMeasurement, measureIntegratedLoudness, measureLoudness} from './measure-loudness.ts';

/** What to do when the gain that reaches the target would push the true peak over the ceiling. */
export type TruePeakStrategy = 'limit' | 'lower-gain';

/** A loudness target for delivery: integrated LUFS and a true-peak ceiling in dBTP. */
export type LoudnessTarget = {
	readonly targetLufs: number;
	readonly truePeakCeilingDbtp: number;
	/** `limit` (default) reaches the target and limits the peaks; `lower-gain` keeps the audio unlimited and lands under the target. */
	readonly onTruePeak?: TruePeakStrategy;
};

/** Audio brought to a loudness target, with what was done to it. */
export type NormalizedAudio = AudioChannels & {
	readonly before: LoudnessMeasurement;
	readonly after: LoudnessMeasurement;
	/** Static gain applied, dB (before any limiting). */
	readonly gainDb: number;
	/** Deepest gain reduction of the true-peak limiter, dB (0 when it did nothing). */
	readonly limiterReductionDb: number;
	readonly method: 'gain' | 'gain-and-limiter' | 'lowered-gain';
};

/** Thrown for audio that cannot be normalised (silence has no loudness to scale). */
export class SilentAudioError extends Error {
	constructor() {
		super('the audio is silent (below the -70 LUFS gate); there is no loudness to normalise');
		this.name = 'SilentAudioError';
	}
}

const scale = (channels: readonly Float32Array[], gain: number): Float32Array[] => channels.map((channel) => channel.map((x) => x * gain));

// The limiter aims a little under the ceiling: its gain moves smoothly, and the product of two smooth signals can peak
// marginally between the points the limiter looked at.
const LIMITER_MARGIN_DB = 0.05;

// The pre-gain search stops this far above the plain gain: beyond it, reaching the target would mean crushing the song
// (limiting by far more than this), and the delivery lands under the target instead, saying so.
const MAX_EXTRA_GAIN_DB = 6;

/**
 * Brings audio to an integrated loudness with its true peak at or under a ceiling. A plain gain when that suffices;
 * otherwise (by default) gain plus a true-peak look-ahead limiter, re-measured and corrected until the loudness lands
 * within 0.05 LU (at most 8 tries; the closest is kept;
 * never more than 6 dB above the plain gain, so a very peaky song lands under the target rather than crushed), because limiting lowers the loudness a little. Lowering the gain instead would miss the target, and
 * platforms that normalise turn loud tracks down but quiet ones not up, so the video would play quieter than its neighbours.
 */
export const normalizeLoudness = (audio: AudioChannels, {targetLufs, truePeakCeilingDbtp, onTruePeak = 'limit'}: LoudnessTarget, measured?: LoudnessMeasurement): NormalizedAudio => {
	const before = measured ?? measureLoudness(audio);
	if (!Number.isFinite(before.integratedLufs)) {
		throw new SilentAudioError();
	}
	const gainDb = targetLufs - before.integratedLufs;
	if (before.truePeakDbtp + gainDb <= truePeakCeilingDbtp) {
		const channels = scale(audio.channels, 10 ** (gainDb / 20));
		return {channels, sampleRate: audio.sampleRate, before, after: measureLoudness({channels, sampleRate: audio.sampleRate}), gainDb, limiterReductionDb: 0, method: 'gain'};
	}
	if (onTruePeak === 'lower-gain') {
		const lowered = truePeakCeilingDbtp - before.truePeakDbtp;
		const channels = scale(audio.channels, 10 ** (lowered / 20));
		return {channels, sampleRate: audio.sampleRate, before, after: measureLoudness({channels, sampleRate: audio.sampleRate}), gainDb: lowered, limiterReductionDb: 0, method: 'lowered-gain'};
	}
	const ceiling = 10 ** ((truePeakCeilingDbtp - LIMITER_MARGIN_DB) / 20);
	const envelope = linkedTruePeakEnvelope(audio.channels, audio.sampleRate);
	const {sampleRate} = audio;
	// Limiting takes away loudness, more the harder it works, so the pre-gain is found by the secant method (each try's
	// miss and the previous one's estimate how much more gain the next needs), within MAX_EXTRA_GAIN_DB of the plain gain.
	let preGainDb = gainDb;
	let previous: {preGainDb: number; missDb: number} | null = null;
	let best: {preGainDb: number; missDb: number; channels: Float32Array[]; deepestReductionDb: number} | null = null;
	for (let attempt = 0; attempt < 8; attempt++) {
		const limited = limitTruePeak(audio.channels, {ceiling, sampleRate, envelope, inputGain: 10 ** (preGainDb / 20)});
		const missDb = targetLufs - measureIntegratedLoudness({channels: limited.channels, sampleRate});
		if (best === null || Math.abs(missDb) < Math.abs(best.missDb)) {
			best = {preGainDb, missDb, ...limited};
		}
		const ceilingOfSearch = gainDb + MAX_EXTRA_GAIN_DB;
		if (Math.abs(missDb) < 0.05 || (preGainDb >= ceilingOfSearch && missDb > 0)) {
			break;
		}
		const slope = previous === null || previous.missDb === missDb ? 1 : (preGainDb - previous.preGainDb) / (previous.missDb - missDb);
		previous = {preGainDb, missDb};
		preGainDb = Math.min(ceilingOfSearch, preGainDb + missDb * Math.max(1, slope));
	}
	const result = best as NonNullable<typeof best>;
	return {
		channels: result.channels,
		sampleRate,
		before,
		after: measureLoudness({channels: result.channels, sampleRate}),
		gainDb: result.preGainDb,
		limiterReductionDb: result.deepestReductionDb,
		method: 'gain-and-limiter',
	};
};
