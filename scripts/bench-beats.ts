// Beat-tracking benchmark on the development set (scripts/bench/songs: MMA's human-written grooves driven by our
// song files, rendered with fluidsynth through two soundfonts; see scripts/bench/dev-set.ts). Scores songreel,
// `aubio beat` and essentia.js's RhythmExtractor2013 (degara) with one scorer: beat F at ±70 ms, tempo within 2%,
// downbeat F, metre, section boundary F at ±1 bar (songreel only), and seconds per 4-minute track. Prints the
// tuning half and the held-out half separately.
// Usage: npm run bench:beats [-- --half tune|test] [-- --only songreel] [-- --tracks] [-- --extra | --shifted | --kept-aside]
// --extra scores the extra tuning songs (scripts/bench/extra-songs: more MMA grooves, tuning only) instead; --shifted
// scores every tuning song (tuning half and extra) 13% slower and 13% faster instead, for tuning too (both are in the
// beat network's training material); --kept-aside scores the tracks of that material and of the network's own training
// songs whose groove files its training kept aside (dev-set.ts's isKeptAside).
// Installs Debian's mma, fluidsynth, two soundfonts and aubio-tools when missing (as root); songreel needs none.
// essentia.js (AGPL) is a devDependency used here only.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {decodeAudio} from '../src/media/decode-audio.ts';
import {decodeForAnalysis} from '../src/media/decode-for-analysis.ts';
import {remotionBinary} from '../src/media/remotion-ffmpeg.ts';
import {ANALYSIS_SAMPLE_RATE, analyzeSong} from '../src/music/analysis/analyze-song.ts';
import {beatFMeasure} from '../src/music/analysis/beat-f-measure.ts';
import {TRAINING_SET} from './bench/write-training-songs.ts';
import {CACHE_DIR as DEV_CACHE_DIR, type DevTrack, EXTRA_CACHE_DIR, EXTRA_SONGS_DIR, isKeptAside, loadDevSet, SHIFTED_CACHE_DIR, SHIFTED_SONGS_DIR, TUNING_MATERIAL, writeShiftedSongs} from './bench/dev-set.ts';

const {values: args} = parseArgs({options: {half: {type: 'string'}, only: {type: 'string'}, tracks: {type: 'boolean', default: false}, extra: {type: 'boolean', default: false}, shifted: {type: 'boolean', default: false}, 'kept-aside': {type: 'boolean', default: false}}});
const has = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
if (!has('mma') || !has('fluidsynth') || !has('aubio') || !existsSync('/usr/share/sounds/sf2/TimGM6mb.sf2') || !existsSync('/usr/share/sounds/sf2/FluidR3_GM.sf2')) {
	console.log('installing mma, fluidsynth, fluid-soundfont-gm, timgm6mb-soundfont and aubio-tools (benchmark only)…');
	execFileSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq mma fluidsynth fluid-soundfont-gm timgm6mb-soundfont aubio-tools >/dev/null'], {stdio: 'inherit'});
}

type Result = {beats: readonly number[]; downbeats: readonly number[] | null; bpm: number; metre: string | null; sections: readonly number[] | null; seconds: number};
type Tracker = {name: string; run: (track: DevTrack) => Promise<Result>; cached: boolean};

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const tempoOf = (beats: readonly number[]): number => 60 / median(beats.slice(1).map((t, i) => t - (beats[i] as number)));
const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

