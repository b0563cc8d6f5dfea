// Drum-machine songs for the beat network's training: the MMA grooves of the development set are played by
// General-MIDI soundfonts and have no four-on-the-floor kick, no trap hats, no synthesised drums, so a network trained
// on them alone took a 120 bpm drum machine (a kick on every beat, a hat on every eighth) for 240. Each song here draws
// its tempo (70-180 bpm), metre (4/4, some 3/4), kit sounds and patterns (kick, snare or clap, hats, bass, chord pads
// and stabs), a quiet intro and a drop-out from a seed. The beat is the quarter note, as in the development set.
// Training material only: nothing is measured on these songs.
import {seededRandom} from '../bench/seeded-random.ts';

export type SynthesizedSong = {readonly name: string; readonly samples: Float32Array; readonly sampleRate: number; readonly bpm: number; readonly beatsInSeconds: number[]; readonly downbeatsInSeconds: number[]; readonly metre: '3' | '4' | '6/8' | '12/8'};

// Steps are sixteenths: 16 a bar of 4/4, 12 a bar of 3/4.
const KICKS_44 = [[0, 4, 8, 12], [0, 8, 10], [0, 6, 10], [0, 7, 10], [0, 10], [0, 3, 8, 11], [0, 8]];
const SNARES_44 = [[4, 12], [8], [4, 12, 15], [4, 10, 12], []];
const HATS_44 = [[0, 2, 4, 6, 8, 10, 12, 14], [2, 6, 10, 14], Array.from({length: 16}, (_, i) => i), [0, 4, 8, 12], [], [0, 2, 3, 4, 6, 8, 10, 11, 12, 14]];
const KICKS_34 = [[0], [0, 6], [0, 8], [0, 4, 8]];
const SNARES_34 = [[4, 8], [], [8]];
const HATS_34 = [[0, 2, 4, 6, 8, 10], [2, 6, 10], [0, 4, 8], []];
const ROOTS = [0, 5, 7, 3, 8, 10, 2];

/** A mixer over `samples`: adds `voice` (a function of the time since its start) from `start` for `length` seconds. */
export const mixInto = (samples: Float32Array, sampleRate: number) => (start: number, length: number, voice: (t: number) => number, gain: number): void => {
	const from = Math.round(start * sampleRate);
	const to = Math.min(samples.length, from + Math.round(length * sampleRate));
	for (let i = Math.max(0, from); i < to; i++) {
		samples[i] = (samples[i] as number) + gain * voice((i - from) / sampleRate);
	}
};

/** Scales `samples` in place so that their peak is `peak`. */
export const scaleToPeak = (samples: Float32Array, peak: number): void => {
	let highest = 1e-9;
	for (const v of samples) {
		highest = Math.max(highest, Math.abs(v));
	}
	const level = peak / highest;
	for (let i = 0; i < samples.length; i++) {
		samples[i] = (samples[i] as number) * level;
	}
};

/** A steady grid: the time of every beat and of every bar's first beat, `bars` bars of `beatsPerBar` from `lead`. */
export const beatGrid = (lead: number, bars: number, beatsPerBar: number, beat: number): {beatsInSeconds: number[]; downbeatsInSeconds: number[]} => {
	const beatsInSeconds: number[] = [];
	const downbeatsInSeconds: number[] = [];
	for (let bar = 0; bar < bars; bar++) {
		const barStart = lead + bar * beatsPerBar * beat;
		downbeatsInSeconds.push(barStart);
		for (let b = 0; b < beatsPerBar; b++) {
			beatsInSeconds.push(barStart + b * beat);
		}
	}
	return {beatsInSeconds, downbeatsInSeconds};
};

/** A kick: a sine falling to `low` Hz, dying away at `decay` a second. */
export const kickVoice = (decay: number, low: number) => (t: number): number => Math.exp(-t * decay) * Math.sin(2 * Math.PI * (low * t + (70 / 30) * (1 - Math.exp(-t * 30))));

/** A snare (a tone and noise), or a clap (the same with a quick flutter). */
export const snareVoice = (tone: number, decay: number, clap: boolean, noise: () => number) => (t: number): number =>
	Math.exp(-t * decay) * (0.5 * Math.sin(2 * Math.PI * tone * t) + (2 * noise() - 1)) * (clap ? 1 + Math.cos(2 * Math.PI * 90 * Math.min(t, 0.03)) : 1);

/** A hi-hat: differenced (high-passed) noise. */
export const hatVoice = (decay: number, noise: () => number): ((t: number) => number) => {
	let previousNoise = 0;
	return (t: number): number => {
		const white = 2 * noise() - 1;
		const high = white - previousNoise;
		previousNoise = white;
		return Math.exp(-t * decay) * high;
	};
};

