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
	/** Logits of the tempo bins from the mean over time of the last hidden layer. */
	readonly tempo: Convolution;
	/** Tempo bins (as many as `tempo` has outputs): from `slowestBpm`, each `tempoBinRatio` times the last. */
	readonly slowestBpm: number;
	readonly tempoBinRatio: number;
};

export type BeatActivations = {
	/** Beat probability per frame. */
	readonly beat: Float32Array;
	/** Downbeat probability per frame. */
	readonly downbeat: Float32Array;
	/** Probability of each tempo bin for the whole song, and the bin's tempo. */
	readonly tempoProbabilities: Float32Array;
	readonly tempoBinsInBpm: Float32Array;
};

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
	// Every row the pass allocates: the normalised input, the stem, two per block, the head, then the pooled layer and
	// the tempo logits; up to three floats more each, as rows start on groups of four.
	const allocations = 2 * network.blocks.length + 5;
	const heap = createSimdHeap((features + channels * (1 + 2 * network.blocks.length) + network.head.outputs) * frames + channels + network.tempo.outputs + 3 * allocations);
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
	const pooled = heap.allocate(channels);
	for (let c = 0; c < channels; c++) {
		let sum = 0;
		for (let f = 0; f < frames; f++) {
			sum += h[c * frames + f] as number;
		}
		heap.floats[pooled + c] = sum / frames;
	}
	const tempoLogits = convolve(heap, network.tempo, pooled, 1);
	const logits = heap.floats.slice(tempoLogits, tempoLogits + network.tempo.outputs);
	const top = Math.max(...logits);
	const exponentials = logits.map((v) => Math.exp(v - top));
	const total = exponentials.reduce((a, b) => a + b, 0);
	return {
		beat,
		downbeat,
		tempoProbabilities: exponentials.map((v) => v / total),
		tempoBinsInBpm: new Float32Array(logits.length).map((_, i) => network.slowestBpm * network.tempoBinRatio ** i),
	};
};

/** Reads weights as the training script writes them: shapes in JSON, the numbers as base64 little-endian float32. */
export const readBeatNetwork = (serialised: {readonly shapes: Record<string, readonly number[]>; readonly data: string; readonly slowestBpm: number; readonly tempoBinRatio: number; readonly dilations: readonly number[]}): BeatNetwork => {
	const bytes = Buffer.from(serialised.data, 'base64');
	const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
	let offset = 0;
	const take = (name: string): {values: Float32Array; shape: readonly number[]} => {
		const shape = serialised.shapes[name];
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
	const blocks = serialised.dilations.map((dilation, b) => ({dilated: conv(`blocks.${b}.dilated`, dilation), pointwise: conv(`blocks.${b}.pointwise`)}));
	const head = conv('head');
	const tempo = conv('tempo');
	if (offset !== all.length) {
		throw new Error(`beat network weights: ${all.length - offset} numbers left over`);
	}
	return {mean, deviation, stem, blocks, head, tempo, slowestBpm: serialised.slowestBpm, tempoBinRatio: serialised.tempoBinRatio};
};
