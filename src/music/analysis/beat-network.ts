/**
 * The beat network: a small temporal convolutional network (after Davies and Böck, 2019) that reads the log band
 * magnitudes of `spectralFeatures` and their rises, and gives for every frame how likely a beat and a downbeat fall
 * there, and for the whole song a distribution over tempos. Its weights were trained in this repository
 * (`npm run train:beats`, on the development set's tuning material only) and are kept in `beat-network-weights.ts`.
 * The forward pass is written out here: ten convolutions over at most 80 inputs and 20 channels need no runtime, only
 * a SIMD multiply-add (`simd-axpy.ts`).
 */

import {createSimdHeap, type SimdHeap} from './simd-axpy.ts';

/** One 1-D convolution over time: `weight[out][in][tap]`, taps `dilation` frames apart, centred (zero-padded). */
export type Convolution = {readonly inputs: number; readonly outputs: number; readonly taps: number; readonly dilation: number; readonly weight: Float32Array; readonly bias: Float32Array};

export type BeatNetwork = {
	/** Per input feature (band magnitudes, then their rises): subtract `mean`, divide by `deviation`. */
	readonly mean: Float32Array;
	readonly deviation: Float32Array;
	readonly stem: Convolution;
	/** Residual blocks: x += pointwise(elu(dilated(x))). */
	readonly blocks: readonly {readonly dilated: Convolution; readonly pointwise: Convolution}[];
	/** Two outputs per frame: beat and downbeat logits. */
	readonly head: Convolution;
	/** Logits of the tempo bins from the mean over a window of the last hidden layer (`windowed`). */
	readonly tempo: Convolution;
	/** Logits of the metres (`METRES`), read as the tempo is. */
	readonly metre: Convolution;
	/** Tempo bins (as many as `tempo` has outputs): from `slowestBpm`, each `tempoBinRatio` times the last. */
	readonly slowestBpm: number;
	readonly tempoBinRatio: number;
};

export type BeatActivations = {
	/** Beat probability per frame. */
	readonly beat: Float32Array;
	/** Downbeat probability per frame. */
	readonly downbeat: Float32Array;
	/** Probability of each tempo bin for the whole song (`windowed`), and the bin's tempo. */
	readonly tempoProbabilities: Float32Array;
	readonly tempoBinsInBpm: Float32Array;
	/** Probability of each of `METRES` for the whole song (`windowed`). */
	readonly metreProbabilities: Float32Array;
};

/** The metre head's classes, in its order (train.py's METRES): 2/4 is counted with 4/4. */
export const METRES = ['3', '4', '6/8', '12/8'] as const;

/** The network's input, frame after frame: each band's log magnitude, then its rise from the frame before (≥ 0). */
export const beatNetworkInput = (bands: Float32Array, bandCount: number): Float32Array => {
	const frames = bands.length / bandCount;
	const input = new Float32Array(frames * bandCount * 2);
	for (let f = 0; f < frames; f++) {
		for (let b = 0; b < bandCount; b++) {
			const value = bands[f * bandCount + b] as number;
			const before = f === 0 ? value : (bands[(f - 1) * bandCount + b] as number);
			input[f * bandCount * 2 + b] = value;
			input[f * bandCount * 2 + bandCount + b] = Math.max(0, value - before);
		}
	}
	return input;
};

/**
 * Applies a convolution to the rows at `input` in the heap (`inputs` rows of `frames` values, channel after channel)
 * and returns where its `outputs` rows start. Each weight is one SIMD multiply-add along time.
 */
const convolve = (heap: SimdHeap, conv: Convolution, input: number, frames: number): number => {
	const {inputs, outputs, taps, dilation, weight, bias} = conv;
	const output = heap.allocate(frames * outputs);
	const centre = (taps - 1) / 2;
	for (let o = 0; o < outputs; o++) {
		const out = output + o * frames;
		heap.floats.fill(bias[o] as number, out, out + frames);
		for (let i = 0; i < inputs; i++) {
			for (let tap = 0; tap < taps; tap++) {
				const shift = (tap - centre) * dilation;
				const from = Math.max(0, -shift);
				const to = Math.min(frames, frames - shift);
				if (to > from) {
					heap.axpy(out + from, input + i * frames + from + shift, weight[(o * inputs + i) * taps + tap] as number, to - from);
				}
			}
		}
	}
	return output;
};

