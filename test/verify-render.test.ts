import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {renderProceduralClip} from '../src/generation/offline/render-procedural-clip.ts';
import {verifyRender} from '../src/render/verify-render.ts';

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
