import {describe, expect, test} from 'vitest';
import {bandEdges, spectralFeatureStream, spectralFeatures} from './onset-envelope.ts';

const SAMPLE_RATE = 22050;

const tone = (hz: number, seconds: number): Float32Array => new Float32Array(Math.round(seconds * SAMPLE_RATE)).map((_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE));

describe('spectralFeatures', () => {
	test('puts a 440 Hz tone in pitch class A and in the band that holds 440 Hz', () => {
		const features = spectralFeatures(tone(440, 2), SAMPLE_RATE);
		const middle = Math.floor(features.onset.length / 2);
		const chroma = features.chroma.map((values) => values[middle] as number);
		expect(chroma.indexOf(Math.max(...chroma))).toBe(0);
		const bands = Array.from(features.bands.subarray(middle * features.bandCount, (middle + 1) * features.bandCount));
		const edges = bandEdges(SAMPLE_RATE);
		const loudest = bands.indexOf(Math.max(...bands));
		expect((edges[loudest] as number) * (SAMPLE_RATE / 1024)).toBeLessThanOrEqual(440);
		expect((edges[loudest + 1] as number) * (SAMPLE_RATE / 1024)).toBeGreaterThan(440);
	});

	test('marks the onset of a tone that starts after silence', () => {
		const samples = new Float32Array(SAMPLE_RATE * 3);
		samples.set(tone(220, 1), SAMPLE_RATE);
		const {onset, framesPerSecond} = spectralFeatures(samples, SAMPLE_RATE);
		const strongest = onset.indexOf(Math.max(...onset));
		expect(Math.abs(strongest / framesPerSecond - 1)).toBeLessThan(0.03);
	});
});

describe('spectralFeatureStream', () => {
	test('gives the same features fed in uneven pieces as read at once', () => {
		let state = 7;
		const random = (): number => {
			state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
			return state / 2 ** 31;
		};
		const samples = new Float32Array(SAMPLE_RATE * 4 + 123).map(() => random() - 0.5);
		const stream = spectralFeatureStream(SAMPLE_RATE);
		// Pieces of 1 to 40,000 samples, the way a decoder's pipe delivers them; the stream is handed a growing copy.
		for (let available = 0; available < samples.length; ) {
			available = Math.min(samples.length, available + 1 + Math.floor(random() * 40_000));
			const arrived = new Float32Array(samples.length + 5000);
			arrived.set(samples.subarray(0, available));
			stream.advance(arrived, available);
		}
		expect(stream.finish(samples)).toEqual(spectralFeatures(samples, SAMPLE_RATE));
	});
});
