import {barToBeats, beatsPerBarAt, beatsToSeconds, type TempoMap} from '../../src/music/tempo-map.ts';
import type {LyricLine} from '../../src/music/lyrics/lyric-line.ts';

/** What the demo arrangement needs: the beat grid, how many bars, where sections change feel, and the sung words. */
export type DemoScore = {
	readonly tempoMap: TempoMap;
	readonly bars: number;
	readonly tailInSeconds: number;
	/** 1-based bars where the full beat (kick on every beat, open hats) plays. */
	readonly loudBars: ReadonlySet<number>;
	readonly lyrics: readonly LyricLine[];
};

const SAMPLE_RATE = 44100;
// A minor: Am - F - C - G, one chord a bar.
const CHORDS = [
	[57, 60, 64],
	[53, 57, 60],
	[48, 52, 55],
	[55, 59, 62],
];
const MELODY_STEPS = [0, 2, 3, 5, 7, 5, 3, 2, 0, -2, 0, 3];

const midiToHz = (note: number): number => 440 * 2 ** ((note - 69) / 12);

/** Deterministic white noise, so the demo song is byte-identical on every machine. */
const noise = (() => {
	let state = 0x12345678;
	return (): number => {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return ((state >>> 0) / 0xffffffff) * 2 - 1;
	};
})();

/** Synthesizes the demo song (drums, bass, pads and a lead that sings each lyric word) as interleaved stereo. */
export const synthesizeDemoSong = (score: DemoScore): {samples: Float32Array; sampleRate: number; durationInSeconds: number} => {
	const endOfBars = beatsToSeconds(score.tempoMap, barToBeats(score.tempoMap, score.bars + 1));
	const durationInSeconds = endOfBars + score.tailInSeconds;
	const frames = Math.round(durationInSeconds * SAMPLE_RATE);
	const left = new Float32Array(frames);
	const right = new Float32Array(frames);
	const add = (startInSeconds: number, lengthInSeconds: number, pan: number, voice: (t: number) => number): void => {
		const start = Math.round(startInSeconds * SAMPLE_RATE);
		const end = Math.min(frames, start + Math.round(lengthInSeconds * SAMPLE_RATE));
		for (let i = Math.max(0, start); i < end; i++) {
			const value = voice((i - start) / SAMPLE_RATE);
			left[i] = (left[i] as number) + value * (1 - pan);
			right[i] = (right[i] as number) + value * (1 + pan);
		}
	};
	const kick = (t: number): number => Math.sin(2 * Math.PI * (50 * t + 60 * (1 - Math.exp(-t * 30)))) * Math.exp(-t * 9) * 0.9;
	const snare = (t: number): number => (noise() * 0.6 + Math.sin(2 * Math.PI * 190 * t) * 0.4) * Math.exp(-t * 22) * 0.5;
	let lastNoise = 0;
	const hat = (decay: number) => (t: number): number => {
		const n = noise();
		const high = n - lastNoise;
		lastNoise = n;
		return high * Math.exp(-t * decay) * 0.18;
	};
	for (let bar = 1; bar <= score.bars; bar++) {
		const loud = score.loudBars.has(bar);
		const downbeat = barToBeats(score.tempoMap, bar);
		const beatsPerBar = beatsPerBarAt(score.tempoMap, downbeat);
		const beatAt = (beat: number): number => beatsToSeconds(score.tempoMap, downbeat + beat);
		const barStart = beatAt(0);
		const barLength = beatAt(beatsPerBar) - barStart;
		const chord = CHORDS[(bar - 1) % CHORDS.length] as number[];
		for (let beat = 0; beat < beatsPerBar; beat++) {
			// 4/4: kick on 1 and 3, snare on 2 and 4. 3/4: kick on 1, a lighter snare on 2 and 3.
			const waltz = beatsPerBar === 3;
			if (loud || (waltz ? beat === 0 : beat % 2 === 0)) {
				add(beatAt(beat), 0.45, 0, kick);
			}
			if ((waltz ? beat > 0 : beat % 2 === 1) && bar > 2) {
				add(beatAt(beat), 0.3, 0.1, waltz ? (t) => snare(t) * 0.6 : snare);
			}
			for (const half of [0, 0.5]) {
				add(beatAt(beat + half), loud ? 0.12 : 0.05, -0.3, hat(loud ? 30 : 70));
			}
			const root = midiToHz((chord[0] as number) - 24);
			add(beatAt(beat), (barLength / beatsPerBar) * 0.9, 0, (t) => Math.sin(2 * Math.PI * root * t) * 0.35 * Math.exp(-t * 2) + Math.sin(4 * Math.PI * root * t) * 0.1 * Math.exp(-t * 4));
		}
		for (const note of chord) {
			const hz = midiToHz(note);
			add(barStart, barLength + 0.2, note % 2 === 0 ? 0.4 : -0.4, (t) => {
				const envelope = Math.min(1, t / 0.3) * Math.min(1, Math.max(0, (barLength + 0.2 - t) / 0.3));
				return (Math.sin(2 * Math.PI * hz * t) + 0.3 * Math.sin(2 * Math.PI * hz * 2.01 * t)) * 0.05 * envelope;
			});
		}
	}
	if (score.tailInSeconds > 0) {
		const hz = midiToHz(57);
		add(endOfBars, score.tailInSeconds, 0, (t) => Math.sin(2 * Math.PI * hz * t) * 0.2 * Math.exp(-t * 2));
	}
	let wordIndex = 0;
	for (const line of score.lyrics) {
		const words = line.words ?? [];
		words.forEach((word, i) => {
			const next = words[i + 1];
			const endInSeconds = word.endInSeconds ?? next?.startInSeconds ?? word.startInSeconds + 0.4;
			const lengthInSeconds = Math.max(0.08, endInSeconds - word.startInSeconds - 0.02);
			const hz = midiToHz(69 + (MELODY_STEPS[wordIndex % MELODY_STEPS.length] as number));
			wordIndex++;
			add(word.startInSeconds, lengthInSeconds, 0.05, (t) => {
				const vibrato = 1 + 0.006 * Math.sin(2 * Math.PI * 5.5 * t);
				const envelope = Math.min(1, t / 0.03) * Math.min(1, (lengthInSeconds - t) / 0.05);
				const phase = 2 * Math.PI * hz * vibrato * t;
				return (Math.sin(phase) + 0.45 * Math.sin(2 * phase) + 0.2 * Math.sin(3 * phase)) * 0.16 * envelope;
			});
		});
	}
	const samples = new Float32Array(frames * 2);
	let peak = 0;
	for (let i = 0; i < frames; i++) {
		peak = Math.max(peak, Math.abs(left[i] as number), Math.abs(right[i] as number));
	}
	const gain = 0.89 / Math.max(peak, 1e-6);
	for (let i = 0; i < frames; i++) {
		samples[i * 2] = (left[i] as number) * gain;
		samples[i * 2 + 1] = (right[i] as number) * gain;
	}
	return {samples, sampleRate: SAMPLE_RATE, durationInSeconds};
};