const songreel: Tracker = {
	name: 'songreel',
	cached: false,
	run: async (track) => {
		const started = performance.now();
		const analysis = analyzeSong(await decodeForAnalysis(track.wav, ANALYSIS_SAMPLE_RATE));
		return {beats: analysis.beatsInSeconds, downbeats: analysis.downbeatsInSeconds, bpm: analysis.bpm, metre: analysis.metre, sections: analysis.sections.map((s) => s.startInSeconds), seconds: (performance.now() - started) / 1000};
	},
};
const aubio: Tracker = {
	name: 'aubio 0.4.9',
	cached: true,
	run: async (track) => {
		const started = performance.now();
		const output = execFileSync('nice', ['-n', '10', 'aubio', 'beat', '-i', track.wav], {encoding: 'utf8'});
		const beats = output.split('\n').map(Number).filter((t) => Number.isFinite(t) && t > 0);
		return {beats, downbeats: null, bpm: tempoOf(beats), metre: null, sections: null, seconds: (performance.now() - started) / 1000};
	},
};
const essentia: Tracker = {
	name: 'essentia.js 0.1.3',
	cached: true,
	run: async (track) => {
		const {Essentia, EssentiaWASM} = createRequire(import.meta.url)('essentia.js') as {Essentia: new (wasm: unknown) => EssentiaApi; EssentiaWASM: unknown};
		const api = new Essentia(EssentiaWASM);
		const started = performance.now();
		const samples = await decodeAudio(track.wav, 44100);
		const result = api.RhythmExtractor2013(api.arrayToVector(samples), 208, 'degara', 40);
		const beats = Array.from(api.vectorToArray(result.ticks));
		return {beats, downbeats: null, bpm: result.bpm, metre: null, sections: null, seconds: (performance.now() - started) / 1000};
	},
};
type EssentiaApi = {arrayToVector: (a: Float32Array) => unknown; vectorToArray: (v: unknown) => Float32Array; RhythmExtractor2013: (v: unknown, maxTempo: number, method: string, minTempo: number) => {bpm: number; ticks: unknown}};

/** Boundary F at ±1 bar over the boundaries inside the music (the start of the music is not a boundary). */
const boundaryF = (track: DevTrack, found: readonly number[]): number => {
	const start = track.beatsInSeconds[0] ?? 0;
	const truth = track.sectionsInSeconds.filter((t) => t > start + track.barInSeconds);
	return beatFMeasure(truth, found.filter((t) => t > start + track.barInSeconds), track.barInSeconds);
};

const trackers = [songreel, aubio, essentia].filter((t) => args.only === undefined || t.name.startsWith(args.only));
const CACHE_DIR = args.extra ? EXTRA_CACHE_DIR : args.shifted ? SHIFTED_CACHE_DIR : DEV_CACHE_DIR;
const loadTracks = (): DevTrack[] => {
	if (args.extra) {
		return loadDevSet({songsDir: EXTRA_SONGS_DIR, cacheDir: EXTRA_CACHE_DIR});
	}
	if (args.shifted) {
		writeShiftedSongs();
		return loadDevSet({songsDir: SHIFTED_SONGS_DIR, cacheDir: SHIFTED_CACHE_DIR});
	}
	if (args['kept-aside']) {
		return [...TUNING_MATERIAL, TRAINING_SET].flatMap(({load}) => load()).filter(isKeptAside);
	}
	return loadDevSet();
};
const tracks = loadTracks().filter((t) => args.half === undefined || t.half === args.half);
type Score = {track: DevTrack; tracker: string; f: number; tempoOk: boolean; bpm: number; downF: number | null; metreOk: boolean | null; sectionF: number | null; seconds: number};
const scores: Score[] = [];
mkdirSync(CACHE_DIR, {recursive: true});
for (const track of tracks) {
	const line: string[] = [];
	for (const tracker of trackers) {
		// aubio and essentia.js do not change between runs: their answers are cached beside the renders.
		const cacheFile = path.join(path.dirname(track.wav), `${path.basename(track.wav, '.wav')}.${tracker.name.split(' ')[0]}.json`);
		const result: Result = tracker.cached && existsSync(cacheFile) ? (JSON.parse(readFileSync(cacheFile, 'utf8')) as Result) : await tracker.run(track);
		if (tracker.cached) {
			writeFileSync(cacheFile, JSON.stringify(result));
		}
		const score: Score = {
			track,
			tracker: tracker.name,
			f: beatFMeasure(track.beatsInSeconds, result.beats),
			tempoOk: Math.abs(result.bpm / track.bpm - 1) <= 0.02,
			bpm: result.bpm,
			downF: result.downbeats === null ? null : beatFMeasure(track.downbeatsInSeconds, result.downbeats),
			metreOk: result.metre === null ? null : result.metre === track.metre,
			sectionF: result.sections === null ? null : boundaryF(track, result.sections),
			seconds: (result.seconds / ((track.beatsInSeconds.at(-1) ?? 1) + 2)) * 240,
		};
		scores.push(score);
		line.push(`${tracker.name.split(' ')[0]} F ${score.f.toFixed(2)} ${score.bpm.toFixed(1)}${score.metreOk === null ? '' : ` ${result.metre}`}${score.downF === null ? '' : ` down ${score.downF.toFixed(2)}`}`);
	}
	if (args.tracks) {
		console.log(`${track.half} ${track.name} (${track.metre}, ${track.bpm.toFixed(1)} bpm, ${track.soundfont}): ${line.join(' | ')}`);
	}
}

