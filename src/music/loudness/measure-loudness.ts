import {kWeightedSquares} from './k-weighting.ts';
import {truePeakOf} from './true-peak.ts';

/** Decoded audio: one array per channel (-1..1, equal lengths) at `sampleRate`. */
export type AudioChannels = {
	readonly channels: readonly Float32Array[];
	readonly sampleRate: number;
};

/** What ITU-R BS.1770-4 and EBU R128 (Tech 3341, 3342) say about a recording; -Infinity where it is silent. */
export type LoudnessMeasurement = {
	/** Gated integrated loudness over the whole recording, LUFS. */
	readonly integratedLufs: number;
	/** EBU Tech 3342 loudness range, LU (0 when there are too few 3 s windows above the gates). */
	readonly loudnessRangeLu: number;
	/** Maximum true peak over all channels, dBTP (4× oversampled). */
	readonly truePeakDbtp: number;
	/** Maximum sample peak over all channels, dBFS. */
	readonly samplePeakDbfs: number;
};

const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;
const RANGE_RELATIVE_GATE_LU = -20;

/** BS.1770's loudness of a mean square (channel weights already applied). */
export const meanSquareToLufs = (meanSquare: number): number => (meanSquare > 0 ? -0.691 + 10 * Math.log10(meanSquare) : -Infinity);

/** A linear amplitude in decibels relative to full scale. */
export const amplitudeToDb = (amplitude: number): number => (amplitude > 0 ? 20 * Math.log10(amplitude) : -Infinity);

/** Channel weights of BS.1770-4 Table 3 for the usual layouts: 1 for front channels, 1.41 for the surrounds of 5.1. */
const channelWeights = (count: number): number[] => {
	if (count === 6) {
		// L R C LFE Ls Rs: the LFE is not measured.
		return [1, 1, 1, 0, 1.41, 1.41];
	}
	if (count === 5) {
		return [1, 1, 1, 1.41, 1.41];
	}
	return Array.from({length: count}, () => 1);
};

/**
 * Mean squares, weighted and summed over channels, of windows `windowInSteps` steps of 100 ms long that start every
 * 100 ms; a window that would run past the end is left out, as BS.1770 counts only complete gating blocks.
 */
const windowedMeanSquares = (squares: readonly Float64Array[], weights: readonly number[], sampleRate: number, windowInSteps: number): number[] => {
	const length = squares[0]?.length ?? 0;
	const stepCount = Math.floor(length / (sampleRate / 10));
	// Per 100 ms step, the weighted sum of squares; boundaries are rounded cumulative positions so steps tile exactly.
	const boundary = (step: number): number => Math.round((step * sampleRate) / 10);
	const stepSums = new Float64Array(stepCount);
	for (let step = 0; step < stepCount; step++) {
		let sum = 0;
		for (const [c, channel] of squares.entries()) {
			const weight = weights[c] as number;
			if (weight === 0) {
				continue;
			}
			let channelSum = 0;
			for (let i = boundary(step); i < boundary(step + 1); i++) {
				channelSum += channel[i] as number;
			}
			sum += weight * channelSum;
		}
		stepSums[step] = sum;
	}
	const result: number[] = [];
	for (let start = 0; start + windowInSteps <= stepCount; start++) {
		let sum = 0;
		for (let s = start; s < start + windowInSteps; s++) {
			sum += stepSums[s] as number;
		}
		result.push(sum / (boundary(start + windowInSteps) - boundary(start)));
	}
	return result;
};

/** Integrated loudness from 400 ms block mean squares: absolute gate at -70 LUFS, relative gate 10 LU below the mean. */
export const gatedLoudness = (blockMeanSquares: readonly number[]): number => {
	const aboveAbsolute = blockMeanSquares.filter((z) => meanSquareToLufs(z) > ABSOLUTE_GATE_LUFS);
	if (aboveAbsolute.length === 0) {
		return -Infinity;
	}
	const relativeGate = meanSquareToLufs(aboveAbsolute.reduce((a, b) => a + b, 0) / aboveAbsolute.length) + RELATIVE_GATE_LU;
	const gated = aboveAbsolute.filter((z) => meanSquareToLufs(z) > relativeGate);
	return meanSquareToLufs(gated.reduce((a, b) => a + b, 0) / gated.length);
};

/** EBU Tech 3342: the spread between the 10th and 95th percentiles of gated 3 s short-term loudness. */
export const loudnessRange = (shortTermMeanSquares: readonly number[]): number => {
	const aboveAbsolute = shortTermMeanSquares.filter((z) => meanSquareToLufs(z) > ABSOLUTE_GATE_LUFS);
	if (aboveAbsolute.length === 0) {
		return 0;
	}
	const relativeGate = meanSquareToLufs(aboveAbsolute.reduce((a, b) => a + b, 0) / aboveAbsolute.length) + RANGE_RELATIVE_GATE_LU;
	const loudness = aboveAbsolute
		.map(meanSquareToLufs)
		.filter((l) => l > relativeGate)
		.sort((a, b) => a - b);
	if (loudness.length < 2) {
		return 0;
	}
	const percentile = (p: number): number => loudness[Math.min(loudness.length - 1, Math.round((loudness.length - 1) * p))] as number;
	return percentile(0.95) - percentile(0.1);
};

/** Integrated loudness alone (no range, no peaks): cheap enough to call once per try while searching for a gain. */
export const measureIntegratedLoudness = ({channels, sampleRate}: AudioChannels): number =>
	gatedLoudness(windowedMeanSquares(channels.map((channel) => kWeightedSquares(channel, sampleRate)), channelWeights(channels.length), sampleRate, 4));

/** Measures integrated loudness, loudness range, true peak and sample peak of decoded audio (ITU-R BS.1770-4, EBU R128). */
export const measureLoudness = ({channels, sampleRate}: AudioChannels): LoudnessMeasurement => {
	const squares = channels.map((channel) => kWeightedSquares(channel, sampleRate));
	const weights = channelWeights(channels.length);
	let samplePeak = 0;
	let truePeak = 0;
	for (const channel of channels) {
		for (let i = 0; i < channel.length; i++) {
			const magnitude = Math.abs(channel[i] as number);
			if (magnitude > samplePeak) {
				samplePeak = magnitude;
			}
		}
		truePeak = Math.max(truePeak, truePeakOf(channel, sampleRate));
	}
	return {
		integratedLufs: gatedLoudness(windowedMeanSquares(squares, weights, sampleRate, 4)),
		loudnessRangeLu: loudnessRange(windowedMeanSquares(squares, weights, sampleRate, 30)),
		truePeakDbtp: amplitudeToDb(truePeak),
		samplePeakDbfs: amplitudeToDb(samplePeak),
	};
};

/** The linear gain that moves a recording from `fromLufs` to `toLufs`. */
export const gainForLoudness = (fromLufs: number, toLufs: number): number => 10 ** ((toLufs - fromLufs) / 20);