export const synthesizeTrainingSong = (seed: number, sampleRate = 22050): SynthesizedSong => {
	const next = seededRandom(seed * 7919 + 17);
	const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
	const metre = next() < 0.2 ? '3' : '4';
	const beatsPerBar = metre === '3' ? 3 : 4;
	const stepsPerBar = beatsPerBar * 4;
	const bpm = Math.round(70 * (180 / 70) ** next());
	const bars = Math.max(12, Math.round((40 * bpm) / 60 / beatsPerBar));
	const beat = 60 / bpm;
	const step = beat / 4;
	const lead = next() < 0.3 ? next() * 2 : 0.05;
	const seconds = lead + bars * beatsPerBar * beat + 1.5;
	const samples = new Float32Array(Math.round(seconds * sampleRate));
	const noise = seededRandom(seed + 1);
	const add = mixInto(samples, sampleRate);
	// The kit, drawn once a song.
	const kickDecay = 8 + next() * 20;
	const kickLow = 40 + next() * 25;
	const kick = kickVoice(kickDecay, kickLow);
	const snareTone = 150 + next() * 100;
	const snareDecay = 12 + next() * 25;
	const clap = next() < 0.4;
	const snare = snareVoice(snareTone, snareDecay, clap, noise);
	const hatDecay = 40 + next() * 160;
	const hat = hatVoice(hatDecay, noise);
	const chordWave = next() < 0.5 ? Math.sin : (x: number): number => (2 / Math.PI) * Math.asin(Math.sin(x));
	const key = 110 * 2 ** (Math.floor(next() * 12) / 12);
	const kicks = pick(metre === '3' ? KICKS_34 : KICKS_44);
	const snares = pick(metre === '3' ? SNARES_34 : SNARES_44);
	const hats = pick(metre === '3' ? HATS_34 : HATS_44);
	const bassEvery = pick([4, 2, 8]);
	const stabs = next() < 0.3;
	const gains = {kick: 0.5 + next() * 0.5, snare: 0.15 + next() * 0.35, hat: 0.05 + next() * 0.2, bass: 0.1 + next() * 0.3, pad: 0.03 + next() * 0.1};
	const introBars = next() < 0.5 ? 2 + Math.floor(next() * 3) : 0;
	const dropBar = Math.floor(bars / 2 + next() * 4);
	const {beatsInSeconds, downbeatsInSeconds} = beatGrid(lead, bars, beatsPerBar, beat);
	for (let bar = 0; bar < bars; bar++) {
		const barStart = downbeatsInSeconds[bar] as number;
		const root = key * 2 ** ((ROOTS[(bar + Math.floor(bar / 4)) % ROOTS.length] as number) / 12);
		const third = next() < 0.5 ? 3 : 4;
		const chord = (t: number): number => (chordWave(2 * Math.PI * root * 2 * t) + chordWave(2 * Math.PI * root * 2 * 2 ** (third / 12) * t) + chordWave(2 * Math.PI * root * 3 * t)) / 3;
		if (stabs) {
			for (let s = 2; s < stepsPerBar; s += 4) {
				add(barStart + s * step, step * 1.5, (t) => Math.exp(-t * 12) * chord(t), gains.pad * 3);
			}
		} else {
			add(barStart, beatsPerBar * beat, (t) => Math.min(1, t * 20) * Math.min(1, (beatsPerBar * beat - t) * 20) * chord(t), gains.pad);
		}
		const drums = bar >= introBars && bar !== dropBar && bar !== dropBar + 1;
		for (let s = 0; s < stepsPerBar; s++) {
			const at = barStart + s * step;
			if (drums && kicks.includes(s)) {
				add(at, 0.4, kick, gains.kick);
			}
			if (drums && snares.includes(s)) {
				add(at, 0.3, snare, gains.snare);
			}
			if (hats.includes(s)) {
				add(at, 0.12, hat, gains.hat * (s % 4 === 0 ? 1 : 0.7));
			}
			if (drums && s % bassEvery === 0) {
				add(at, step * bassEvery * 0.9, (t) => Math.exp(-t * 4) * Math.tanh(3 * Math.sin(2 * Math.PI * (root / 2) * t)), gains.bass);
			}
		}
	}
	scaleToPeak(samples, 0.3 + next() * 0.6);
	return {name: `drum-machine-${seed}-${metre}-${bpm}`, samples, sampleRate, bpm, beatsInSeconds, downbeatsInSeconds, metre};
};
