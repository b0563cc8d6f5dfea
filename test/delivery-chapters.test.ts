import {spawnSync} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {buildChapters, formatYoutubeTimestamp, serializeYoutubeChapters} from '../src/delivery/build-chapters.ts';
import {deliveryMessages as m} from '../src/delivery/messages.ts';
import {writeChapters} from '../src/delivery/write-chapters.ts';
import {runFfprobe} from '../src/media/remotion-ffmpeg.ts';
import type {ResolvedTimeline} from '../src/timeline/resolved-timeline.ts';
import {demoTimeline} from './demo-facts.ts';

/** A timeline with only what chapters read: sections of the given lengths in seconds at 30 fps. */
const timelineOf = (sections: readonly (readonly [string, number])[]): ResolvedTimeline => {
	let frame = 0;
	const placed = sections.map(([id, seconds]) => {
		const startFrame = frame;
		frame += Math.round(seconds * 30);
		return {id, startFrame, endFrame: frame};
	});
	return {id: 'Test', width: 64, height: 36, fps: 30, durationInFrames: frame, background: '#000', clipElement: 'video', audio: {src: 'song.wav'}, sections: placed, shots: [], lyrics: [], effects: null, layers: [], beats: [], envelopes: null};
};

describe('chapters from sections', () => {
	test.each([
		[0, '0:00'],
		[9.99, '0:09'],
		[65, '1:05'],
		[3723, '1:02:03'],
	])('writes %s s as %s', (seconds, expected) => {
		expect(formatYoutubeTimestamp(seconds)).toBe(expected);
	});

	test('lists every section at its start, titled by id or by a given title', () => {
		const plan = buildChapters({timeline: timelineOf([['intro', 12], ['verse', 20.5], ['chorus', 15]]), titles: {intro: 'Intro'}});
		expect(serializeYoutubeChapters(plan)).toBe('0:00 Intro\n0:12 verse\n0:32 chorus\n');
		expect(plan.mp4).toEqual([
			{title: 'Intro', startInMilliseconds: 0, endInMilliseconds: 12000},
			{title: 'verse', startInMilliseconds: 12000, endInMilliseconds: 32500},
			{title: 'chorus', startInMilliseconds: 32500, endInMilliseconds: 47500},
		]);
		expect(plan.warnings).toEqual([]);
	});

	test('merges a section shorter than 10 s into the chapter before it, and the first into the one after', () => {
		const plan = buildChapters({timeline: timelineOf([['intro', 4], ['verse', 20], ['break', 5], ['chorus', 20]])});
		// The shortest goes first: the intro into the verse, then the break into the chapter before it.
		expect(serializeYoutubeChapters(plan)).toBe('0:00 intro / verse / break\n0:29 chorus\n');
		expect(plan.warnings).toEqual([m.chaptersMerged(['intro', 'break'], 'intro / verse / break'), m.tooFewChapters(2)]);
	});

	test('says when there are fewer than 3 chapters for YouTube', () => {
		expect(buildChapters({timeline: timelineOf([['a', 30], ['b', 30]])}).warnings).toEqual([m.tooFewChapters(2)]);
	});

	test('keeps the MP4 chapters one per section even when YouTube\'s list merges them', () => {
		const plan = buildChapters({timeline: demoTimeline()});
		expect(plan.mp4.map((c) => c.title)).toEqual(['intro', 'verse-1', 'chorus-1', 'bridge', 'chorus-2', 'outro']);
		for (const [i, chapter] of plan.youtube.entries()) {
			const next = plan.youtube[i + 1]?.startInSeconds ?? Math.floor(demoTimeline().durationInFrames / 30);
			expect(next - chapter.startInSeconds).toBeGreaterThanOrEqual(10);
		}
		expect(plan.youtube[0]?.startInSeconds).toBe(0);
	});
});

describe('chapters in the MP4', () => {
	let dir = '';
	beforeAll(async () => {
		dir = await mkdtemp(path.join(os.tmpdir(), 'songreel-chapters-'));
	});
	afterAll(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	test('muxes the demo\'s sections as chapters by stream copy and writes <id>.chapters.txt beside the video', async () => {
		const timeline = demoTimeline();
		const video = path.join(dir, 'DemoVideo.mp4');
		const seconds = timeline.durationInFrames / timeline.fps;
		expect(spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=black:s=64x36:r=30:d=${seconds}`, '-f', 'lavfi', '-i', `sine=d=${seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', video]).status).toBe(0);
		const packetsBefore = await runFfprobe(['-select_streams', 'v:0', '-show_entries', 'packet=pts,size', '-of', 'csv=p=0', video]);
		const plan = await writeChapters({timeline, videoPath: video});
		const probed = JSON.parse(await runFfprobe(['-show_chapters', '-of', 'json', video])) as {chapters: {start_time: string; end_time: string; tags: {title: string}}[]};
		expect(probed.chapters.map((c) => [c.tags.title, Number(c.start_time), Number(c.end_time)])).toEqual(
			timeline.sections.map((s) => [s.id, Math.round((s.startFrame / 30) * 1000) / 1000, Math.round((s.endFrame / 30) * 1000) / 1000]),
		);
		// Stream copy: every video packet is unchanged.
		expect(await runFfprobe(['-select_streams', 'v:0', '-show_entries', 'packet=pts,size', '-of', 'csv=p=0', video])).toBe(packetsBefore);
		expect(await readFile(path.join(dir, 'DemoVideo.chapters.txt'), 'utf8')).toBe(serializeYoutubeChapters(plan));
		expect(plan.textPath).toBe(path.join(dir, 'DemoVideo.chapters.txt'));
	});
});
