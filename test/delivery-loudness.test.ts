import {spawnSync} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {decodeAudioChannels} from '../src/delivery/decode-audio-channels.ts';
import {deliverVideoLoudness, formatLoudnessReport, prepareDeliveryAudio} from '../src/delivery/deliver-loudness.ts';
import {encodePcm24Wav} from '../src/delivery/encode-pcm24-wav.ts';
import {joinNegativeNumberValues, parseLoudnessOptions} from '../src/delivery/loudness-options.ts';
import {deliveryMessages as m} from '../src/delivery/messages.ts';
import {type AudioChannels, measureLoudness} from '../src/music/loudness/measure-loudness.ts';
import {normalizeLoudness} from '../src/music/loudness/normalize-loudness.ts';
import {formatProblem, SongreelInputError} from '../src/problems/problem.ts';
import {musicLike, sineSteps, speechLike, stereoImbalance} from './delivery-signals.ts';

let dir = '';
beforeAll(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'songreel-loudness-'));
});
afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

const writeWav = async (name: string, audio: AudioChannels): Promise<string> => {
	const file = path.join(dir, `${name}.wav`);
	await writeFile(file, encodePcm24Wav(audio));
	return file;
};

/** Debian ffmpeg's ebur128 filter (libavfilter's own EBU R128 meter), read from its summary. */
const ebur128 = (file: string): {integratedLufs: number; loudnessRangeLu: number; truePeakDbtp: number} => {
	const result = spawnSync('ffmpeg', ['-nostats', '-hide_banner', '-i', file, '-filter_complex', 'ebur128=peak=true', '-f', 'null', '-'], {encoding: 'utf8'});
	if (result.error !== undefined || result.status !== 0) {
		throw new Error(`Debian ffmpeg with the ebur128 filter is needed for this test (apt-get install ffmpeg; .ci/run installs it): ${result.error?.message ?? result.stderr}`);
	}
	const summary = result.stderr.slice(result.stderr.lastIndexOf('Summary:'));
	const value = (pattern: RegExp): number => Number(pattern.exec(summary)?.[1]);
	return {integratedLufs: value(/I:\s+(-?[\d.]+) LUFS/), loudnessRangeLu: value(/LRA:\s+(-?[\d.]+) LU/), truePeakDbtp: value(/True peak:\s+Peak:\s+(-?[\d.]+) dBFS/)};
};

describe('EBU Tech 3341 and 3342 signals, synthesised', () => {
	test.each([
		['1: stereo 1 kHz at -23 dBFS, 20 s', [[-23, 20]], -23],
		['2: stereo 1 kHz at -33 dBFS, 20 s', [[-33, 20]], -33],
		['3: -36, -23, -36 dBFS (the relative gate drops the quiet parts)', [[-36, 10], [-23, 60], [-36, 10]], -23],
		['4: -72, -36, -23, -36, -72 dBFS (the absolute gate drops -72)', [[-72, 10], [-36, 10], [-23, 60], [-36, 10], [-72, 10]], -23],
	] as const)('measures Tech 3341 case %s within 0.1 LU', (_name, steps, expected) => {
		const {integratedLufs} = measureLoudness(sineSteps({steps}));
		expect(Math.abs(integratedLufs - expected)).toBeLessThanOrEqual(0.1);
	});

	test('measures -23 LUFS for the 1 kHz sine at 44.1 kHz too (the K-weighting is designed per sample rate)', () => {
		expect(measureLoudness(sineSteps({sampleRate: 44100, steps: [[-23, 20]]})).integratedLufs).toBeCloseTo(-23, 1);
	});

	test.each([
		['1: -20 then -30 dBFS', [[-20, 20], [-30, 20]], 10],
		['2: -20 then -15 dBFS', [[-20, 20], [-15, 20]], 5],
		['3: -40 then -20 dBFS', [[-40, 20], [-20, 20]], 20],
	] as const)('measures the loudness range of Tech 3342 case %s within 1 LU', (_name, steps, expected) => {
		expect(Math.abs(measureLoudness(sineSteps({steps})).loudnessRangeLu - expected)).toBeLessThanOrEqual(1);
	});

	test.each([
		// Samples of a quarter-sample-rate sine at 45° sit at ±0.707 of its peak: the true peak lies between them.
		['fs/4 at 45°, peak -6 dBFS', {frequency: 12000, phase: Math.PI / 4, steps: [[-6, 5]]}, -6],
		['fs/4 at 45°, peak 0 dBFS (samples at -3 dBFS)', {frequency: 12000, phase: Math.PI / 4, steps: [[0, 5]]}, 0],
		['fs/6 at 60°, peak -6 dBFS', {frequency: 8000, phase: Math.PI / 3, steps: [[-6, 5]]}, -6],
		['1 kHz, peak -3 dBFS (on the samples)', {frequency: 1000, steps: [[-3, 5]]}, -3],
	] as const)('measures the true peak of %s within Tech 3341\'s +0.2/-0.4 dB', (_name, signal, expected) => {
		const measured = measureLoudness(sineSteps({...signal, fadeSeconds: 0.05}));
		expect(measured.truePeakDbtp - expected).toBeLessThanOrEqual(0.2);
		expect(measured.truePeakDbtp - expected).toBeGreaterThanOrEqual(-0.4);
	});

	test('reads silence as -Infinity, not NaN', () => {
		const silent = measureLoudness({channels: [new Float32Array(48000 * 2)], sampleRate: 48000});
		expect(silent.integratedLufs).toBe(-Infinity);
		expect(silent.truePeakDbtp).toBe(-Infinity);
	});
});