const elu = (values: Float32Array): void => {
	for (let i = 0; i < values.length; i++) {
		const v = values[i] as number;
		if (v < 0) {
			values[i] = Math.expm1(v);
		}
	}
};

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** Runs the network over a song's input (from `beatNetworkInput`). */
export const runBeatNetwork = (network: BeatNetwork, input: Float32Array): BeatActivations => {
	const features = network.mean.length;
	const frames = input.length / features;
	const channels = network.stem.outputs;
	// Every row the pass allocates: the normalised input, the stem, two per block and the head; up to three floats more
	// each, as rows start on groups of four.
	const allocations = 2 * network.blocks.length + 3;
	const heap = createSimdHeap((features + channels * (1 + 2 * network.blocks.length) + network.head.outputs) * frames + 3 * allocations);
	const rows = (at: number, count: number): Float32Array => heap.floats.subarray(at, at + count * frames);
	// Normalised and turned channel-major: one row of frames per input feature.
	const normalised = heap.allocate(features * frames);
	const x = rows(normalised, features);
	for (let i = 0; i < features; i++) {
		const mean = network.mean[i] as number;
		const deviation = network.deviation[i] as number;
		for (let f = 0; f < frames; f++) {
			x[i * frames + f] = ((input[f * features + i] as number) - mean) / deviation;
		}
	}
	const hidden = convolve(heap, network.stem, normalised, frames);
	elu(rows(hidden, channels));
	for (const block of network.blocks) {
		const inner = convolve(heap, block.dilated, hidden, frames);
		elu(rows(inner, channels));
		// The pointwise convolution adds straight onto the hidden rows: its bias and weights, then the residual.
		const added = convolve(heap, block.pointwise, inner, frames);
		const h = rows(hidden, channels);
		const a = rows(added, channels);
		for (let k = 0; k < h.length; k++) {
			h[k] = (h[k] as number) + (a[k] as number);
		}
	}
	const head = rows(convolve(heap, network.head, hidden, frames), 2);
	const beat = head.slice(0, frames).map(sigmoid);
	const downbeat = head.slice(frames, 2 * frames).map(sigmoid);
	const h = rows(hidden, channels);
	return {
		beat,
		downbeat,
		tempoProbabilities: windowed(network.tempo, h, frames),
		tempoBinsInBpm: new Float32Array(network.tempo.outputs).map((_, i) => network.slowestBpm * network.tempoBinRatio ** i),
		metreProbabilities: windowed(network.metre, h, frames),
	};
};

/** The length of the excerpts the network was trained on (train.py's CROP), about 23 s: its song heads read as much. */
export const HEAD_WINDOW_FRAMES = 2000;

/**
 * A song head's distribution (tempo or metre) for the whole song: its distribution for each window of
 * `HEAD_WINDOW_FRAMES` (half overlapping, the last one ending with the song; one window for a shorter song),
 * averaged. The heads were trained on excerpts of one length, and a song whose tempo changes gets both tempos, where
 * the head on the mean of the whole song's hidden layer reads a blend that may be neither.
 */
