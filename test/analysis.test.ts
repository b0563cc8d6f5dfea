import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {DEMO_BARS, demoTempoMap} from '../scripts/demo/demo-score.ts';
import {synthesizeDemoSong} from '../scripts/demo/synthesize-demo-song.ts';
import {decodeAudio} from '../src/media/decode-audio.ts';
import {remotionBinary} from '../src/media/remotion-ffmpeg.ts';
import {analyzeSong} from '../src/music/analysis/analyze-song.ts';
import {beatFMeasure} from '../src/music/analysis/beat-f-measure.ts';
import {barToBeats, beatsToSeconds, createTempoMap} from '../src/music/tempo-map.ts';
import {tempoSchema, type TempoInput} from '../src/schemas/tempo-schema.ts';

// A small CI subset of the beat benchmark (npm run bench:beats has the full set): tracks with known beats.
const root = path.resolve(__dirname, '..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'songreel-analysis-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

const groundTruth = (tempo: TempoInput, bars: number) => {
	const map = createTempoMap(tempoSchema.parse(tempo));
	const beats: number[] = [];
	const downbeats: number[] = [];
	for (let bar = 1; bar <= bars; bar++) {
		const first = barToBeats(map, bar);
		const next = barToBeats(map, bar + 1);
		downbeats.push(beatsToSeconds(map, first));
		for (let beat = first; beat < next; beat++) {
			beats.push(beatsToSeconds(map, beat));
		}
	}
	return {map, beats, downbeats};
};

const analyseSynthesized = (tempo: TempoInput, bars: number) => {
	const truth = groundTruth(tempo, bars);
	const song = synthesizeDemoSong({tempoMap: truth.map, bars, tailInSeconds: 1, loudBars: new Set([5, 6, 7, 8, 13, 14, 15, 16]), lyrics: []});
	// 44.1 kHz stereo to 22.05 kHz mono by averaging.
	const mono = new Float32Array(Math.floor(song.samples.length / 4));
	for (let i = 0; i < mono.length; i++) {
		mono[i] = ((song.samples[4 * i] as number) + (song.samples[4 * i + 1] as number) + (song.samples[4 * i + 2] as number) + (song.samples[4 * i + 3] as number)) / 4;
	}
	return {truth, analysis: analyzeSong(mono, 22050)};
};

describe('song analysis', () => {
	test('finds the demo song\'s tempo, beats, metre and first downbeat from its WAV and an AAC copy', async () => {
		const wav = path.join(root, 'public/demo/song.wav');
		const m4a = path.join(scratch, 'song.m4a');
		// Remotion's ffmpeg has the mp4 muxer but does not guess it from .m4a, so name the format.
		execFileSync(remotionBinary('ffmpeg'), ['-loglevel', 'error', '-y', '-i', wav, '-c:a', 'aac', '-b:a', '128k', '-f', 'mp4', m4a]);
		const reference = Array.from({length: DEMO_BARS * 4}, (_, beat) => beatsToSeconds(demoTempoMap, beat));
		for (const file of [wav, m4a]) {
			const analysis = analyzeSong(await decodeAudio(file), 22050);
			expect(Math.abs(analysis.bpm / 112 - 1)).toBeLessThan(0.02);
			expect(analysis.beatsPerBar).toBe(4);
			expect(Math.abs(analysis.firstDownbeatInSeconds - 0.6)).toBeLessThan(0.07);
			expect(beatFMeasure(reference, analysis.beatsInSeconds)).toBeGreaterThan(0.9);
		}
	});

	test.each([
		{name: 'a waltz', tempo: {bpm: 96, beatsPerBar: 3, firstDownbeatInSeconds: 0.3}, bars: 24, beatsPerBar: 3},
		{name: 'a fast 4/4 (no half-tempo error)', tempo: {bpm: 174, firstDownbeatInSeconds: 0.1}, bars: 32, beatsPerBar: 4},
		{name: 'a slow 4/4 with eighth-note hats (no double-tempo error)', tempo: {bpm: 72, firstDownbeatInSeconds: 1}, bars: 12, beatsPerBar: 4},
	])('tracks $name', ({tempo, bars, beatsPerBar}) => {
		const {truth, analysis} = analyseSynthesized(tempo, bars);
		expect(Math.abs(analysis.bpm / tempo.bpm - 1)).toBeLessThan(0.02);
		expect(analysis.beatsPerBar).toBe(beatsPerBar);
		expect(beatFMeasure(truth.beats, analysis.beatsInSeconds)).toBeGreaterThan(0.9);
		expect(beatFMeasure(truth.downbeats, analysis.downbeatsInSeconds)).toBeGreaterThan(0.9);
	});

	test('follows a tempo change and reports it as a tempo map', () => {
		const {truth, analysis} = analyseSynthesized({bpm: 100, firstDownbeatInSeconds: 0.2, changes: [{atBar: 9, bpm: 130}]}, 20);
		expect(beatFMeasure(truth.beats, analysis.beatsInSeconds)).toBeGreaterThan(0.9);
		expect(analysis.tempoMap).toHaveLength(2);
		expect(Math.abs((analysis.tempoMap?.[1]?.atSeconds ?? 0) - 19.4)).toBeLessThan(0.1);
		expect(Math.abs((analysis.tempoMap?.[1]?.bpm ?? 0) / 130 - 1)).toBeLessThan(0.02);
	});
});

describe('beatFMeasure', () => {
	test.each([
		{reference: [1, 2, 3], detected: [1, 2, 3], expected: 1},
		{reference: [1, 2, 3], detected: [1.06, 2.08, 3], expected: 2 / 3},
		{reference: [1, 2, 3, 4], detected: [1, 2], expected: 2 / 3},
		{reference: [1, 2], detected: [], expected: 0},
	])('scores $detected against $reference as $expected', ({reference, detected, expected}) => {
		expect(beatFMeasure(reference, detected)).toBeCloseTo(expected, 9);
	});
});