describe('agreement with ffmpeg\'s ebur128 filter', () => {
	test.each([
		['music-like stereo at 44.1 kHz (quiet verse, loud chorus)', musicLike],
		['speech-like mono with pauses', speechLike],
		['a 1 kHz sine at -23 dBFS', () => sineSteps({steps: [[-23, 20]]})],
		['stereo imbalance: a loud tone left, quiet noise right', stereoImbalance],
	])('agrees on %s: integrated within 0.2 LU, range within 1 LU, true peak within 0.3 dB', async (name, make) => {
		const file = await writeWav(name.replace(/\W+/g, '-'), make());
		const ours = measureLoudness(await decodeAudioChannels(file));
		const theirs = ebur128(file);
		expect(Math.abs(ours.integratedLufs - theirs.integratedLufs)).toBeLessThanOrEqual(0.2);
		expect(Math.abs(ours.loudnessRangeLu - theirs.loudnessRangeLu)).toBeLessThanOrEqual(1);
		expect(Math.abs(ours.truePeakDbtp - theirs.truePeakDbtp)).toBeLessThanOrEqual(0.3);
	});
});

describe('normalising to a target', () => {
	test('uses a plain gain when the true peak stays under the ceiling', () => {
		// About -23.3 LUFS with peaks at -5 dBTP: +3.3 dB keeps them under -1.
		const result = normalizeLoudness(speechLike(), {targetLufs: -20, truePeakCeilingDbtp: -1});
		expect(result.method).toBe('gain');
		expect(result.after.integratedLufs).toBeCloseTo(-20, 1);
		expect(result.after.truePeakDbtp).toBeLessThanOrEqual(-1);
	});

	test('reaches the target with a true-peak limiter when the gain would clip, and keeps the peak under the ceiling', () => {
		// The mix measures about -13.4 LUFS with peaks at -1 dBTP: -9 LUFS needs +4.4 dB.
		const result = normalizeLoudness(musicLike(), {targetLufs: -9, truePeakCeilingDbtp: -1});
		expect(result.method).toBe('gain-and-limiter');
		expect(Math.abs(result.after.integratedLufs - -9)).toBeLessThanOrEqual(0.1);
		expect(result.after.truePeakDbtp).toBeLessThanOrEqual(-1);
		expect(result.limiterReductionDb).toBeGreaterThan(0);
	});

	test('lowers the gain instead when asked, landing under the target with the peak at the ceiling', () => {
		const result = normalizeLoudness(musicLike(), {targetLufs: -9, truePeakCeilingDbtp: -1, onTruePeak: 'lower-gain'});
		expect(result.method).toBe('lowered-gain');
		expect(result.after.truePeakDbtp).toBeCloseTo(-1, 1);
		expect(result.after.integratedLufs).toBeLessThan(-9);
	});

	test('lands under the target rather than limit by far more than the plain gain when the song is very peaky', () => {
		// Speech-like syllables: -14 LUFS would need about 15 dB of limiting; the search stops 6 dB above the plain gain.
		const result = normalizeLoudness(speechLike(), {targetLufs: -14, truePeakCeilingDbtp: -1});
		expect(result.gainDb).toBeLessThanOrEqual(-14 - result.before.integratedLufs + 6 + 1e-9);
		expect(result.after.integratedLufs).toBeLessThan(-14.5);
		expect(result.after.truePeakDbtp).toBeLessThanOrEqual(-1);
		expect(formatLoudnessReport({target: {targetLufs: -14, truePeakCeilingDbtp: -1}, codecTrimDb: 0, ...result})).toContain('under the target');
	});
});

