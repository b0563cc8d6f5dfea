import {describe, expect, test} from 'vitest';
import {type BeatNetwork, beatNetworkInput, type Convolution, HEAD_WINDOW_FRAMES, METRES, readBeatNetworks, runBeatNetwork, runBeatNetworks} from './beat-network.ts';
import {BEAT_NETWORK_WEIGHTS} from './beat-network-weights.ts';

const conv = (outputs: number, inputs: number, taps: number, dilation: number, weight: number[], bias = new Array(outputs).fill(0)): Convolution => ({
	outputs,
	inputs,
	taps,
	dilation,
	weight: Float32Array.from(weight),
	bias: Float32Array.from(bias),
});

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
const logit = (p: number): number => Math.log(p / (1 - p));

// One hidden channel, so every value can be followed by hand. Weights are laid out as torch's Conv1d: [out][in][tap].
const tiny = (blocks: BeatNetwork['blocks']): BeatNetwork => ({
	mean: Float32Array.from([0, 0]),
	deviation: Float32Array.from([1, 1]),
	stem: conv(1, 2, 3, 1, [0.1, 0.2, 0.3, 0, 0, 0]),
	blocks,
	head: conv(2, 1, 1, 1, [1, 2]),
	tempo: conv(3, 1, 1, 1, [0, 10, -10]),
	metre: conv(4, 1, 1, 1, [0, 0, 0, 0]),
	slowestBpm: 100,
	tempoBinRatio: 1.5,
});

describe('runBeatNetwork', () => {
	test('correlates centred taps over time as torch does, with zeros past the ends', () => {
		const input = new Float32Array(2 * 10);
		input[2 * 5] = 1;
		input[2 * 9] = 1;
		const {beat, downbeat, tempoProbabilities, tempoBinsInBpm} = runBeatNetwork(tiny([]), input);
		// Tap k reads frame f + (k - 1): the impulse at 5 shows at 6 through tap 0, at 4 through tap 2.
		expect(Array.from(beat, logit).map((v) => Number(v.toFixed(4)))).toEqual([0, 0, 0, 0, 0.3, 0.2, 0.1, 0, 0.3, 0.2]);
		expect(logit(downbeat[4] as number)).toBeCloseTo(0.6, 4);
		// The tempo head reads the mean of the hidden layer: (0.6 + 0.5) / 10.
		const pooled = 1.1 / 10;
		const exps = [0, 10 * pooled, -10 * pooled].map(Math.exp);
		expect(Array.from(tempoProbabilities)).toEqual(exps.map((e) => expect.closeTo(e / (exps[0]! + exps[1]! + exps[2]!), 6)));
		expect(Array.from(tempoBinsInBpm)).toEqual([100, 150, 225]);
	});

	test('averages the tempo distributions of windows as long as the training excerpts, not the blend of the song', () => {
		// 4000 frames: windows at 0, 1000 and 2000. The first half plays (hidden 0.6), the second is silent.
		const frames = 2 * HEAD_WINDOW_FRAMES;
		const input = new Float32Array(2 * frames).map((_, i) => (i % 2 === 0 && i < frames ? 1 : 0));
		const {beat, tempoProbabilities} = runBeatNetwork(tiny([]), input);
		const hidden = Array.from(beat, logit);
		const distribution = (from: number, to: number): number[] => {
			const pooled = hidden.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
			const exps = [0, 10 * pooled, -10 * pooled].map(Math.exp);
			return exps.map((e) => e / (exps[0]! + exps[1]! + exps[2]!));
		};
		const windows = [0, 1000, 2000].map((start) => distribution(start, start + HEAD_WINDOW_FRAMES));
		const expected = [0, 1, 2].map((bin) => windows.reduce((sum, w) => sum + w[bin]! / windows.length, 0));
		expect(Array.from(tempoProbabilities)).toEqual(expected.map((p) => expect.closeTo(p, 5)));
		// The distribution of the whole song's mean is another one: it gives the middle bin 0.95 (0.76 here).
		expect(distribution(0, frames)[1]).toBeGreaterThan(0.9);
		expect(tempoProbabilities[1]).toBeLessThan(0.8);
	});

	test('adds each residual block to its input, its taps a dilation apart, negative values through ELU', () => {
		const input = new Float32Array(2 * 12);
		input[2 * 6] = 1;
		// dilated: hidden[f-2] - hidden[f+2] - 1; ELU; pointwise × 0.5.
		const block = {dilated: conv(1, 1, 3, 2, [1, 0, -1], [-1]), pointwise: conv(1, 1, 1, 1, [0.5])};
		const {beat} = runBeatNetwork(tiny([block]), input);
		const hidden = [0, 0, 0, 0, 0, 0.3, 0.2, 0.1, 0, 0, 0, 0];
		const elu = (v: number): number => (v > 0 ? v : Math.expm1(v));
		const expected = hidden.map((h, f) => h + 0.5 * elu((hidden[f - 2] ?? 0) - (hidden[f + 2] ?? 0) - 1));
		Array.from(beat).forEach((p, f) => expect(p).toBeCloseTo(sigmoid(expected[f] as number), 6));
	});
});

