/**
 * The beat network: a small temporal convolutional network (after Davies and Böck, 2019) that reads the log band
 * magnitudes of `spectralFeatures` and their rises, and gives for every frame how likely a beat and a downbeat fall
 * there, and for the whole song a distribution over tempos. Its weights were trained in this repository
 * (`npm run train:beats`, on the development set's tuning material only) and are kept in `beat-network-weights.ts`.
 * The forward pass is written out here: ten convolutions over at most 40 bands and 20 channels need no runtime.
 */

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
	/** Tempo bins: `tempoBinCount` bins from `slowestBpm`, each `tempoBinRatio` times the last. */
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

/** Applies a convolution to `input` (frame-major: `frames` × `inputs`), giving frames × outputs. */
const convolve = (conv: Convolution, input: Float32Array, frames: number): Float32Array => {
	const {inputs, outputs, taps, dilation, bias} = conv;
	const weight = tapMajor(conv);
	const output = new Float32Array(frames * outputs);
	const centre = (taps - 1) / 2;
	for (let f = 0; f < frames; f++) {
		const out = f * outputs;
		for (let o = 0; o < outputs; o++) {
			output[out + o] = bias[o] as number;
		}
		for (let tap = 0; tap < taps; tap++) {
			const source = f + (tap - centre) * dilation;
			if (source < 0 || source >= frames) {
				continue;
			}
			const row = source * inputs;
			let w = tap * outputs * inputs;
			for (let o = 0; o < outputs; o++) {
				let sum = 0;
				for (let i = 0; i < inputs; i++) {
					sum += (weight[w++] as number) * (input[row + i] as number);
				}
				output[out + o] = (output[out + o] as number) + sum;
			}
		}
	}
	return output;
};

/** The weights reordered tap by tap, then output by output, so the inner loop reads both arrays in order. */
const tapMajorCache = new WeakMap<Convolution, Float32Array>();
const tapMajor = (conv: Convolution): Float32Array => {
	let reordered = tapMajorCache.get(conv);
	if (reordered === undefined) {
		const {inputs, outputs, taps, weight} = conv;
		reordered = new Float32Array(weight.length);
		for (let tap = 0; tap < taps; tap++) {
			for (let o = 0; o < outputs; o++) {
				for (let i = 0; i < inputs; i++) {
					reordered[(tap * outputs + o) * inputs + i] = weight[(o * inputs + i) * taps + tap] as number;
				}
			}
		}
		tapMajorCache.set(conv, reordered);
	}
	return reordered;
};

const elu = (values: Float32Array): Float32Array => {
	for (let i = 0; i < values.length; i++) {
		const v = values[i] as number;
		if (v < 0) {
			values[i] = Math.expm1(v);
		}
	}
	return values;
};

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** Runs the network over a song's input (from `beatNetworkInput`). */
export const runBeatNetwork = (network: BeatNetwork, input: Float32Array): BeatActivations => {
	const features = network.mean.length;
	const frames = input.length / features;
	const normalised = new Float32Array(input.length);
	for (let f = 0; f < frames; f++) {
		for (let i = 0; i < features; i++) {
			normalised[f * features + i] = ((input[f * features + i] as number) - (network.mean[i] as number)) / (network.deviation[i] as number);
		}
	}
	const hidden = elu(convolve(network.stem, normalised, frames));
	for (const block of network.blocks) {
		const inner = elu(convolve(block.dilated, hidden, frames));
		const added = convolve(block.pointwise, inner, frames);
		for (let i = 0; i < hidden.length; i++) {
			hidden[i] = (hidden[i] as number) + (added[i] as number);
		}
	}
	const outputs = convolve(network.head, hidden, frames);
	const beat = new Float32Array(frames);
	const downbeat = new Float32Array(frames);
	for (let f = 0; f < frames; f++) {
		beat[f] = sigmoid(outputs[f * 2] as number);
		downbeat[f] = sigmoid(outputs[f * 2 + 1] as number);
	}
	const channels = network.stem.outputs;
	const pooled = new Float32Array(channels);
	for (let f = 0; f < frames; f++) {
		for (let c = 0; c < channels; c++) {
			pooled[c] = (pooled[c] as number) + (hidden[f * channels + c] as number) / frames;
		}
	}
	const logits = convolve(network.tempo, pooled, 1);
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
export const readBeatNetwork = (serialised: {readonly shapes: Record<string, readonly number[]>; readonly data: string; readonly slowestBpm: number; readonly tempoBinRatio: number; readonly blocks: number; readonly dilations: readonly number[]}): BeatNetwork => {
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
	const blocks = Array.from({length: serialised.blocks}, (_, b) => ({dilated: conv(`blocks.${b}.dilated`, serialised.dilations[b]), pointwise: conv(`blocks.${b}.pointwise`)}));
	const head = conv('head');
	const tempo = conv('tempo');
	if (offset !== all.length) {
		throw new Error(`beat network weights: ${all.length - offset} numbers left over`);
	}
	return {mean, deviation, stem, blocks, head, tempo, slowestBpm: serialised.slowestBpm, tempoBinRatio: serialised.tempoBinRatio};
};
