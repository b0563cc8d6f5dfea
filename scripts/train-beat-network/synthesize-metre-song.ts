// Songs in 3/4, 4/4, 6/8 and 12/8 for the beat networks' training, from one generator, many without drums. MMA's
// libraries (every library together) hold five groove files in compound metre, and the development set's held-out
// twins of three of them are kept out of training, so the networks heard 6/8 from a handful of grooves: they read the
// kept-aside 6/8 ballad as 3/4 at 1.5 times its tempo in all ten of its songs, and all five held-out compound songs as
// simple time. Here the same instruments play every metre, so only the grouping tells them apart: the eighths in threes
// (6/8, 12/8: the dotted quarter the beat) or in twos (3/4, 4/4), in the arpeggio's figure, the accents, the bass and
// the comping (oom-pa-pa in threes or twos), the chord changing on the bar line. Four songs in ten have no drums (the
// held-out drumless hymn and 6/8 arpeggios were read at wrong tempos). Each song draws its metre, tempo, timbres,
// figures and a human timing jitter from a seed. Training material only: nothing is measured on these songs.
// Opt-in (export-features.ts --sets …,metre): the networks trained with them failed the analysis tests (the README's
// beat benchmark says how), so the committed networks were trained without them.
import {seededRandom} from '../bench/seeded-random.ts';
import {beatGrid, hatVoice, kickVoice, mixInto, scaleToPeak, snareVoice, type SynthesizedSong} from './synthesize-training-song.ts';

type Metre = '3' | '4' | '6/8' | '12/8';
const METRE = {
	'3': {beatsPerBar: 3, eighthsPerBeat: 2, bpm: [66, 200]},
	'4': {beatsPerBar: 4, eighthsPerBeat: 2, bpm: [60, 190]},
	'6/8': {beatsPerBar: 2, eighthsPerBeat: 3, bpm: [40, 140]},
	'12/8': {beatsPerBar: 4, eighthsPerBeat: 3, bpm: [40, 130]},
} as const;
// An arpeggio's figure: chord tones (0 root, 1 third, 2 fifth, 3 octave, 4 the third above) for each eighth of a beat
// (repeated every beat) or of a bar.
const BEAT_FIGURES: Record<2 | 3, readonly (readonly number[])[]> = {2: [[0, 2], [0, 3], [1, 2], [2, 3]], 3: [[0, 2, 3], [0, 1, 2], [0, 2, 1], [3, 2, 1], [0, 3, 2]]};
const BAR_FIGURES: Record<Metre, number[][]> = {
	'3': [[0, 2, 3, 4, 3, 2], [0, 2, 1, 2, 3, 2]],
	'4': [[0, 2, 3, 2, 4, 3, 2, 1], [0, 1, 2, 3, 4, 3, 2, 1]],
	'6/8': [[0, 2, 3, 4, 3, 2], [0, 2, 3, 1, 2, 3]],
	'12/8': [[0, 2, 3, 4, 3, 2, 0, 2, 3, 4, 3, 2], [0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1]],
};
const PROGRESSIONS = [[0, 5, 7, 0], [0, 9, 5, 7], [0, 7, 9, 5], [0, 0, 5, 7], [9, 5, 0, 7]];

