import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {gatherFacts} from '../src/assets/gather-facts.ts';
import {isCentredFocus} from '../src/draw/focus-at.ts';
import {createNodeAssetReader} from '../src/assets/node-asset-reader.ts';
import {renderProceduralClip} from '../src/generation/offline/render-procedural-clip.ts';
import {encodeWav} from '../src/media/encode-wav.ts';
import {framePsnr} from '../src/media/frame-psnr.ts';
import {renderInChunks} from '../src/render/render-in-chunks.ts';
import {songSchema} from '../src/schemas/song-schema.ts';
import {videoSchema} from '../src/schemas/video-schema.ts';
import type {ResolvedTimeline} from '../src/timeline/resolved-timeline.ts';
import {compileTimeline} from '../src/timeline/compile-timeline.ts';

// A real edit in miniature, at 640x360: 180 bpm at 30 fps (a beat is 10 frames), ten two-beat sections, each
// entered by a different built-in transition one beat long, with Ken Burns moves, a letterboxed portrait take,
// a clip frozen past its end, a portrait take reframed around a moving focus point, beat pulses and downbeat
// flashes. Rendered by the browser and by the direct engine; every frame is compared, grouped by what it shows.
const root = path.resolve(__dirname, '..');
const publicDir = path.join(root, 'public');
const folder = 'test-direct-edit';
const work = mkdtempSync(path.join(os.tmpdir(), 'songreel-direct-edit-'));
const seconds = 200 / 30;

beforeAll(async () => {
	mkdirSync(path.join(publicDir, folder), {recursive: true});
	const samples = new Float32Array(Math.ceil(44100 * seconds) * 2).map((_, i) => 0.2 * Math.sin((2 * Math.PI * 220 * Math.floor(i / 2)) / 44100));
	writeFileSync(path.join(publicDir, folder, 'song.wav'), encodeWav({samples, sampleRate: 44100, channels: 2}));
	await renderProceduralClip({prompt: 'portrait take', seed: 7, width: 180, height: 320, fps: 30, durationInSeconds: 2}, path.join(publicDir, folder, 'portrait.mp4'));
	// Takes at the video's size: the demo's larger clips are shrunk differently by the browser and by ffmpeg (about
	// 40 dB apart even when simply played), which would hide what the drawing itself does.
	await renderProceduralClip({prompt: 'tall tower', seed: 8, width: 360, height: 640, fps: 30, durationInSeconds: 2}, path.join(publicDir, folder, 'tall.mp4'));
	await renderProceduralClip({prompt: 'birds over water', seed: 11, width: 640, height: 360, fps: 30, durationInSeconds: 2}, path.join(publicDir, folder, 'birds.mp4'));
	await renderProceduralClip({prompt: 'rooftop at dusk', seed: 12, width: 640, height: 360, fps: 25, durationInSeconds: 2}, path.join(publicDir, folder, 'rooftop.mp4'));
	await renderProceduralClip({prompt: 'night train', seed: 13, width: 640, height: 360, fps: 30, durationInSeconds: 2}, path.join(publicDir, folder, 'train.mp4'));
}, 60_000);
afterAll(() => {
	rmSync(work, {recursive: true, force: true});
	rmSync(path.join(publicDir, folder), {recursive: true, force: true});
});

const starts = ['1', '1:3', '2', '2:3', '3', '3:3', '4', '4:3', '5', '5:3'];
const song = songSchema.parse({audio: `${folder}/song.wav`, tempo: {bpm: 180}, sections: starts.map((start, i) => ({id: `s${i}`, start}))});
const beat = (type: string, direction?: string) => ({type, lengthInBeats: 1, ...(direction ? {direction} : {})});
const video = videoSchema.parse({
	id: 'EditVideo',
	width: 640,
	height: 360,
	sections: {
		s0: {shots: [{clip: 'demo/clips/window-light.mp4', kenBurns: {fromScale: 1, toScale: 1.3, toXPercent: 5}}]},
		s1: {shots: [{clip: `${folder}/birds.mp4`}], transitionIn: beat('slide', 'from-left'), effects: {pulse: {strength: 0.08, decayInBeats: 1}}},
		s2: {shots: [{clip: `${folder}/rooftop.mp4`}], transitionIn: beat('wipe', 'from-top-left')},
		s3: {shots: [{clip: 'demo/clips/skyline.mp4', kenBurns: {fromScale: 1.2, toScale: 1, fromYPercent: -4}}], transitionIn: beat('flip', 'from-right')},
		s4: {shots: [{clip: `${folder}/portrait.mp4`, fit: 'contain'}], transitionIn: beat('iris')},
		s5: {shots: [{clip: 'demo/clips/crowd.mp4', clipStartInSeconds: 1}], transitionIn: beat('clockWipe')},
		s6: {shots: [{clip: `${folder}/train.mp4`}], transitionIn: beat('flip', 'from-bottom'), effects: {flash: {strength: 0.6, decayInBeats: 1}}},
		s7: {shots: [{clip: 'demo/clips/sunrise.mp4'}], transitionIn: beat('wipe', 'from-right'), effects: {pulse: {strength: 0.05}, flash: {strength: 0.3}}},
		s8: {shots: [{clip: 'demo/clips/tape-reels.mp4', clipStartInSeconds: 2.8, onShortClip: 'freeze'}], transitionIn: beat('slide', 'from-bottom'), effects: {flash: {strength: 1.2}}},
		// A portrait take cropped to landscape around a focus point that moves down the clip.
		s9: {shots: [{clip: `${folder}/tall.mp4`, focus: {keyframes: [{atBeat: 0, x: 50, y: 15}, {atBeat: 2, x: 50, y: 85}]}}], transitionIn: beat('fade')},
	},
});

