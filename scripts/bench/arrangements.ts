import type {MidiEvent} from './midi-file.ts';

/** A benchmark track: an arrangement the benchmark writes as MIDI, with its true beat times. */
export type Arrangement = {
	readonly name: string;
	readonly style: 'pop' | 'swing' | 'ballad' | 'dense' | 'piano' | 'waltz';
	readonly beatsPerBar: 3 | 4;
	readonly bars: number;
	/** Tempo of each beat (0-based): constant, a change, or rubato. */
	readonly bpmAt: (beat: number) => number;
	/** Bars at the start with only a soft pad, as in quiet intros. */
	readonly quietIntroBars?: number;
};

export const TICKS = 480;
const DRUMS = 9;
// A minor, C, F, G: roots and triads in MIDI notes.
const PROGRESSION = [
	[45, [57, 60, 64]],
	[48, [55, 60, 64]],
	[41, [57, 60, 65]],
	[43, [55, 59, 62]],
] as const;

/** Deterministic pseudo-random numbers, so every run writes the same tracks. */
const random = (seed: number) => () => {
	seed = (seed * 1664525 + 1013904223) >>> 0;
	return seed / 0x100000000;
};

/** A rubato tempo curve: slow drift around `bpm` by up to ±`depth`, a different wave per track. */
export const rubato = (bpm: number, depth: number, seed: number) => (beat: number) => bpm * (1 + depth * Math.sin(beat / 5 + seed) * Math.cos(beat / 13 + seed * 2));

/** MIDI events of an arrangement and the true time of every beat (downbeats every `beatsPerBar`). */
export const arrange = (arrangement: Arrangement): {events: MidiEvent[]; beatsInSeconds: number[]; downbeatsInSeconds: number[]} => {
	const {beatsPerBar, bars, style} = arrangement;
	const next = random(arrangement.name.length * 7919 + bars);
	const events: MidiEvent[] = [
		{tick: 0, type: 'meter', beatsPerBar},
		{tick: 0, type: 'program', channel: 0, program: style === 'swing' ? 32 : 33},
		{tick: 0, type: 'program', channel: 1, program: 0},
		{tick: 0, type: 'program', channel: 2, program: 48},
		{tick: 0, type: 'program', channel: 3, program: style === 'ballad' ? 73 : 80},
	];
	const note = (beat: number, channel: number, pitch: number, velocity: number, lengthInBeats: number): void => {
		events.push({tick: Math.round(beat * TICKS), type: 'note', channel, note: pitch, velocity: Math.max(1, Math.min(127, Math.round(velocity))), durationInTicks: Math.max(1, Math.round(lengthInBeats * TICKS))});
	};
	// Beat 0 is a silent lead-in; the music (and the ground truth) starts on beat 1.
	const totalBeats = 1 + bars * beatsPerBar;
	const beatsInSeconds: number[] = [];
	const downbeatsInSeconds: number[] = [];
	let time = 0;
	for (let beat = 0; beat <= totalBeats; beat++) {
		const bpm = arrangement.bpmAt(beat);
		events.push({tick: beat * TICKS, type: 'tempo', bpm});
		if (beat >= 1 && beat < totalBeats) {
			beatsInSeconds.push(time);
			if ((beat - 1) % beatsPerBar === 0) {
				downbeatsInSeconds.push(time);
			}
		}
		time += 60 / bpm;
	}
	const swing = (eighth: number): number => (style === 'swing' && eighth % 1 !== 0 ? Math.floor(eighth) + 2 / 3 : eighth);
	for (let bar = 0; bar < bars; bar++) {
		const start = 1 + bar * beatsPerBar;
		const [root, triad] = PROGRESSION[bar % PROGRESSION.length] as (typeof PROGRESSION)[number];
		const quiet = bar < (arrangement.quietIntroBars ?? 0);
		if (quiet) {
			for (const pitch of triad) {
				note(start, 2, pitch, 40, beatsPerBar);
			}
			continue;
		}
		const human = (): number => (next() - 0.5) * 0.02;
		switch (style) {
			case 'pop':
			case 'dense':
				for (let b = 0; b < beatsPerBar; b++) {
					if (b % 2 === 0) note(start + b + human(), DRUMS, 36, 110, 0.25);
					if (b % 2 === 1) note(start + b + human(), DRUMS, 38, 100, 0.25);
					const subdivisions = style === 'dense' ? 4 : 2;
					for (let s = 0; s < subdivisions; s++) note(start + b + s / subdivisions + human(), DRUMS, 42, s === 0 ? 80 : 55, 0.1);
					if (style === 'dense' && next() < 0.4) note(start + b + 0.75, DRUMS, next() < 0.5 ? 36 : 38, 60, 0.2);
					note(start + b, 0, root, 95, style === 'dense' ? 0.45 : 0.9);
					if (style === 'dense') note(start + b + 0.5, 0, root + 12, 80, 0.4);
				}
				for (const pitch of triad) note(start, 1, pitch, 70, beatsPerBar / 2);
				for (const pitch of triad) note(start + beatsPerBar / 2, 1, pitch, 60, beatsPerBar / 2);
				break;
			case 'swing':
				for (let b = 0; b < beatsPerBar; b++) {
					note(start + b, DRUMS, 51, 85, 0.3);
					if (b % 2 === 1) note(start + swing(b + 0.5), DRUMS, 51, 65, 0.2);
					if (b % 2 === 1) note(start + b, DRUMS, 44, 70, 0.2);
					if (b === 0) note(start + b, DRUMS, 36, 70, 0.2);
					note(start + b, 0, root + [0, 4, 7, 9][b % 4]!, 90, 0.9);
				}
				for (const pitch of triad) note(start + swing(1.5), 1, pitch + 12, 65, 0.5);
				for (const pitch of triad) note(start + swing(3.5) - (beatsPerBar === 3 ? 1 : 0), 1, pitch + 12, 60, 0.5);
				break;
			case 'ballad':
				note(start, 0, root, 80, beatsPerBar);
				for (let e = 0; e < beatsPerBar * 2; e++) note(start + e / 2 + human(), 1, (triad[e % 3] as number) + (e % 6 >= 3 ? 12 : 0), e === 0 ? 75 : 55, 0.5);
				for (const pitch of triad) note(start, 2, pitch, 45, beatsPerBar);
				break;
			case 'piano':
				for (const pitch of triad) note(start, 1, pitch, 70, beatsPerBar);
				for (let b = 0; b < beatsPerBar; b++) if (next() < 0.7) note(start + b + human(), 1, (triad[2] as number) + 12 + [0, 2, 3, 5][Math.floor(next() * 4)]!, 60, 0.9);
				break;
			case 'waltz':
				note(start, 0, root, 95, 0.9);
				note(start, DRUMS, 36, 70, 0.2);
				for (const b of [1, 2]) for (const pitch of triad) note(start + b + human(), 1, pitch, 62, 0.6);
				break;
		}
		// A melody on most bars, on beats and offbeats, so the beat is not the only thing moving.
		if (style !== 'piano' && bar % 4 !== 3) {
			for (let b = 0; b < beatsPerBar; b++) if (next() < 0.6) note(start + b + (next() < 0.3 ? 0.5 : 0), 3, 69 + [0, 2, 3, 5, 7][Math.floor(next() * 5)]!, 75, 0.45);
		}
	}
	return {events, beatsInSeconds, downbeatsInSeconds};
};

