// Writes the beat network's training material: for every track of the tuning material (the development set's tuning
// half, the extra songs, both tempo-shifted copies and the training songs of write-training-songs.ts), the network's
// input as songreel computes it (float32, frame after frame) and the truth from the MIDI file. Never the held-out half,
// nor a tuning song that plays one of its groove files (dev-set.ts's heldOutGrooves).
// Usage: tsx scripts/train-beat-network/export-features.ts (called by `npm run train:beats`).
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {decodeAudio} from '../../src/media/decode-audio.ts';
import {beatNetworkInput} from '../../src/music/analysis/beat-network.ts';
import {spectralFeatures} from '../../src/music/analysis/onset-envelope.ts';
import {heldOutGrooves, TUNING_MATERIAL} from '../bench/dev-set.ts';
import {synthesizeMetreSong} from './synthesize-metre-song.ts';
import {synthesizeTrainingSong} from './synthesize-training-song.ts';
import {TRAINING_SET} from '../bench/write-training-songs.ts';

export const FEATURES_DIR = path.join(import.meta.dirname, '..', '..', '.bench-cache', 'beat-network-features');
const SAMPLE_RATE = 22050;

const {values: args} = parseArgs({options: {sets: {type: 'string', default: 'tune,extra,shifted,training,synthetic'}}});
const wanted = new Set(args.sets.split(','));
const sets = [...TUNING_MATERIAL, TRAINING_SET].filter(({set}) => wanted.has(set));
mkdirSync(FEATURES_DIR, {recursive: true});
// The tracks of this run, for train.py: features left in the folder by other runs are not trained on.
const written: string[] = [];
const heldOut = heldOutGrooves().files;
for (const {set, load} of sets) {
	const tracks = load().filter((track) => !heldOut.has(track.grooveFile));
	for (const track of tracks) {
		const base = path.join(FEATURES_DIR, `${set}--${path.basename(track.wav, '.wav')}`);
		if (!existsSync(`${base}.json`)) {
			const features = spectralFeatures(await decodeAudio(track.wav, SAMPLE_RATE), SAMPLE_RATE);
			const input = beatNetworkInput(features.bands, features.bandCount);
			writeFileSync(`${base}.f32`, new Uint8Array(input.buffer));
			// The groove file, for a validation split that keeps every song of one groove file on one side.
			const groove = track.grooveFile;
			writeFileSync(`${base}.json`, JSON.stringify({set, name: track.name, groove, metre: track.metre, bpm: track.bpm, features: features.bandCount * 2, framesPerSecond: features.framesPerSecond, beats: track.beatsInSeconds, downbeats: track.downbeatsInSeconds}));
		}
		written.push(path.basename(base));
	}
	console.log(`${set}: ${tracks.length} tracks`);
}
// Synthesised songs that join the MMA renders: drum-machine songs (set `synthetic`, in the committed networks'
// training) and songs in 3/4, 4/4, 6/8 and 12/8 (set `metre`, only with `--sets …,metre`: the networks trained with
// them read the kept-aside 6/8 ballad's tempo better but put the bar line a beat late on the tests' synthesised songs).
const SYNTHETIC = [
	{set: 'synthetic', prefix: 'synthetic', count: 120, synthesize: synthesizeTrainingSong, what: 'drum-machine songs'},
	{set: 'metre', prefix: 'synthetic-metre', count: 200, synthesize: synthesizeMetreSong, what: 'songs in 3/4, 4/4, 6/8 and 12/8'},
];
for (const {set, prefix, count, synthesize, what} of SYNTHETIC.filter((s) => wanted.has(s.set))) {
	for (let seed = 0; seed < count; seed++) {
		const base = path.join(FEATURES_DIR, `${prefix}--${seed}`);
		if (!existsSync(`${base}.json`)) {
			const song = synthesize(seed, SAMPLE_RATE);
			const features = spectralFeatures(song.samples, SAMPLE_RATE);
			writeFileSync(`${base}.f32`, new Uint8Array(beatNetworkInput(features.bands, features.bandCount).buffer));
			writeFileSync(`${base}.json`, JSON.stringify({set: 'synthetic', name: song.name, groove: song.name, metre: song.metre, bpm: song.bpm, features: features.bandCount * 2, framesPerSecond: features.framesPerSecond, beats: song.beatsInSeconds, downbeats: song.downbeatsInSeconds}));
		}
		written.push(path.basename(base));
	}
	console.log(`${set}: ${count} ${what}`);
}
writeFileSync(path.join(FEATURES_DIR, 'manifest.json'), JSON.stringify(written));
console.log(`${written.length} tracks' features in ${FEATURES_DIR}`);