export const synthesizeMetreSong = (seed: number, sampleRate = 22050): SynthesizedSong => {
	const next = seededRandom(seed * 104729 + 31);
	const noise = seededRandom(seed + 99991);
	const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
	const draw = next();
	const metre: Metre = draw < 0.3 ? '6/8' : draw < 0.55 ? '12/8' : draw < 0.8 ? '3' : '4';
	const {beatsPerBar, eighthsPerBeat, bpm: range} = METRE[metre];
	const eighthsPerBar = beatsPerBar * eighthsPerBeat;
	const bpm = Math.round(range[0] * (range[1] / range[0]) ** next());
	const beat = 60 / bpm;
	const eighth = beat / eighthsPerBeat;
	const bars = Math.max(8, Math.round(40 / (beatsPerBar * beat)));
	const lead = next() < 0.3 ? next() * 2 : 0.05;
	const samples = new Float32Array(Math.round((lead + bars * beatsPerBar * beat + 2) * sampleRate));
	const add = mixInto(samples, sampleRate);
	const jitter = next() * 0.012;
	const human = (): number => (next() + next() - 1) * jitter;
	const drumless = next() < 0.4;

	// A plucked or struck tone (piano, guitar, harp, mallets): harmonics falling off by `brightness`, dying away at
	// `decay` a second; or a held one (organ, strings) when `decay` is small.
	const tone = (decay: number, brightness: number) => (frequency: number) => (t: number): number => {
		let sum = 0;
		for (let h = 1; h <= 5; h++) {
			sum += brightness ** (h - 1) * Math.sin(2 * Math.PI * h * frequency * t) * Math.exp(-t * decay * Math.sqrt(h));
		}
		return Math.min(1, t * 400) * sum * 0.5;
	};
	const arpeggio = tone(2 + next() * 10, 0.2 + next() * 0.5);
	const comp = tone(next() < 0.5 ? 0.5 : 4 + next() * 8, 0.3 + next() * 0.4);
	const bassTone = tone(1 + next() * 4, 0.3 + next() * 0.3);
	const beatFigure = pick(BEAT_FIGURES[eighthsPerBeat]);
	const figure = next() < 0.5 ? pick(BAR_FIGURES[metre]) : Array.from({length: eighthsPerBar}, (_, i) => beatFigure[i % eighthsPerBeat] as number);
	const hasArpeggio = drumless || next() < 0.6;
	// How much louder a beat's first eighth is played, and the bar's first beat.
	const accent = 0.1 + next() * 0.7;
	const barAccent = next() * 0.5;
	const comping = pick(['pad', 'oompah', 'oompah', 'none'] as const);
	const bassOnBeats = next() < 0.5;
	const progression = pick(PROGRESSIONS);
	const harmonicBars = next() < 0.7 ? 1 : 2;
	const key = 98 * 2 ** (Math.floor(next() * 12) / 12);
	const thirds = progression.map(() => (next() < 0.6 ? 4 : 3));
	const gains = {arpeggio: 0.15 + next() * 0.25, comp: 0.05 + next() * 0.15, bass: 0.15 + next() * 0.25, kick: 0.4 + next() * 0.5, snare: 0.15 + next() * 0.3, hat: 0.04 + next() * 0.15};
	const kick = kickVoice(8 + next() * 20, 40 + next() * 25);
	const snare = snareVoice(150 + next() * 100, 12 + next() * 25, next() < 0.2, noise);
	const hat = hatVoice(40 + next() * 160, noise);
	// Kick on the bar line (and on the bar's middle beat in 4/4, 12/8 and sometimes 6/8), the backbeat on the beats
	// between, hats on every eighth or on the beats.
	const kickBeats = metre === '4' || metre === '12/8' ? [0, 2] : metre === '6/8' && next() < 0.5 ? [0, 1] : [0];
	const snareBeats = {'3': pick([[1, 2], [2], [1]]), '4': [1, 3], '6/8': [1], '12/8': [1, 3]}[metre];
	const hatEvery = pick([1, 1, eighthsPerBeat]);
	const introBars = next() < 0.4 ? 2 : 0;

	const {beatsInSeconds, downbeatsInSeconds} = beatGrid(lead, bars, beatsPerBar, beat);
	for (let bar = 0; bar < bars; bar++) {
		const barStart = downbeatsInSeconds[bar] as number;
		const chordIndex = Math.floor(bar / harmonicBars) % progression.length;
		const root = key * 2 ** ((progression[chordIndex] as number) / 12);
		const third = thirds[chordIndex] as number;
		const chordTones = [1, 2 ** (third / 12), 2 ** (7 / 12), 2, 2 * 2 ** (third / 12)].map((ratio) => root * 2 * ratio);
		const full = bar >= introBars;
		for (let e = 0; e < eighthsPerBar; e++) {
			const onBeat = e % eighthsPerBeat === 0;
			const beatIndex = Math.floor(e / eighthsPerBeat);
			const at = barStart + e * eighth;
			const loudness = 1 + (onBeat ? accent : 0) + (e === 0 ? barAccent : 0);
			if (hasArpeggio || !full) {
				add(at + human(), eighth * 2, arpeggio(chordTones[figure[e] as number] as number), gains.arpeggio * loudness);
			}
			if (!full) {
				continue;
			}
			if (onBeat && (e === 0 || (bassOnBeats && beatIndex === beatsPerBar / 2))) {
				add(at + human(), beat * 1.5, bassTone(root / 2), gains.bass * loudness);
			}
			if (comping === 'pad' && e === 0) {
				for (const frequency of chordTones.slice(0, 3)) {
					add(at, beatsPerBar * beat, comp(frequency), gains.comp);
				}
			} else if (comping === 'oompah' && (eighthsPerBeat === 3 ? !onBeat : onBeat && beatIndex > 0)) {
				// Oom-pa-pa: chords on the eighths after each beat's first in compound time, on the beats after the bar's
				// first in simple time.
				for (const frequency of chordTones.slice(1, 4)) {
					add(at + human(), eighth * 1.5, comp(frequency), gains.comp);
				}
			}
			if (drumless) {
				continue;
			}
			if (onBeat && kickBeats.includes(beatIndex)) {
				add(at + human(), 0.4, kick, gains.kick);
			}
			if (onBeat && snareBeats.includes(beatIndex)) {
				add(at + human(), 0.3, snare, gains.snare);
			}
			if (e % hatEvery === 0) {
				add(at + human(), 0.12, hat, gains.hat * (onBeat ? 1 : 0.6));
			}
		}
	}
	scaleToPeak(samples, 0.3 + next() * 0.6);
	const name = `metre-${seed}-${metre.replace('/', '-')}-${bpm}${drumless ? '-drumless' : ''}`;
	return {name, samples, sampleRate, bpm, beatsInSeconds, downbeatsInSeconds, metre};
};
