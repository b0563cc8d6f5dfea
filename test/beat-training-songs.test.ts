// The beat networks' synthesised training songs in every metre (scripts/train-beat-network/synthesize-metre-song.ts):
// the truth they carry matches what they play, so the networks learn the dotted quarter as the beat of 6/8 and 12/8
// from the grouping of the eighths, and the generator gives every metre, with and without drums.
import {describe, expect, test} from 'vitest';
import {synthesizeMetreSong} from '../scripts/train-beat-network/synthesize-metre-song.ts';

const BEATS_PER_BAR = {'3': 3, '4': 4, '6/8': 2, '12/8': 4} as const;
const EIGHTHS_PER_BEAT = {'3': 2, '4': 2, '6/8': 3, '12/8': 3} as const;

/** How much louder the signal is in the 20 ms after `time` than in the 20 ms before it. */
const rise = (samples: Float32Array, sampleRate: number, time: number): number => {
	const energy = (from: number, to: number): number => {
		let sum = 0;
		for (let i = Math.max(0, Math.round(from * sampleRate)); i < Math.min(samples.length, Math.round(to * sampleRate)); i++) {
			sum += (samples[i] as number) ** 2;
		}
		return sum;
	};
	return energy(time, time + 0.02) - energy(time - 0.02, time);
};

describe('the training songs in every metre', () => {
	test('give every metre, drumless songs, and beats and bar lines as the metre counts them', () => {
		const metres = new Set<string>();
		let drumless = 0;
		for (let seed = 0; seed < 24; seed++) {
			const song = synthesizeMetreSong(seed, 8000);
			metres.add(song.metre);
			drumless += song.name.endsWith('-drumless') ? 1 : 0;
			const beat = 60 / song.bpm;
			song.beatsInSeconds.slice(1).forEach((time, i) => expect(time - (song.beatsInSeconds[i] as number)).toBeCloseTo(beat, 6));
			expect(song.downbeatsInSeconds.length * BEATS_PER_BAR[song.metre]).toBe(song.beatsInSeconds.length);
			song.downbeatsInSeconds.forEach((time, bar) => expect(time).toBeCloseTo(song.beatsInSeconds[bar * BEATS_PER_BAR[song.metre]] as number, 9));
			// The music lasts as long as its beats.
			expect(song.samples.length / song.sampleRate).toBeGreaterThan((song.beatsInSeconds.at(-1) as number) + beat);
		}
		expect([...metres].sort()).toEqual(['12/8', '3', '4', '6/8']);
		expect(drumless).toBeGreaterThan(3);
		expect(drumless).toBeLessThan(20);
	});

	test('play the eighths of drumless songs grouped as the metre groups them: the beat\'s first eighth is the strongest onset', () => {
		const checked = new Set<string>();
		// Drumless songs: their arpeggio plays every eighth, so the accents alone tell the grouping.
		for (let seed = 0; checked.size < 4 && seed < 80; seed++) {
			const song = synthesizeMetreSong(seed, 8000);
			if (checked.has(song.metre) || !song.name.endsWith('-drumless')) {
				continue;
			}
			checked.add(song.metre);
			const eighth = 60 / song.bpm / EIGHTHS_PER_BEAT[song.metre];
			const onBeat: number[] = [];
			const between: number[] = [];
			const first = song.beatsInSeconds[0] as number;
			const last = song.beatsInSeconds.at(-1) as number;
			for (let k = 0; first + k * eighth <= last; k++) {
				(k % EIGHTHS_PER_BEAT[song.metre] === 0 ? onBeat : between).push(rise(song.samples, song.sampleRate, first + k * eighth));
			}
			const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
			// Something sounds on the eighths between the beats too (else the grouping would not be heard at all).
			expect(mean(between), song.name).toBeGreaterThan(0);
			expect(mean(onBeat), song.name).toBeGreaterThan(1.3 * mean(between));
		}
		expect(checked.size).toBe(4);
	});
});
