// The development set: MMA song files (scripts/bench/songs) rendered to audio with fluidsynth through two General
// MIDI soundfonts, with the truth read from the MIDI file (tempo map, section markers, when notes sound) and the
// song file's header (metre, MIDI quarters per beat, half). Renders are cached in .bench-cache/dev-set (gitignored)
// under a hash of the song file and soundfont, so the set is rendered once.
import {createHash} from 'node:crypto';
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {grooveFileOf, grooveNameOf} from './mma-song.ts';
import {readMidiFile, tickToSeconds} from './read-midi-file.ts';

export type Metre = '2' | '3' | '4' | '6/8' | '12/8';

/** One rendered track of the development set and what is known about it. */
export type DevTrack = {
	readonly name: string;
	readonly half: 'tune' | 'test';
	readonly style: string;
	/** The MMA groove file it plays (`stdlib/swing`): the unit the beat network's validation split keeps together. */
	readonly grooveFile: string;
	readonly soundfont: string;
	readonly wav: string;
	readonly metre: Metre;
	readonly beatsInSeconds: readonly number[];
	readonly downbeatsInSeconds: readonly number[];
	/** Section starts from the song file's MidiMark lines, within the music. */
	readonly sectionsInSeconds: readonly number[];
	readonly sectionLabels: readonly string[];
	/** The median bar length, for the ±1 bar section tolerance. */
	readonly barInSeconds: number;
	readonly bpm: number;
};

export const SONGS_DIR = path.join(import.meta.dirname, 'songs');
export const CACHE_DIR = path.join(import.meta.dirname, '..', '..', '.bench-cache', 'dev-set');
/** More MMA grooves, for tuning only (none of them is in the held-out half): `npm run bench:beats -- --extra`. */
export const EXTRA_SONGS_DIR = path.join(import.meta.dirname, 'extra-songs');
export const EXTRA_CACHE_DIR = path.join(import.meta.dirname, '..', '..', '.bench-cache', 'extra-set');
/**
 * The tuning songs (the tuning half and the extra songs) again, 13% slower and 13% faster: `npm run bench:beats --
 * --shifted`. Same grooves, other tempos, so a rule that only holds at the tempo it was tuned at shows here, without
 * looking at the held-out half. Written from the song files on each run (every `Tempo` line scaled), rendered once.
 */
export const SHIFTED_SONGS_DIR = path.join(import.meta.dirname, '..', '..', '.bench-cache', 'shifted-songs');
export const SHIFTED_CACHE_DIR = path.join(import.meta.dirname, '..', '..', '.bench-cache', 'shifted-set');
export const TEMPO_SHIFTS = [{suffix: 'slow', factor: 0.87}, {suffix: 'fast', factor: 1.13}] as const;

/** Writes the tempo-shifted copies of the tuning songs into SHIFTED_SONGS_DIR. */
export const writeShiftedSongs = (): void => {
	mkdirSync(SHIFTED_SONGS_DIR, {recursive: true});
	for (const dir of [SONGS_DIR, EXTRA_SONGS_DIR]) {
		for (const file of readdirSync(dir).filter((f) => f.endsWith('.mma'))) {
			const source = readFileSync(path.join(dir, file), 'utf8');
			if (!source.includes(', half tune')) {
				continue;
			}
			for (const {suffix, factor} of TEMPO_SHIFTS) {
				const shifted = source.replace(/^Tempo (\d+)/gm, (_, bpm: string) => `Tempo ${Math.round(Number(bpm) * factor)}`);
				writeFileSync(path.join(SHIFTED_SONGS_DIR, file.replace(/\.mma$/, `-${suffix}.mma`)), shifted);
			}
		}
	}
};

/**
 * The development set's tuning material, set by set: the tuning half, the extra songs and both tempo-shifted copies
 * (written first). The beat network trains on it (with its own training songs), less the songs that play a held-out
 * groove; `bench:beats --kept-aside` scores the part of it the training kept aside.
 */
export const TUNING_MATERIAL: readonly {readonly set: string; readonly load: () => DevTrack[]}[] = [
	{set: 'tune', load: () => loadDevSet().filter((t) => t.half === 'tune')},
	{set: 'extra', load: () => loadDevSet({songsDir: EXTRA_SONGS_DIR, cacheDir: EXTRA_CACHE_DIR})},
	{
		set: 'shifted',
		load: () => {
			writeShiftedSongs();
			return loadDevSet({songsDir: SHIFTED_SONGS_DIR, cacheDir: SHIFTED_CACHE_DIR});
		},
	},
];

/**
 * The grooves the held-out half plays, by name (lower-cased) and by groove file. The beat network trains on neither:
 * not on a training song of such a file or of a same-named groove in another library, and not on a tuning song that
 * plays one (the tuning half has the same groove as the held-out half at another tempo for six styles).
 */
