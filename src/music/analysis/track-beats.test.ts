import {describe, expect, test} from 'vitest';
import {localPeriods, smoothOnset, tempoFromNetwork, trackBeats} from './track-beats.ts';

const framesPerSecond = 22050 / 256;

/** An activation 30 s long with a peak on every beat at `bpm`. */
const beatTrain = (bpm: number): Float64Array => {
	const activation = new Float64Array(Math.round(framesPerSecond * 30));
	for (let beat = 0; (beat * 60 * framesPerSecond) / bpm < activation.length; beat++) {
		activation[Math.round((beat * 60 * framesPerSecond) / bpm)] = 1;
	}
	return smoothOnset(activation, 1);
};

/** The network's tempo bins (40 bpm up, 2% apart) with all the probability on the bin nearest `bpm`. */
const headAt = (bpm: number): {probabilities: Float32Array; bins: Float32Array} => {
	const bins = new Float32Array(93).map((_, i) => 40 * 1.02 ** i);
	const nearest = bins.reduce((best, value, i) => (Math.abs(Math.log(value / bpm)) < Math.abs(Math.log((bins[best] as number) / bpm)) ? i : best), 0);
	const probabilities = new Float32Array(93);
	probabilities[nearest] = 1;
	return {probabilities, bins};
};

describe('tempoFromNetwork', () => {
	test.each([73.3, 121.3, 187])('places %s bpm finer than the 2%% bins, from the beat activation', (bpm) => {
		const {probabilities, bins} = headAt(bpm);
		expect(Math.abs(tempoFromNetwork(beatTrain(bpm), framesPerSecond, probabilities, bins) / bpm - 1)).toBeLessThan(0.003);
	});

	// The activation repeats at 60, 120 and 240 bpm alike (every beat, every other one, every half period is empty
	// but the lags line up): the octave is the tempo distribution's to pick.
	test.each([60, 120])('takes the octave from the tempo distribution (%s bpm) where the activation fits both', (bpm) => {
		const {probabilities, bins} = headAt(bpm);
		expect(Math.abs(tempoFromNetwork(beatTrain(120), framesPerSecond, probabilities, bins) / bpm - 1)).toBeLessThan(0.01);
	});
});

describe('trackBeats', () => {
	test('puts a beat on every peak at the local period, before and after a sudden tempo change', () => {
		const slow = beatTrain(100).subarray(0, Math.round(framesPerSecond * 15));
		const fast = beatTrain(130).subarray(0, Math.round(framesPerSecond * 15));
		const activation = new Float64Array(slow.length + fast.length);
		activation.set(slow);
		activation.set(fast, slow.length);
		const beats = trackBeats(activation, localPeriods(activation, framesPerSecond, 110));
		const peaks = [...activation.keys()].filter((f) => (activation[f] as number) > 0.3 && (activation[f] as number) >= (activation[f - 1] ?? 0) && (activation[f] as number) >= (activation[f + 1] ?? 0));
		// At the change itself one beat may fall between the last slow peak and the first fast one.
		const missed = peaks.filter((peak) => Math.abs(peak - slow.length) > framesPerSecond && !beats.some((beat) => Math.abs(beat - peak) <= 1));
		expect(missed).toEqual([]);
		expect(beats.length).toBeLessThanOrEqual(peaks.length + 1);
	});

	// The local periods come from windows of seconds: at a sudden change they may give the new period a beat or more
	// before the music does. The gaps that are still the old period must not be bent toward the new one (1.5 s early,
	// two and a half beats of 100 bpm, is more than the tracker allows for).
	test.each([0.5, 1])('keeps every beat on its peak where the local periods give a tempo change %s s early (under two beats)', (early) => {
		const slow = beatTrain(100).subarray(0, Math.round(framesPerSecond * 15));
		const fast = beatTrain(130);
		const activation = new Float64Array(slow.length + fast.length);
		activation.set(slow);
		activation.set(fast, slow.length);
		const switchAt = slow.length - Math.round(early * framesPerSecond);
		const periods = new Float64Array(activation.length).map((_, f) => (60 * framesPerSecond) / (f < switchAt ? 100 : 130));
		const beats = trackBeats(activation, periods);
		const peaks = [...activation.keys()].filter((f) => (activation[f] as number) > 0.3 && (activation[f] as number) >= (activation[f - 1] ?? 0) && (activation[f] as number) >= (activation[f + 1] ?? 0));
		expect(peaks.filter((peak) => !beats.some((beat) => Math.abs(beat - peak) <= 1))).toEqual([]);
		expect(beats).toHaveLength(peaks.length);
	});
});