const pct = (part: number, whole: number): string => `${part}/${whole} (${Math.round((100 * part) / Math.max(1, whole))}%)`;
for (const half of ['tune', 'test'] as const) {
	const inHalf = scores.filter((s) => s.track.half === half);
	if (inHalf.length === 0) {
		continue;
	}
	const count = new Set(inHalf.map((s) => s.track.name)).size;
	const title = args.extra ? 'Extra tuning songs' : args.shifted ? 'Tuning songs 13% slower and faster' : args['kept-aside'] ? 'Tuning material kept aside from the beat network\'s training' : half === 'tune' ? 'Tuning half' : 'Held-out half (never tuned on)';
	console.log(`\n${title}: ${count} tracks, ${new Set(inHalf.map((s) => s.track.style)).size} styles`);
	console.log('| tracker | mean beat F | tempo within 2% | downbeat F | metre right | section boundary F (±1 bar) | s per 4-min track |');
	console.log('|---|---|---|---|---|---|---|');
	for (const tracker of trackers) {
		const rows = inHalf.filter((s) => s.tracker === tracker.name);
		const downs = rows.flatMap((s) => (s.downF === null ? [] : [s.downF]));
		const metres = rows.flatMap((s) => (s.metreOk === null ? [] : [s.metreOk]));
		const sections = rows.flatMap((s) => (s.sectionF === null ? [] : [s.sectionF]));
		console.log(`| ${tracker.name} | ${mean(rows.map((s) => s.f)).toFixed(3)} | ${pct(rows.filter((s) => s.tempoOk).length, rows.length)} | ${downs.length > 0 ? mean(downs).toFixed(3) : '–'} | ${metres.length > 0 ? pct(metres.filter(Boolean).length, metres.length) : '–'} | ${sections.length > 0 ? mean(sections).toFixed(3) : '–'} | ${mean(rows.map((s) => s.seconds)).toFixed(2)} |`);
	}
}
console.log(`\n(s per 4-min track: analysis time including decoding, scaled by each track's length, on ${os.availableParallelism()} cores, load average ${os.loadavg()[0]?.toFixed(1)})`);

// Speed on one 4-minute file (a dev-set track looped), each tracker run alone, decoding included.
const source = tracks[0];
if (source !== undefined) {
	const long = path.join(CACHE_DIR, 'speed-4-minutes.wav');
	if (!existsSync(long)) {
		execFileSync(remotionBinary('ffmpeg'), ['-loglevel', 'error', '-y', '-stream_loop', '-1', '-i', source.wav, '-t', '240', long]);
	}
	const speeds = [];
	for (const tracker of trackers) {
		const started = performance.now();
		await tracker.run({...source, wav: long});
		speeds.push(`${tracker.name} ${((performance.now() - started) / 1000).toFixed(2)} s`);
	}
	console.log(`speed on a 240-second track, decoding included (${os.availableParallelism()} cores, load average ${os.loadavg()[0]?.toFixed(1)}): ${speeds.join(', ')}`);
}