const windowed = (head: Convolution, hidden: Float32Array, frames: number): Float32Array => {
	const {inputs: channels, outputs: bins, weight, bias} = head;
	const length = Math.min(frames, HEAD_WINDOW_FRAMES);
	const starts: number[] = [];
	for (let start = 0; start + length < frames; start += length / 2) {
		starts.push(Math.floor(start));
	}
	starts.push(frames - length);
	// Running sums of each channel, so each window's mean is one subtraction.
	const sums = new Float64Array(channels * (frames + 1));
	for (let c = 0; c < channels; c++) {
		for (let f = 0; f < frames; f++) {
			sums[c * (frames + 1) + f + 1] = (sums[c * (frames + 1) + f] as number) + (hidden[c * frames + f] as number);
		}
	}
	const average = new Float32Array(bins);
	const logits = new Float64Array(bins);
	for (const start of starts) {
		for (let o = 0; o < bins; o++) {
			let sum = bias[o] as number;
			for (let c = 0; c < channels; c++) {
				const mean = ((sums[c * (frames + 1) + start + length] as number) - (sums[c * (frames + 1) + start] as number)) / length;
				sum += (weight[o * channels + c] as number) * mean;
			}
			logits[o] = sum;
		}
		const top = Math.max(...logits);
		let total = 0;
		for (let o = 0; o < bins; o++) {
			total += Math.exp((logits[o] as number) - top);
		}
		for (let o = 0; o < bins; o++) {
			average[o] = (average[o] as number) + Math.exp((logits[o] as number) - top) / total / starts.length;
		}
	}
	return average;
};

/**
 * The ensemble's weights as the training script writes them: the networks share their tempo bins, dilations and the
 * shapes of their weights (in JSON); each network's numbers are base64 little-endian float32.
 */
export type SerialisedEnsemble = {readonly slowestBpm: number; readonly tempoBinRatio: number; readonly dilations: readonly number[]; readonly shapes: Record<string, readonly number[]>; readonly networks: readonly {readonly data: string}[]};

const readBeatNetwork = (data: string, {slowestBpm, tempoBinRatio, dilations, shapes}: SerialisedEnsemble): BeatNetwork => {
	const bytes = Buffer.from(data, 'base64');
	const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
	let offset = 0;
	const take = (name: string): {values: Float32Array; shape: readonly number[]} => {
		const shape = shapes[name];
		if (shape === undefined) {
			throw new Error(`beat network weights: no ${name}`);
		}
		const size = shape.reduce((a, b) => a * b, 1);
		const values = all.subarray(offset, offset + size);
		offset += size;
		return {values, shape};
	};
	const conv = (name: string, dilation = 1): Convolution => {
		const {values, shape} = take(`${name}.weight`);
		const [outputs, inputs, taps] = shape as [number, number, number];
		return {inputs, outputs, taps, dilation, weight: values, bias: take(`${name}.bias`).values};
	};
	const mean = take('mean').values;
	const deviation = take('deviation').values;
	const stem = conv('stem');
	const blocks = dilations.map((dilation, b) => ({dilated: conv(`blocks.${b}.dilated`, dilation), pointwise: conv(`blocks.${b}.pointwise`)}));
	const head = conv('head');
	const tempo = conv('tempo');
	const metre = conv('metre');
	if (offset !== all.length) {
		throw new Error(`beat network weights: ${all.length - offset} numbers left over`);
	}
	return {mean, deviation, stem, blocks, head, tempo, metre, slowestBpm, tempoBinRatio};
};

/** Reads the ensemble's networks. */
export const readBeatNetworks = (ensemble: SerialisedEnsemble): BeatNetwork[] => ensemble.networks.map((network) => readBeatNetwork(network.data, ensemble));

/**
 * Runs every network of the ensemble (trained alike from other seeds) and averages what they give: frame by frame,
 * bin by bin. One network's octave or phase slip is outvoted where the others agree.
 */
export const runBeatNetworks = (networks: readonly BeatNetwork[], input: Float32Array): BeatActivations => {
	const [first, ...others] = networks.map((network) => runBeatNetwork(network, input));
	if (first === undefined) {
		throw new Error('beat network weights: no network');
	}
	const averaged = (pick: (a: BeatActivations) => Float32Array): Float32Array => {
		const sum = Float32Array.from(pick(first));
		for (const other of others) {
			pick(other).forEach((v, i) => {
				sum[i] = (sum[i] as number) + v;
			});
		}
		return sum.map((v) => v / networks.length);
	};
	return {beat: averaged((a) => a.beat), downbeat: averaged((a) => a.downbeat), tempoProbabilities: averaged((a) => a.tempoProbabilities), tempoBinsInBpm: first.tempoBinsInBpm, metreProbabilities: averaged((a) => a.metreProbabilities)};
};
