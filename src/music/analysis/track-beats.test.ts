import {describe, expect, test} from 'vitest';
import {estimateTempo, smoothOnset} from './track-beats.ts';

const framesPerSecond = 22050 / 256;

/**
 * An onset envelope 40 s long: every beat at `onBeat`, every off-beat eighth at `offBeat`, and an accent of 1 at the
 * given beat positions of each bar.
 */
const grooveEnvelope = ({bpm, beatsPerBar, onBeat, offBeat, accents}: {bpm: number; beatsPerBar: number; onBeat: number; offBeat: number; accents: readonly number[]}): Float64Array => {
	const beatInFrames = (60 * framesPerSecond) / bpm;
	const onset = new Float64Array(Math.round(framesPerSecond * 40));
	const add = (beat: number, strength: number): void => {
		const frame = Math.round(beat * beatInFrames);
		if (frame < onset.length) {
			onset[frame] = (onset[frame] as number) + strength;
		}
	};
	for (let eighth = 0; (eighth / 2) * beatInFrames < onset.length; eighth++) {
		add(eighth / 2, eighth % 2 === 0 ? onBeat : offBeat);
	}
	for (let bar = 0; bar * beatsPerBar * beatInFrames < onset.length; bar++) {
		for (const beat of accents) {
			add(bar * beatsPerBar + beat, 1);
		}
	}
	return smoothOnset(onset);
};

describe('estimateTempo', () => {
	// The tresillo accents sit a dotted quarter apart twice a bar: the autocorrelation's prior-weighted pick is that
	// dotted quarter (2/3 of the tempo) unless the harmonic comb sees that the quarters repeat at every multiple.
	test.each([120, 130, 140])('finds the quarter note of a %s bpm 4/4 with tresillo accents (3 + 3 + 2 eighths), not its dotted quarter', (bpm) => {
		const onset = grooveEnvelope({bpm, beatsPerBar: 4, onBeat: 0.6, offBeat: 0.3, accents: [0, 1.5, 3]});
		expect(Math.abs(estimateTempo(onset, framesPerSecond) / bpm - 1)).toBeLessThan(0.02);
	});

	test.each([96, 132])('keeps the beat of a %s bpm waltz accented on each bar\'s first beat', (bpm) => {
		const onset = grooveEnvelope({bpm, beatsPerBar: 3, onBeat: 0.5, offBeat: 0, accents: [0]});
		expect(Math.abs(estimateTempo(onset, framesPerSecond) / bpm - 1)).toBeLessThan(0.02);
	});
});