let timeline: ResolvedTimeline;
const render = async (name: string, direct: boolean) => {
	const facts = await gatherFacts({song, videos: [video], reader: createNodeAssetReader(publicDir)});
	timeline = compileTimeline({song, video, facts}).timeline;
	return renderInChunks({entryPoint: path.join(root, 'remotion/index.ts'), publicDir, cacheDir: path.join(work, `cache-${name}`), timeline, inputProps: {song, video}, outputPath: path.join(work, `${name}.mp4`), chunkFrames: 100, direct});
};

// What a frame shows, for the report: the transition running, else the shot's moves and the effects.
const kindOf = (frame: number): string => {
	const shot = timeline.shots.find((s) => s.transitionIn && frame >= s.transitionIn.startFrame && frame < s.transitionIn.startFrame + s.transitionIn.durationInFrames);
	if (shot?.transitionIn) {
		return `${shot.transitionIn.type}${shot.transitionIn.direction ? ` ${shot.transitionIn.direction}` : ''}`;
	}
	const current = timeline.shots.find((s) => frame >= s.cutInFrame && frame < s.cutOutFrame);
	const visual = current?.visual;
	const parts = [];
	if (visual?.kind === 'clip') {
		if (visual.kenBurns) {
			parts.push('ken burns');
		}
		if (visual.fit === 'contain') {
			parts.push('letterbox');
		}
		if (!isCentredFocus(visual.focus)) {
			parts.push('focus');
		}
		const segment = visual.segments.find((s) => frame >= (current?.fromFrame ?? 0) + s.fromFrame && frame < (current?.fromFrame ?? 0) + s.fromFrame + s.durationInFrames);
		if (segment?.kind === 'freeze') {
			parts.push('freeze');
		}
	}
	const at = (keyframes: {frames: readonly number[]; values: readonly number[]} | null | undefined): boolean => {
		if (!keyframes) {
			return false;
		}
		const k = keyframes.frames.findIndex((f) => f > frame);
		return k > 0 && (keyframes.values[k - 1] !== 1 || keyframes.values[k] !== 1);
	};
	if (at(timeline.effects?.scale)) {
		parts.push('pulse');
	}
	if (at(timeline.effects?.brightness)) {
		parts.push('flash');
	}
	return parts.length > 0 ? parts.join('+') : 'plain';
};

describe('direct drawing of a real edit', () => {
	test('draws every built-in transition and effect without the browser, within 40 dB of the browser per kind of frame', async () => {
		const browser = await render('browser', false);
		const direct = await render('direct', true);
		expect(browser.breakdown.directFrames).toBe(0);
		expect(direct.breakdown).toMatchObject({browserFrames: 0, directFrames: 200});
		const psnr = await framePsnr({a: path.join(work, 'browser.mp4'), b: path.join(work, 'direct.mp4'), width: 640, height: 360});
		expect(psnr).toHaveLength(200);
		const byKind = new Map<string, number[]>();
		for (const [frame, value] of psnr.entries()) {
			byKind.set(kindOf(frame), [...(byKind.get(kindOf(frame)) ?? []), value]);
		}
		const report = [...byKind].map(([kind, values]) => ({kind, frames: values.length, meanDb: Number((values.reduce((a, b) => a + Math.min(b, 99), 0) / values.length).toFixed(1)), minDb: Number(Math.min(...values).toFixed(1))}));
		console.table(report);
		for (const kind of ['slide from-left', 'wipe from-top-left', 'flip from-right', 'iris', 'clockWipe', 'flip from-bottom', 'wipe from-right', 'slide from-bottom', 'fade', 'ken burns', 'letterbox', 'focus', 'freeze', 'pulse', 'flash']) {
			expect(report.some((row) => row.kind.includes(kind)), kind).toBe(true);
		}
		for (const row of report) {
			expect(row.meanDb, row.kind).toBeGreaterThanOrEqual(40);
		}
	}, 600_000);
});