export const heldOutGrooves = (): {readonly names: Set<string>; readonly files: Set<string>} => {
	const names = new Set<string>();
	const files = new Set<string>();
	for (const file of readdirSync(SONGS_DIR).filter((f) => f.endsWith('.mma'))) {
		const source = readFileSync(path.join(SONGS_DIR, file), 'utf8');
		const groove = grooveNameOf(source);
		if (groove !== undefined && source.includes('half test')) {
			names.add(groove.toLowerCase());
			files.add(grooveFileOf(source));
		}
	}
	return {names, files};
};

/**
 * A tenth of the groove files (every song played through them, whatever its tempo or name), kept aside from the beat
 * network's training to choose its epoch: the same rule as scripts/train-beat-network/train.py (SHA-256 of the groove
 * file, as a number, divisible by 10).
 */
export const isKeptAside = (track: Pick<DevTrack, 'grooveFile'>): boolean => BigInt(`0x${createHash('sha256').update(track.grooveFile).digest('hex')}`) % 10n === 0n;

const SOUNDFONTS = ['/usr/share/sounds/sf2/FluidR3_GM.sf2', '/usr/share/sounds/sf2/TimGM6mb.sf2'];
const BEATS_PER_BAR: Record<Metre, number> = {'2': 2, '3': 3, '4': 4, '6/8': 2, '12/8': 4};

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Renders (or finds in the cache) every song of the set and reads its truth. */
export const loadDevSet = ({songsDir = SONGS_DIR, cacheDir = CACHE_DIR}: {songsDir?: string; cacheDir?: string} = {}): DevTrack[] => {
	mkdirSync(cacheDir, {recursive: true});
	const files = readdirSync(songsDir).filter((f) => f.endsWith('.mma')).sort();
	return files.map((file, index) => {
		const source = readFileSync(path.join(songsDir, file), 'utf8');
		const header = /truth: metre (\S+), quarters-per-beat ([\d.]+), half (tune|test)/.exec(source);
		const styleMatch = /\((.+)\), MMA groove/.exec(source);
		if (header === null || styleMatch === null) {
			throw new Error(`${file}: no truth header`);
		}
		const metre = header[1] as Metre;
		const quartersPerBeat = Number(header[2]);
		// Soundfonts alternate by pair of files, so each half hears both.
		const soundfont = SOUNDFONTS[Math.floor(index / 2) % SOUNDFONTS.length] as string;
		const key = createHash('sha256').update(source).update(soundfont).digest('hex').slice(0, 12);
		const name = file.replace(/\.mma$/, '');
		const mid = path.join(cacheDir, `${name}-${key}.mid`);
		const wav = path.join(cacheDir, `${name}-${key}.wav`);
		if (!existsSync(mid)) {
			execFileSync('mma', ['-f', `${mid}.tmp`, path.join(songsDir, file)], {stdio: 'ignore'});
			renameSync(`${mid}.tmp`, mid);
		}
		if (!existsSync(wav)) {
			execFileSync('nice', ['-n', '10', 'fluidsynth', '-ni', '-g', '0.6', '-r', '44100', '-T', 'wav', '-F', `${wav}.tmp`, soundfont, mid], {stdio: 'ignore'});
			renameSync(`${wav}.tmp`, wav);
		}
		const facts = readMidiFile(readFileSync(mid));
		const firstNote = tickToSeconds(facts, facts.noteOnTicks[0] ?? 0);
		const lastTick = facts.noteOnTicks.at(-1) ?? 0;
		const lastNote = tickToSeconds(facts, lastTick);
		const ticksPerBeat = facts.ticksPerQuarter * quartersPerBeat;
		const beatsPerBar = BEATS_PER_BAR[metre];
		const beats: number[] = [];
		const downbeats: number[] = [];
		for (let beat = 0; beat * ticksPerBeat <= lastTick; beat++) {
			const seconds = tickToSeconds(facts, beat * ticksPerBeat);
			// Beats before the music starts (a silent lead-in) or after its last note are not heard.
			if (seconds < firstNote - 0.05 || seconds > lastNote + 0.05) {
				continue;
			}
			beats.push(seconds);
			if (beat % beatsPerBar === 0) {
				downbeats.push(seconds);
			}
		}
		const intervals = beats.slice(1).map((t, i) => t - (beats[i] as number));
		return {
			name,
			half: header[3] as 'tune' | 'test',
			style: styleMatch[1] as string,
			grooveFile: grooveFileOf(source),
			soundfont: path.basename(soundfont, '.sf2'),
			wav,
			metre,
			beatsInSeconds: beats,
			downbeatsInSeconds: downbeats,
			sectionsInSeconds: facts.markers.map((m) => tickToSeconds(facts, m.tick)),
			sectionLabels: facts.markers.map((m) => m.text),
			barInSeconds: median(intervals) * beatsPerBar,
			bpm: 60 / median(intervals),
		};
	});
};
