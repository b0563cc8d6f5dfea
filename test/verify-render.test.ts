import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {renderProceduralClip} from '../src/generation/offline/render-procedural-clip.ts';
import {encodeWav} from '../src/media/encode-wav.ts';
import {runFfmpeg} from '../src/media/remotion-ffmpeg.ts';
import {verifyJoinedRender, verifyRender} from '../src/render/verify-render.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'songreel-verify-'));
const clip = path.join(dir, 'clip.mp4');
beforeAll(() => renderProceduralClip({prompt: 'check', seed: 1, width: 160, height: 90, fps: 30, durationInSeconds: 1}, clip));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('verifyRender', () => {
	test('refuses a video whose length is not its frames', async () => {
		await expect(verifyRender(clip, {frames: 60, fps: 30, width: 160, height: 90})).rejects.toThrow('it lasts 1.000 s, 60 frames at 30 fps are 2.000 s');
	});

	test('refuses a video without the song', async () => {
		await expect(verifyRender(clip, {frames: 30, fps: 30, width: 160, height: 90})).rejects.toThrow('it has no audio track (the song)');
	});

	test('refuses a truncated file', async () => {
		const truncated = path.join(dir, 'truncated.mp4');
		const bytes = readFileSync(clip);
		writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
		await expect(verifyRender(truncated, {frames: 30, fps: 30, width: 160, height: 90})).rejects.toThrow(/failed its check/);
	});
});

describe('verifyJoinedRender', () => {
	test('passes chunks with one set of H.264 parameters and refuses chunks encoded differently', async () => {
		// A "joined" render: the clip with a second of audio; its chunks are the clip itself and one of another size.
		const song = path.join(dir, 'song.wav');
		writeFileSync(song, encodeWav({samples: new Float32Array(2 * 48000).fill(0.1), sampleRate: 48000, channels: 2}));
		const joined = path.join(dir, 'joined.mp4');
		const ffmpeg = runFfmpeg(['-y', '-i', clip, '-i', song, '-map', '0:v', '-map', '1:a', '-c:v', 'copy', '-c:a', 'aac', '-t', '1', joined]);
		ffmpeg.stdin.end();
		await ffmpeg.done;
		const other = path.join(dir, 'other.mp4');
		await renderProceduralClip({prompt: 'check', seed: 1, width: 320, height: 180, fps: 30, durationInSeconds: 1}, other);
		const expected = {frames: 30, fps: 30, width: 160, height: 90};
		await expect(verifyJoinedRender(joined, expected, [clip, clip])).resolves.toBeUndefined();
		await expect(verifyJoinedRender(joined, expected, [clip, other])).rejects.toThrow('its chunks were encoded with different H.264 parameter sets');
	});
});