describe('beatNetworkInput', () => {
	test('gives each band its magnitude and its rise from the frame before, never a fall', () => {
		const bands = Float32Array.from([1, 5, 3, 5, 2, 9]);
		expect(Array.from(beatNetworkInput(bands, 2))).toEqual([1, 5, 0, 0, 3, 5, 2, 0, 2, 9, 0, 4]);
	});
});

describe('runBeatNetworks', () => {
	test('averages the networks of the ensemble frame by frame and bin by bin', () => {
		const input = new Float32Array(2 * 10);
		input[2 * 5] = 1;
		const one = tiny([]);
		const other: BeatNetwork = {...one, stem: conv(1, 2, 3, 1, [0.5, -0.2, 0.1, 0, 0, 0]), tempo: conv(3, 1, 1, 1, [3, -1, 0])};
		const a = runBeatNetwork(one, input);
		const b = runBeatNetwork(other, input);
		const both = runBeatNetworks([one, other], input);
		for (const key of ['beat', 'downbeat', 'tempoProbabilities', 'metreProbabilities'] as const) {
			expect(Array.from(both[key])).toEqual(Array.from(a[key], (v, i) => expect.closeTo((v + (b[key][i] as number)) / 2, 6)));
		}
		expect(a.beat).not.toEqual(b.beat);
	});
});

describe('the trained weights', () => {
	test('read whole, for the input songreel computes (40 bands and their rises), an ensemble of two', () => {
		const networks = readBeatNetworks(BEAT_NETWORK_WEIGHTS);
		expect(networks).toHaveLength(2);
		for (const network of networks) {
			expect(network.mean).toHaveLength(80);
			expect(network.stem.inputs).toBe(80);
			expect(network.blocks.map((b) => b.dilated.dilation)).toEqual(BEAT_NETWORK_WEIGHTS.dilations);
			expect(network.metre.outputs).toBe(METRES.length);
		}
	});

	// About 8192 frames (95 s) once filled the network's memory to the byte before the tempo head's first allocation, so
	// that allocation grew it: a view of the hidden layer taken before it read nothing, and the tempo came out NaN.
	test.each([8191, 8192, 8193])('give a finite tempo distribution for %s frames, where the memory once grew before the tempo head', (frames) => {
		const input = new Float32Array(frames * 80).map((_, i) => Math.sin(i * 0.37));
		const {tempoProbabilities, metreProbabilities, beat} = runBeatNetworks(readBeatNetworks(BEAT_NETWORK_WEIGHTS), input);
		expect(tempoProbabilities.every(Number.isFinite)).toBe(true);
		expect(tempoProbabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
		expect(metreProbabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
		expect(beat).toHaveLength(frames);
	});

	test('refuse weights with numbers left over', () => {
		const first = BEAT_NETWORK_WEIGHTS.networks[0] as (typeof BEAT_NETWORK_WEIGHTS.networks)[number];
		const longer = Buffer.concat([Buffer.from(first.data, 'base64'), Buffer.alloc(4)]).toString('base64');
		expect(() => readBeatNetworks({...BEAT_NETWORK_WEIGHTS, networks: [{...first, data: longer}]})).toThrow('1 numbers left over');
	});
});
