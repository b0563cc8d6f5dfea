import {execFile, execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, describe, expect, test} from 'vitest';
import {DEMO_BARS, demoTempoMap} from '../scripts/demo/demo-score.ts';
import {synthesizeDemoSong} from '../scripts/demo/synthesize-demo-song.ts';
import {decodeAudio} from '../src/media/decode-audio.ts';
import {remotionBinary} from '../src/media/remotion-ffmpeg.ts';
import {analyzeSong} from '../src/music/analysis/analyze-song.ts';
import {beatFMeasure} from '../src/music/analysis/beat-f-measure.ts';
import {findSections} from '../src/music/analysis/find-sections.ts';
import {analysisMessages} from '../src/music/analysis/messages.ts';
import {encodeWav} from '../src/media/encode-wav.ts';
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
	return {truth, analysis: analyzeSong({samples: mono, sampleRate: 22050})};
};

describe('song analysis', () => {
	test('finds the demo song\'s tempo, beats, metre and first downbeat from its WAV and an AAC copy', async () => {
		const wav = path.join(root, 'public/demo/song.wav');
		const m4a = path.join(scratch, 'song.m4a');
		// Remotion's ffmpeg has the mp4 muxer but does not guess it from .m4a, so name the format.
		execFileSync(remotionBinary('ffmpeg'), ['-loglevel', 'error', '-y', '-i', wav, '-c:a', 'aac', '-b:a', '128k', '-f', 'mp4', m4a]);
		const reference = Array.from({length: DEMO_BARS * 4}, (_, beat) => beatsToSeconds(demoTempoMap, beat));
		for (const file of [wav, m4a]) {
			const analysis = analyzeSong({samples: await decodeAudio(file), sampleRate: 22050});
			expect(Math.abs(analysis.bpm / 112 - 1)).toBeLessThan(0.02);
			expect(analysis.beatsPerBar).toBe(4);
			expect(Math.abs(analysis.firstDownbeatInSeconds - 0.6)).toBeLessThan(0.07);
			expect(beatFMeasure(reference, analysis.beatsInSeconds)).toBeGreaterThan(0.9);
		}
	});

	test.each([
		{name: 'a waltz', tempo: {bpm: 96, beatsPerBar: 3, firstDownbeatInSeconds: 0.3}, bars: 24, beatsPerBar: 3},
		{name: 'a slow 4/4 with eighth-note hats (no double-tempo error)', tempo: {bpm: 72, firstDownbeatInSeconds: 1}, bars: 12, beatsPerBar: 4},
	])('tracks $name', ({tempo, bars, beatsPerBar}) => {
		const {truth, analysis} = analyseSynthesized(tempo, bars);
		expect(Math.abs(analysis.bpm / tempo.bpm - 1)).toBeLessThan(0.02);
		expect(analysis.beatsPerBar).toBe(beatsPerBar);
		expect(beatFMeasure(truth.beats, analysis.beatsInSeconds)).toBeGreaterThan(0.9);
		expect(beatFMeasure(truth.downbeats, analysis.downbeatsInSeconds)).toBeGreaterThan(0.9);
	});

	test('tracks a fast 4/4 (no half-tempo error)', () => {
		const tempo = {bpm: 174, firstDownbeatInSeconds: 0.1};
		const {analysis} = analyseSynthesized(tempo, 32);
		expect(Math.abs(analysis.bpm / tempo.bpm - 1)).toBeLessThan(0.02);
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

// A seeded generator (mulberry32), so the noise is the same on every run.
const random = (seed: number) => () => {
	seed = (seed + 0x6d2b79f5) | 0;
	let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const writeSignal = (name: string, sampleRate: number, seconds: number, sample: (t: number, i: number) => number): string => {
	const samples = new Float32Array(Math.round(sampleRate * seconds));
	for (let i = 0; i < samples.length; i++) {
		samples[i] = sample(i / sampleRate, i);
	}
	const file = path.join(scratch, name);
	writeFileSync(file, encodeWav({samples, sampleRate, channels: 1}));
	return file;
};

// A drum machine: a kick on every beat and a short noise hi-hat on every eighth note.
const drums = (bpm: number) => {
	const next = random(3);
	return (t: number): number => {
		const since = (((t * bpm) / 60) % 1) * (60 / bpm);
		const eighth = (((t * bpm * 2) / 60) % 1) * (30 / bpm);
		return 0.8 * Math.exp(-since * 25) * Math.sin(2 * Math.PI * 55 * since) + 0.15 * Math.exp(-eighth * 200) * (2 * next() - 1);
	};
};

const analyzeCli = async (file: string): Promise<{code: number; stdout: string; stderr: string}> => {
	try {
		const {stdout, stderr} = await promisify(execFile)(process.execPath, [path.join(root, 'bin/songreel.js'), 'analyze', file, '--json'], {cwd: root, maxBuffer: 1 << 28});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const failed = error as {code: number; stdout: string; stderr: string};
		return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr};
	}
};

describe('analyze on bad input', () => {
	test.each([
		{name: 'silence', file: () => writeSignal('silence.wav', 22050, 10, () => 0), message: analysisMessages.silent(-200).split(':')[0] as string},
		{name: 'a 2-second file', file: () => writeSignal('short.wav', 22050, 2, drums(120)), message: analysisMessages.tooShort(2, 6)},
		{name: 'a file that is not audio', file: () => {
			const file = path.join(scratch, 'notes.mp3');
			writeFileSync(file, 'these are not sounds');
			return file;
		}, message: 'cannot decode: not an audio file ffmpeg can read'},
	])('refuses $name with one clear line and exit code 1', async ({file, message}) => {
		const {code, stderr} = await analyzeCli(file());
		expect(code).toBe(1);
		expect(stderr).toContain(message);
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(stderr).not.toMatch(/\n\s+at /);
	});

	test.each([
		{name: 'white noise', file: () => {
			const next = random(7);
			return writeSignal('noise.wav', 22050, 20, () => 0.3 * (2 * next() - 1));
		}},
		{name: 'a pad with no beat', file: () => writeSignal('pad.wav', 22050, 20, (t) => 0.1 * (1 + 0.5 * Math.sin(2 * Math.PI * 0.13 * t)) * [220, 277.2, 329.6, 440].reduce((sum, f) => sum + Math.sin(2 * Math.PI * f * t), 0))},
	])('says there is no reliable beat in $name and reports a low confidence', async ({file}) => {
		const {code, stdout, stderr} = await analyzeCli(file());
		expect(code).toBe(0);
		expect(stderr).toContain('no reliable beat');
		expect((JSON.parse(stdout) as {confidence: number}).confidence).toBeLessThan(0.3);
	});

	test('finds the beat of a mono 8 kHz file', async () => {
		const file = path.join(scratch, 'song-8k.wav');
		execFileSync(remotionBinary('ffmpeg'), ['-loglevel', 'error', '-y', '-i', path.join(root, 'public/demo/song.wav'), '-ac', '1', '-ar', '8000', file]);
		const {code, stdout, stderr} = await analyzeCli(file);
		expect(code).toBe(0);
		expect(stderr).toBe('');
		const analysis = JSON.parse(stdout) as {bpm: number; confidence: number};
		expect(Math.abs(analysis.bpm / 112 - 1)).toBeLessThan(0.02);
		expect(analysis.confidence).toBeGreaterThan(0.5);
	});

	test('analyses a 20-minute file and keeps 10 ms envelopes for all of it', async () => {
		const file = writeSignal('long.wav', 8000, 20 * 60, drums(120));
		const {code, stdout} = await analyzeCli(file);
		expect(code).toBe(0);
		const analysis = JSON.parse(stdout) as {bpm: number; beatsInSeconds: number[]; envelopes: {framesPerSecond: number; loudnessInDb: number[]; onsetStrength: number[]}};
		expect(Math.abs(analysis.bpm / 120 - 1)).toBeLessThan(0.02);
		expect(analysis.beatsInSeconds.length).toBeGreaterThan(2350);
		expect(analysis.envelopes.framesPerSecond).toBe(100);
		expect(analysis.envelopes.loudnessInDb).toHaveLength(120000);
		expect(analysis.envelopes.onsetStrength).toHaveLength(120000);
	}, 180_000);
});

describe('the analysis file', () => {
	test('carries the played beats, downbeats, confidence and per-frame envelopes beside the song-map fragment', async () => {
		const file = writeSignal('clicks.wav', 22050, 12, drums(120));
		await promisify(execFile)(process.execPath, [path.join(root, 'bin/songreel.js'), 'analyze', file, '--write'], {cwd: root});
		const written = JSON.parse(readFileSync(file.replace(/\.wav$/, '.analysis.json'), 'utf8')) as Record<string, unknown> & {envelopes: {framesPerSecond: number; loudnessInDb: number[]; onsetStrength: number[]}; beatsInSeconds: number[]; confidence: number};
		expect(Object.keys(written).sort()).toEqual(['beatsInSeconds', 'confidence', 'downbeatsInSeconds', 'envelopes', 'machine', 'sections', 'tempo']);
		expect(written.envelopes.framesPerSecond).toBe(100);
		expect(written.envelopes.loudnessInDb).toHaveLength(1200);
		expect(Math.max(...written.envelopes.onsetStrength)).toBe(1);
		expect(Math.min(...written.envelopes.onsetStrength)).toBe(0);
		expect(written.confidence).toBeGreaterThan(0.5);
		expect(beatFMeasure(Array.from({length: 24}, (_, i) => i * 0.5), written.beatsInSeconds)).toBeGreaterThan(0.9);
	});
});

describe('findSections', () => {
	// Bars as chord vectors: verse (4 chords twice), chorus (2 chords), verse, verse, chorus.
	const chord = (root: number): number[] => Array.from({length: 12}, (_, k) => ([0, 4, 7].includes((k - root + 12) % 12) ? 1 : 0.05));
	const verse = [0, 9, 5, 7, 4, 2, 10, 7].map(chord);
	const chorus = [5, 5, 0, 0, 2, 2, 7, 7].map(chord);

	test('splits two verses in a row and labels repeats with the same letter', () => {
		const found = findSections([...verse, ...chorus, ...verse, ...verse, ...chorus]);
		// The last chorus is not split off: "verse, chorus" repeats as one stretch, whose copy ends the song.
		expect(found.map((s) => s.startBar)).toEqual([0, 8, 16, 24]);
		expect(found.map((s) => s.label)).toEqual(['A', 'B', 'A', 'A']);
	});

	test('returns one section for music too short to have a form', () => {
		expect(findSections(verse.slice(0, 4))).toEqual([{startBar: 0, label: 'A'}]);
	});
});
