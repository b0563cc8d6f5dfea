// Writes the training songs of the beat networks (scripts/train-beat-network), at tempos drawn from a fixed seed, for
// every MMA groove file whose grooves the held-out half of the development set does not use:
// - for each file in simple metre (Time 4 with 4/4, Time 3 with 3/4), two songs from the standard library and one from
//   each other library (Casio's, Zoom's, Yamaha's … grooves: other authors, other feels), the MIDI quarter the beat, at
//   56-224 bpm (4/4) or 72-216 bpm (3/4): wider than most songs, so the network learns the tempo from the music and not
//   from where the training tempos stop;
// - ten songs for each file in compound metre (6/8, 12/8) of any library (stdlib, casio, zoom …), the dotted quarter
//   the beat, at 44-150 beats a minute: the development set's tuning half has four compound songs, too few for the
//   network to learn that the beat is the dotted quarter and not the eighth or the quarter that MMA writes;
// - a third of them change tempo for their B sections.
// Written to .bench-cache/training-songs (gitignored), rendered by dev-set.ts's loadDevSet like the other sets.
// Usage: tsx scripts/bench/write-training-songs.ts (needs Debian's mma for its groove libraries).
import {mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {type DevTrack, heldOutGrooves, loadDevSet} from './dev-set.ts';
import {formLines, grooveNames} from './mma-song.ts';
import {seededRandom} from './seeded-random.ts';

const LIBRARIES = '/usr/share/mma/lib';
export const TRAINING_SONGS_DIR = path.join(import.meta.dirname, '..', '..', '.bench-cache', 'training-songs');
export const TRAINING_CACHE_DIR = path.join(import.meta.dirname, '..', '..', '.bench-cache', 'training-set');

const PROGRESSIONS = [
	['C', 'Am', 'F', 'G', 'C', 'Am', 'Dm7', 'G7'],
	['F', 'F', 'C', 'C', 'Dm', 'Dm', 'G', 'G7'],
	['Am', 'Am', 'Dm', 'E7', 'Am', 'F', 'E7', 'Am'],
	['C', 'C7', 'F', 'Fm', 'C', 'A7', 'D7', 'G7'],
];
const FORMS = [['Intro', 'A', 'B', 'A', 'End'], ['A', 'A', 'B', 'A', 'End'], ['Intro', 'A', 'B', 'B', 'End']];

type GrooveMetre = {readonly metre: '3' | '4' | '6/8' | '12/8'; readonly quartersPerBeat: number; readonly bpm: readonly [number, number]; readonly takes: number};

/**
 * What an MMA groove file plays, from its `Time` (MIDI quarters a bar, or a signature such as `6/8`, which MMA turns
 * into 6 quarters: each eighth written as a quarter) and `TimeSig` lines (4/4 when there is none, as in MMA), or null
 * for a metre the network does not learn (5/4, 2/4 …). Simple metres from every library: two takes from the standard
 * library, one from each of the others (Casio's, Zoom's, Yamaha's … keyboard styles, other authors' grooves).
 */
const grooveMetre = (source: string, library: string): GrooveMetre | null => {
	const time = /^\s*Time\s+(\d+)(?:\/(\d+))?/im.exec(source);
	const signature = /^\s*TimeSig\s+(\d+)[\s/]+(\d+)/im.exec(source) ?? (time?.[2] === undefined ? null : time);
	const quarters = Number(time?.[1]);
	const sig = signature === null ? '' : `${signature[1]}/${signature[2]}`;
	const takes = library === 'stdlib' ? 2 : 1;
	if (quarters === 4 && (sig === '4/4' || sig === '')) {
		return {metre: '4', quartersPerBeat: 1, bpm: [56, 224], takes};
	}
	if (quarters === 3 && (sig === '3/4' || sig === '')) {
		return {metre: '3', quartersPerBeat: 1, bpm: [72, 216], takes};
	}
	// Compound metre: the beat is a dotted quarter, however many MIDI quarters MMA spends on it. A bar of 6/8 in 2
	// quarters (triplet eighths), in 3 (straight eighths), in 4 (six eighths spread over four quarters, two quarters a
	// beat: the standard library's ballad68, whose notes say to double the tempo), in 6 (an eighth a quarter).
	const compound = sig === '6/8' || (sig === '' && quarters === 6) ? {2: 1, 3: 1.5, 4: 2, 6: 3}[quarters] : sig === '12/8' ? {4: 1, 12: 3}[quarters] : undefined;
	return compound === undefined ? null : {metre: sig === '12/8' ? '12/8' : '6/8', quartersPerBeat: compound, bpm: [44, 150], takes: 10};
};

export const writeTrainingSongs = (): number => {
	rmSync(TRAINING_SONGS_DIR, {recursive: true, force: true});
	mkdirSync(TRAINING_SONGS_DIR, {recursive: true});
	const excluded = heldOutGrooves().names;
	const next = seededRandom(20261201);
	// A generator of its own, so whether a song changes tempo does not move the other songs' draws.
	const nextChange = seededRandom(13);
	let written = 0;
	for (const library of readdirSync(LIBRARIES).sort()) {
		const dir = path.join(LIBRARIES, library);
		if (!statSync(dir).isDirectory()) {
			continue;
		}
		for (const file of readdirSync(dir).filter((f) => f.endsWith('.mma')).sort()) {
			const source = readFileSync(path.join(dir, file), 'utf8');
			const metre = grooveMetre(source, library);
			const grooves = grooveNames(source);
			// MMA's metronomes play clicks, not music.
			if (file.startsWith('metronome') || metre === null || grooves.length === 0 || grooves.some((g) => excluded.has(g.toLowerCase()))) {
				continue;
			}
			const main = grooves[0] as string;
			const defined = new Set(grooves.map((g) => g.toLowerCase()));
			for (let take = 0; take < metre.takes; take++) {
				const [low, high] = metre.bpm;
				const tempo = Math.round(low * (high / low) ** next());
				const form = FORMS[Math.floor(next() * FORMS.length)] as string[];
				const leadIn = next() < 0.2 ? 2 : 0;
				const transpose = Math.floor(next() * 12) - 5;
				// MMA's tempo counts its quarters.
				const mmaTempo = (bpm: number): number => Math.round(bpm * metre.quartersPerBeat);
				const name = `${library === 'stdlib' ? '' : `${library}-`}${file.replace(/\.mma$/, '')}-${tempo}`;
				const lines = [
					`// songreel beat network training song: ${name} (training), MMA groove ${main}.`,
					`// truth: metre ${metre.metre}, quarters-per-beat ${metre.quartersPerBeat}, half tune`,
					`Tempo ${mmaTempo(tempo)}`,
					`Transpose ${transpose}`,
				];
				// The groove file by name (dev-set.ts's grooveFile), whichever library it is in.
				lines.push(`Use ${library}/${file.replace(/\.mma$/, '')}`);
				if (leadIn > 0) {
					lines.push(`Groove ${main}`, ...Array.from({length: leadIn}, () => 'z!'));
				}
				// A third of the songs change tempo for their B sections (0.79-0.93 or 1.07-1.26 times, at once or over four
				// bars) and go back after them: a network that never heard a tempo change keeps the old beat a bar or more.
				const change = nextChange() < 1 / 3 ? {factor: (nextChange() < 0.5 ? 1 : -1) * (0.07 + 0.16 * nextChange()), overBars: nextChange() < 0.5 ? ' 4' : ''} : null;
				const beforeChords = (section: string, i: number): string[] => {
					if (change !== null && section === 'B' && form[i - 1] !== 'B') {
						return [`Tempo ${mmaTempo(tempo * Math.exp(change.factor))}${change.overBars}`];
					}
					return change !== null && section !== 'B' && form[i - 1] === 'B' ? [`Tempo ${mmaTempo(tempo)}`] : [];
				};
				lines.push(...formLines({groove: main, defined, form, chordsOf: () => PROGRESSIONS[Math.floor(next() * PROGRESSIONS.length)] as string[], beforeChords}));
				writeFileSync(path.join(TRAINING_SONGS_DIR, `${name}-${take}.mma`), `${lines.join('\n')}\n`);
				written++;
			}
		}
	}
	return written;
};

/** The training songs as a set of tuning material: written afresh, rendered (once) and read like the others. */
export const TRAINING_SET = {
	set: 'training',
	load: (): DevTrack[] => {
		writeTrainingSongs();
		return loadDevSet({songsDir: TRAINING_SONGS_DIR, cacheDir: TRAINING_CACHE_DIR});
	},
};

if (import.meta.url === `file://${process.argv[1]}`) {
	console.log(`wrote ${writeTrainingSongs()} training song files to ${TRAINING_SONGS_DIR}`);
}
