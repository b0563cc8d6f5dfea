/** Loudness and onset strength at a fixed frame rate, for effects driven by the sound (computed once, in Node). */
export type FrameEnvelopes = {
	readonly framesPerSecond: 100;
	/** RMS level of each 10 ms frame in dB relative to full scale, floored at -100. */
	readonly loudnessInDb: readonly number[];
	/** Spectral-flux onset strength, 0 (nothing starts) to 1 (the strongest onset of the song). */
	readonly onsetStrength: readonly number[];
};

const FRAMES_PER_SECOND = 100;

/**
 * Resamples the analysis frames to 100 per second: loudness from the samples themselves (a 20 ms window every
 * 10 ms), onset strength by linear interpolation of the analysis onset envelope (already scaled to 0..1).
 * Values are rounded (0.1 dB, 0.001) because they are written to the analysis file.
 */
export const frameEnvelopes = ({samples, sampleRate, onset, onsetFramesPerSecond}: {samples: Float32Array; sampleRate: number; onset: Float64Array; onsetFramesPerSecond: number}): FrameEnvelopes => {
	const frames = Math.ceil((samples.length / sampleRate) * FRAMES_PER_SECOND);
	const hop = sampleRate / FRAMES_PER_SECOND;
	const loudnessInDb: number[] = [];
	const onsetStrength: number[] = [];
	for (let frame = 0; frame < frames; frame++) {
		const from = Math.max(0, Math.round(frame * hop - hop / 2));
		const to = Math.min(samples.length, Math.round(frame * hop + (3 * hop) / 2));
		let sum = 0;
		for (let i = from; i < to; i++) {
			sum += (samples[i] as number) ** 2;
		}
		const rms = Math.sqrt(sum / Math.max(1, to - from));
		loudnessInDb.push(Math.round(10 * Math.max(-100, 20 * Math.log10(Math.max(rms, 1e-6)))) / 10);
		const position = (frame / FRAMES_PER_SECOND) * onsetFramesPerSecond;
		const left = Math.floor(position);
		const fraction = position - left;
		const value = (onset[left] ?? 0) * (1 - fraction) + (onset[left + 1] ?? 0) * fraction;
		onsetStrength.push(Math.round(1000 * Math.min(1, Math.max(0, value))) / 1000);
	}
	return {framesPerSecond: FRAMES_PER_SECOND, loudnessInDb, onsetStrength};
};