describe('delivering a video at a target', () => {
	test('replaces the audio of an MP4 with the song at -14 LUFS, keeping the picture, the after figures measured from the MP4', async () => {
		const song = await writeWav('song', musicLike());
		const video = path.join(dir, 'video.mp4');
		// Debian's ffmpeg makes the fixture: Remotion's has no lavfi colour source.
		expect(spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=black:s=64x36:r=30:d=30', '-i', song, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', video]).status).toBe(0);
		const report = await deliverVideoLoudness({videoPath: video, songPath: song, target: {targetLufs: -14, truePeakCeilingDbtp: -1}});
		expect(report.before.integratedLufs).toBeCloseTo(-13.4, 0);
		expect(Math.abs(report.after.integratedLufs - -14)).toBeLessThanOrEqual(0.2);
		expect(report.after.truePeakDbtp).toBeLessThanOrEqual(-1);
		// The delivered file is measured by ffmpeg too.
		const theirs = ebur128(video);
		expect(Math.abs(theirs.integratedLufs - -14)).toBeLessThanOrEqual(0.2);
		expect(formatLoudnessReport(report)).toMatch(/song -13\.\d LUFS.*delivered -14\.\d LUFS/);
		const streams = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', video], {encoding: 'utf8'}).stdout.trim().split('\n');
		expect(streams.sort()).toEqual(['audio', 'video']);
	});

	test('writes a prepared WAV for a render to use, at the target', async () => {
		const song = await writeWav('speech', speechLike());
		const out = path.join(dir, 'delivered.wav');
		const report = await prepareDeliveryAudio({songPath: song, outputPath: out, target: {targetLufs: -18, truePeakCeilingDbtp: -1}});
		expect(report.path).toBe(out);
		expect(report.method).toBe('gain-and-limiter');
		const measured = measureLoudness(await decodeAudioChannels(out));
		expect(Math.abs(measured.integratedLufs - -18)).toBeLessThanOrEqual(0.1);
		expect(measured.truePeakDbtp).toBeLessThanOrEqual(-1);
	});

	test('refuses a silent song with one line', async () => {
		const silent = await writeWav('silent', {channels: [new Float32Array(48000 * 3)], sampleRate: 48000});
		await expect(prepareDeliveryAudio({songPath: silent, outputPath: path.join(dir, 'x.wav'), target: {targetLufs: -14, truePeakCeilingDbtp: -1}})).rejects.toThrow(formatProblem(m.silentSong(silent)));
	});
});

describe('--loudness and --true-peak-ceiling', () => {
	const problems = (options: Parameters<typeof parseLoudnessOptions>[0]): string[] => {
		try {
			parseLoudnessOptions(options);
		} catch (error) {
			if (error instanceof SongreelInputError) {
				return error.problems.map(formatProblem);
			}
			throw error;
		}
		throw new Error('expected the options to be refused');
	};

	test('leave the song untouched when no target is given', () => {
		expect(parseLoudnessOptions({})).toBeNull();
	});

	test('default the ceiling to -1 dBTP', () => {
		expect(parseLoudnessOptions({loudness: '-14'})).toEqual({targetLufs: -14, truePeakCeilingDbtp: -1});
		expect(parseLoudnessOptions({loudness: '-23', truePeakCeiling: '-2'})).toEqual({targetLufs: -23, truePeakCeilingDbtp: -2});
	});

	test.each(['-71', '3', 'loud', ''])('refuse the target "%s" with one line', (value) => {
		expect(problems({loudness: value})).toEqual([formatProblem(m.loudnessTargetOutOfRange(value))]);
	});

	test('refuse a ceiling above 0 dBTP', () => {
		expect(problems({loudness: '-14', truePeakCeiling: '1'})).toEqual([formatProblem(m.ceilingOutOfRange('1'))]);
	});

	test('refuse a ceiling without a target', () => {
		expect(problems({truePeakCeiling: '-1'})).toEqual([formatProblem(m.ceilingWithoutTarget())]);
	});
});

describe('negative option values', () => {
	test('join "--loudness -14" into one argument so parseArgs takes it', () => {
		expect(joinNegativeNumberValues(['render', '--loudness', '-14', '--true-peak-ceiling', '-1.5', '--out', 'x.mp4'])).toEqual(['render', '--loudness=-14', '--true-peak-ceiling=-1.5', '--out', 'x.mp4']);
		expect(joinNegativeNumberValues(['render', '--loudness', '--out'])).toEqual(['render', '--loudness', '--out']);
	});
});
