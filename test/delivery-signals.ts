// Test signals for the loudness tests: EBU Tech 3341/3342 signals synthesised exactly, and music-, speech- and
// imbalance-like signals from a seeded generator, so every run measures the same samples.
import type {AudioChannels} from '../src/music/loudness/measure-loudness.ts';
import {seededRandom as seeded} from '../scripts/bench/seeded-random.ts';

const dbToAmplitude = (db: number): number => 10 ** (db / 20);


/** A sine in every channel (two by default), in stretches of [dBFS, seconds], phase continuous. */
export const sineSteps = ({frequency = 1000, sampleRate = 48000, steps, phase = 0, channels = 2, fadeSeconds = 0}: {frequency?: number; sampleRate?: number; steps: readonly (readonly [number, number])[]; phase?: number; channels?: number; fadeSeconds?: number}): AudioChannels => {
	const total = steps.reduce((sum, [, seconds]) => sum + Math.round(seconds * sampleRate), 0);
	const samples = new Float32Array(total);
	let at = 0;
	for (const [db, seconds] of steps) {
		const amplitude = dbToAmplitude(db);
		for (let i = 0; i < Math.round(seconds * sampleRate); i++, at++) {
			samples[at] = amplitude * Math.sin((2 * Math.PI * frequency * at) / sampleRate + phase);
		}
	}
	// An abrupt start or end rings in any interpolator; raised-cosine fades keep the steady-state peak the only peak.
	const fade = Math.round(fadeSeconds * sampleRate);
	for (let i = 0; i < fade; i++) {
		const gain = 0.5 * (1 - Math.cos((Math.PI * i) / fade));
		samples[i] = (samples[i] as number) * gain;
		samples[total - 1 - i] = (samples[total - 1 - i] as number) * gain;
	}
	return {channels: Array.from({length: channels}, () => samples.slice()), sampleRate};
};

/** A beat-driven stereo mix at 44.1 kHz: kick, bass, a chord pad and hi-hats, quiet verse then loud chorus. */
export const musicLike = (): AudioChannels => {
	const sampleRate = 44100;
	const seconds = 30;
	const random = seeded(7);
	const n = sampleRate * seconds;
	const left = new Float32Array(n);
	const right = new Float32Array(n);
	const beat = 60 / 120;
	for (let i = 0; i < n; i++) {
		const t = i / sampleRate;
		const level = t < 12 ? 0.25 : 0.7;
		const sinceBeat = t % beat;
		const kick = Math.sin(2 * Math.PI * (50 + 80 * Math.exp(-sinceBeat * 30)) * sinceBeat) * Math.exp(-sinceBeat * 8);
		const bass = 0.4 * Math.sin(2 * Math.PI * (t % 4 < 2 ? 55 : 73.4) * t);
		const pad = 0.15 * (Math.sin(2 * Math.PI * 220 * t) + Math.sin(2 * Math.PI * 277.2 * t) + Math.sin(2 * Math.PI * 329.6 * t));
		const sinceHat = (t + beat / 2) % beat;
		const hat = (random() * 2 - 1) * 0.3 * Math.exp(-sinceHat * 60);
		left[i] = level * (0.5 * kick + bass + pad * 1.1 + hat);
		right[i] = level * (0.5 * kick + bass + pad * 0.9 - hat);
	}
	return {channels: [left, right], sampleRate};
};

/** Mono speech-like noise at 48 kHz: voiced syllables about 4 a second, in phrases with silent pauses. */
export const speechLike = (): AudioChannels => {
	const sampleRate = 48000;
	const random = seeded(11);
	const n = sampleRate * 30;
	const samples = new Float32Array(n);
	let lowPassed = 0;
	for (let i = 0; i < n; i++) {
		const t = i / sampleRate;
		// Phrases of 2.5 s, then 1 s of silence.
		const inPhrase = t % 3.5 < 2.5;
		const syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * t)) ** 2;
		lowPassed += 0.15 * (random() * 2 - 1 - lowPassed);
		const voiced = 0.5 * Math.sin(2 * Math.PI * 140 * t) + 0.3 * Math.sin(2 * Math.PI * 280 * t) + 0.2 * Math.sin(2 * Math.PI * 700 * t);
		samples[i] = inPhrase ? 0.3 * syllable * (voiced + 2 * lowPassed) : 0;
	}
	return {channels: [samples], sampleRate};
};

/** Stereo at 48 kHz with different content and level in each channel: a loud 440 Hz left, quiet noise right. */
export const stereoImbalance = (): AudioChannels => {
	const sampleRate = 48000;
	const random = seeded(13);
	const n = sampleRate * 20;
	const left = new Float32Array(n);
	const right = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		left[i] = 0.4 * Math.sin((2 * Math.PI * 440 * i) / sampleRate) * (0.6 + 0.4 * Math.sin((2 * Math.PI * 0.5 * i) / sampleRate));
		right[i] = 0.05 * (random() * 2 - 1);
	}
	return {channels: [left, right], sampleRate};
};
