import {describe, expect, test} from 'vitest';
import {analyzeSong, beatPeriod} from './analyze-song.ts';

/** Beats at a tempo, each rounded to the analysis frames (86.13 a second), as the tracker gives them. */
const beatsOnFrames = (bpm: number, count: number, from = 0): number[] => {
	const framesPerSecond = 22050 / 256;
	return Array.from({length: count}, (_, i) => Math.round((from + (i * 60) / bpm) * framesPerSecond) / framesPerSecond);
};

describe('beatPeriod', () => {
	test.each([208, 219, 174, 96, 61])('beats rounded to whole frames at %d bpm give the tempo within 0.5%%', (bpm) => {
		// The median of single intervals is off by up to half a frame a beat: 3.5% at 208 bpm, 2.6% at 219.
		expect(Math.abs(60 / (beatPeriod(beatsOnFrames(bpm, 200)) as number) / bpm - 1)).toBeLessThan(0.005);
	});

	test('a song that changes tempo is given the tempo most of it is at', () => {
		const slow = beatsOnFrames(100, 40);
		const fast = beatsOnFrames(130, 120, (slow.at(-1) as number) + 60 / 130);
		expect(Math.abs(60 / (beatPeriod([...slow, ...fast]) as number) / 130 - 1)).toBeLessThan(0.005);
	});

	test('a missed beat does not move it', () => {
		const beats = beatsOnFrames(120, 64).filter((_, i) => i !== 30);
		expect(Math.abs(60 / (beatPeriod(beats) as number) / 120 - 1)).toBeLessThan(0.005);
	});

	test('fewer than two beats have no period, two have their interval', () => {
		expect(beatPeriod([])).toBeNull();
		expect(beatPeriod([1])).toBeNull();
		expect(beatPeriod([1, 1.5])).toBe(0.5);
	});
});

describe('analyzeSong', () => {
	test('refuses a sample rate its beat networks were not trained at, saying which rate it reads', () => {
		// At 44.1 kHz the bands merge differently: the networks read a wrong-sized input (a wrong tempo, or a crash in
		// the heap) instead of a clear error.
		expect(() => analyzeSong({samples: new Float32Array(44100 * 8), sampleRate: 44100})).toThrow(/reads 22050 Hz mono, not 44100 Hz/);
	});
});