/** The benchmark's tracks: tempos from 70 to 180 bpm, 3/4 and 4/4, swing, a tempo change, quiet intros, dense and sparse material. */
export const BENCHMARK_TRACKS: readonly Arrangement[] = [
	{name: 'pop-120', style: 'pop', beatsPerBar: 4, bars: 32, bpmAt: () => 120},
	{name: 'pop-96-quiet-intro', style: 'pop', beatsPerBar: 4, bars: 32, bpmAt: () => 96, quietIntroBars: 4},
	{name: 'pop-180', style: 'pop', beatsPerBar: 4, bars: 48, bpmAt: () => 180},
	{name: 'pop-100-to-126', style: 'pop', beatsPerBar: 4, bars: 32, bpmAt: (beat) => (beat <= 64 ? 100 : 126)},
	{name: 'swing-140', style: 'swing', beatsPerBar: 4, bars: 32, bpmAt: () => 140},
	{name: 'swing-84', style: 'swing', beatsPerBar: 4, bars: 24, bpmAt: () => 84},
	{name: 'dense-174', style: 'dense', beatsPerBar: 4, bars: 48, bpmAt: () => 174},
	{name: 'dense-128', style: 'dense', beatsPerBar: 4, bars: 32, bpmAt: () => 128},
	{name: 'ballad-72-rubato', style: 'ballad', beatsPerBar: 4, bars: 24, bpmAt: rubato(72, 0.04, 1)},
	{name: 'ballad-3-4-70-rubato', style: 'ballad', beatsPerBar: 3, bars: 32, bpmAt: rubato(70, 0.04, 2)},
	{name: 'piano-84-sparse', style: 'piano', beatsPerBar: 4, bars: 24, bpmAt: () => 84},
	{name: 'waltz-108', style: 'waltz', beatsPerBar: 3, bars: 48, bpmAt: () => 108},
	{name: 'waltz-156', style: 'waltz', beatsPerBar: 3, bars: 64, bpmAt: () => 156},
];
