import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {decodeAudio} from './decode-audio.ts';
import {encodeWav} from './encode-wav.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'songreel-decode-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('decodeAudio', () => {
	test('hands the samples over as they arrive, in order, and returns them all', async () => {
		// Ten seconds of a ramp: every 16-bit value distinct, so a byte out of place shows.
		const samples = new Float32Array(22050 * 10).map((_, i) => ((i % 60_000) - 30_000) / 32768);
		const file = path.join(dir, 'ramp.wav');
		writeFileSync(file, encodeWav({samples, sampleRate: 22050, channels: 1}));
		const seen: number[] = [];
		let heldAtLast: Float32Array | undefined;
		const decoded = await decodeAudio(file, 22050, (arrived, available) => {
			seen.push(available);
			heldAtLast = arrived;
		});
		expect(decoded.length).toBe(samples.length);
		expect(seen.length).toBeGreaterThan(2);
		expect(seen.every((available, i) => i === 0 || available > (seen[i - 1] as number))).toBe(true);
		expect(seen.at(-1)).toBe(samples.length);
		expect(heldAtLast?.subarray(0, samples.length).every((value, i) => value === decoded[i])).toBe(true);
		// The WAV holds 16-bit values: every sample comes back within one step of them.
		expect(decoded.every((value, i) => Math.abs(value - (samples[i] as number)) <= 1 / 32767)).toBe(true);
	});

	test('mixes a stereo file to mono at the rate asked for', async () => {
		const frames = 44100 * 2;
		const interleaved = new Float32Array(frames * 2).map((_, i) => (i % 2 === 0 ? 0.25 : 0.75));
		const file = path.join(dir, 'stereo.wav');
		writeFileSync(file, encodeWav({samples: interleaved, sampleRate: 44100, channels: 2}));
		const decoded = await decodeAudio(file, 22050);
		expect(Math.abs(decoded.length - 22050 * 2)).toBeLessThanOrEqual(1);
		expect(decoded[22050]).toBeCloseTo(0.5, 3);
	});

	test('rejects a file that is not audio, with the decoder’s reason', async () => {
		const file = path.join(dir, 'notes.wav');
		writeFileSync(file, 'these are not samples');
		await expect(decodeAudio(file, 22050)).rejects.toThrow(/cannot decode .*notes\.wav/);
	});
});
