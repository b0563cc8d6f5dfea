import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {gatherFacts} from '../src/assets/gather-facts.ts';
import {createNodeAssetReader} from '../src/assets/node-asset-reader.ts';
import {encodeWav} from '../src/media/encode-wav.ts';
import {framePsnr} from '../src/media/frame-psnr.ts';
import {bundle} from '@remotion/bundler';
import {openBrowser} from '@remotion/renderer';
import {openLyricStillDrawer} from '../src/render/direct/draw-lyric-still.ts';
import {compositeOverlay, type OverlayImage} from '../src/render/direct/lyric-overlay.ts';
import {lyricStillsPage} from '../src/render/direct/lyric-stills-page.ts';
import {renderLyricStills} from '../src/render/direct/render-lyric-stills.ts';
import {renderInChunks} from '../src/render/render-in-chunks.ts';
import {resolveBrowserExecutable} from '../src/render/resolve-browser-executable.ts';
import {songSchema} from '../src/schemas/song-schema.ts';
import {videoSchema} from '../src/schemas/video-schema.ts';
import {compileTimeline} from '../src/timeline/compile-timeline.ts';

// Two seconds at 1280x720: a 24 fps 960x540 clip under a karaoke line that fades in, then a fade into a 1280x720
// clip. Every frame of it is plain clip playback the direct path can make, so it is rendered both ways.
const root = path.resolve(__dirname, '..');
const publicDir = path.join(root, 'public');
const work = mkdtempSync(path.join(os.tmpdir(), 'songreel-direct-'));
mkdirSync(path.join(publicDir, 'test-direct'), {recursive: true});
const samples = new Float32Array(44100 * 2 * 2).map((_, i) => 0.2 * Math.sin((2 * Math.PI * 330 * Math.floor(i / 2)) / 44100));
writeFileSync(path.join(publicDir, 'test-direct/song.wav'), encodeWav({samples, sampleRate: 44100, channels: 2}));
writeFileSync(path.join(publicDir, 'test-direct/lyrics.lrc'), '[00:00.20]<00:00.20>Paper <00:00.50>skies <00:00.80>above\n[00:01.60]\n');
// A Latin line Node draws, then a Greek one it leaves to the browser (font fallback).
writeFileSync(path.join(publicDir, 'test-direct/lyrics-mixed.lrc'), '[00:00.20]<00:00.20>Paper <00:00.50>skies\n[00:00.90]<00:00.90>Χάρτινοι <00:01.20>ουρανοί\n[00:01.60]\n');
afterAll(() => {
	rmSync(work, {recursive: true, force: true});
	rmSync(path.join(publicDir, 'test-direct'), {recursive: true, force: true});
});

const song = songSchema.parse({audio: 'test-direct/song.wav', tempo: {bpm: 120}, sections: [{id: 'a'}, {id: 'b', start: '1:3'}], lyrics: {file: 'test-direct/lyrics.lrc'}});
const video = videoSchema.parse({
	id: 'DemoVideo',
	width: 1280,
	height: 720,
	sections: {
		a: {shots: [{clip: 'demo/clips/window-light.mp4', clipStartInSeconds: 0.5}]},
		b: {shots: [{clip: 'demo/clips/paper-birds.mp4'}], transitionIn: {type: 'fade', lengthInBeats: 1}},
	},
});

const compile = async (of = video, withSong = song) => {
	const facts = await gatherFacts({song: withSong, videos: [of], reader: createNodeAssetReader(publicDir)});
	return compileTimeline({song: withSong, video: of, facts}).timeline;
};

const render = async (name: string, options: {direct: boolean; workers?: number}, of = video, withSong = song) => {
	const timeline = await compile(of, withSong);
	return renderInChunks({
		entryPoint: path.join(root, 'remotion/index.ts'),
		publicDir,
		cacheDir: path.join(work, `cache-${name}`),
		timeline,
		inputProps: {song: withSong, video: of},
		outputPath: path.join(work, `${name}.mp4`),
		chunkFrames: 40,
		...options,
	});
};

describe('direct rendering of plain clip playback', () => {
	test('looks like the browser render of the same frames (PSNR of at least 40 dB), lyrics and crossfade included', async () => {
		const warnings: string[] = [];
		const onWarning = (warning: Error): void => {
			warnings.push(`${warning.name}: ${warning.message}`);
		};
		process.on('warning', onWarning);
		const [browser, direct] = await (async () => [await render('browser', {direct: false}), await render('direct', {direct: true})] as const)().finally(() => process.off('warning', onWarning));
		// Remotion subscribes to the cancellation once per page, server and still; that must not read as a leak.
		expect(warnings.filter((warning) => warning.startsWith('MaxListenersExceededWarning'))).toEqual([]);
		expect(browser.breakdown).toMatchObject({browserFrames: 60, directFrames: 0});
		expect(direct.breakdown).toMatchObject({browserFrames: 0, directFrames: 60});
		expect(direct.breakdown.lyricStills).toBeGreaterThan(1);
		// The browser render bundles the project; the direct one draws its stills in Node, with no browser at all.
		expect(browser.breakdown.bundle).toBe('project');
		expect(direct.breakdown.lyricStillsByBrowser).toBe(0);
		expect(direct.breakdown.bundle).toBe(null);
		const psnr = await framePsnr({a: path.join(work, 'browser.mp4'), b: path.join(work, 'direct.mp4'), width: 1280, height: 720});
		expect(psnr).toHaveLength(60);
		const mean = psnr.reduce((sum, value) => sum + value, 0) / psnr.length;
		// Measured: 44 dB on average, the lowest frame (inside the crossfade) just under 40 dB.
		expect(mean).toBeGreaterThanOrEqual(40);
		expect(Math.min(...psnr)).toBeGreaterThanOrEqual(38);
	});

	test('renders the same frames in worker processes', async () => {
		await render('one-process', {direct: true});
		const workers = await render('workers', {direct: true, workers: 2});
		expect(workers.breakdown.workers).toBe(2);
		const psnr = await framePsnr({a: path.join(work, 'one-process.mp4'), b: path.join(work, 'workers.mp4'), width: 1280, height: 720});
		expect(Math.min(...psnr)).toBeGreaterThanOrEqual(60);
	});

	test("takes lyric stills from the project's bundle when lines are in a font of the project's", async () => {
		const ownFont = videoSchema.parse({...video, defaults: {lyrics: {fontFamily: 'DejaVu Serif, serif'}}});
		const rendered = await render('own-font', {direct: true}, ownFont);
		expect(rendered.breakdown).toMatchObject({browserFrames: 0, bundle: 'project'});
		expect(rendered.breakdown.lyricStills).toBeGreaterThan(1);
	});

	test("leaves the lines Node cannot draw to songreel's stills page, in the same pass", async () => {
		const mixed = songSchema.parse({...song, lyrics: {file: 'test-direct/lyrics-mixed.lrc'}});
		const rendered = await render('mixed-lyrics', {direct: true}, video, mixed);
		expect(rendered.breakdown).toMatchObject({browserFrames: 0, directFrames: 60, bundle: 'lyric-stills page'});
		expect(rendered.breakdown.lyricStillsByBrowser).toBeGreaterThan(0);
		expect(rendered.breakdown.lyricStills).toBeGreaterThan(rendered.breakdown.lyricStillsByBrowser);
	});

	test('Node draws the built-in lyric stills as the browser does: the same box and rows, at least 44 dB over the frame', async () => {
		const looks: {name: string; video: typeof video; rows?: number}[] = [
			{name: 'karaoke, bottom', video},
			{name: 'plain, top, light and small', video: videoSchema.parse({...video, defaults: {lyrics: {position: 'top', wordHighlight: false, color: '#9ad1ff', fontWeight: 400, fontSizeInPx: 30}}})},
			{name: 'centre of a portrait frame', video: videoSchema.parse({...video, width: 720, height: 1280, defaults: {lyrics: {position: 'center', fontSizeInPx: 48}}})},
			{name: 'two balanced rows', video: videoSchema.parse({...video, width: 720, height: 1280, defaults: {lyrics: {fontSizeInPx: 76}}}), rows: 2},
		];
		const page = await lyricStillsPage((options) => bundle({...options, onProgress: () => undefined}));
		const browserExecutable = resolveBrowserExecutable();
		const puppeteerInstance = await openBrowser('chrome', {browserExecutable, logLevel: 'error'});
		const drawer = openLyricStillDrawer();
		// Both stills over the same busy frame (a still is compared where it lands, shadows over picture).
		const psnrOver = (a: OverlayImage, b: OverlayImage, width: number, height: number): number => {
			const frames = [a, b].map((overlay) => {
				const frame = new Uint8Array(width * height * 1.5).map((_, i) => (i < width * height ? 16 + ((i * 7919) % 220) : 128));
				compositeOverlay({frame, frameWidth: width, frameHeight: height, overlay, opacity: 1});
				return frame;
			});
			const [first, second] = frames as [Uint8Array, Uint8Array];
			const squared = first.reduce((sum, value, i) => sum + (value - (second[i] as number)) ** 2, 0);
			return 10 * Math.log10((255 * 255) / (squared / first.length));
		};
		try {
			for (const look of looks) {
				const timeline = await compile(look.video);
				const requests = [0, 1, 3].map((highlightedWords) => ({line: 0, highlightedWords}));
				const byBrowser: (OverlayImage | null)[] = [];
				await renderLyricStills({requests, timeline, serveUrl: page, browserExecutable, puppeteerInstance, cancelSignal: () => undefined, tabs: 1, onStill: (k, overlay) => (byBrowser[k] = overlay)});
				for (const [k, {line, highlightedWords}] of requests.entries()) {
					const lyric = timeline.lyrics[line] as (typeof timeline.lyrics)[number];
					expect({look: look.name, text: lyric.text, words: lyric.words?.map((word) => word.text), draws: drawer.draws(lyric, timeline.width, timeline.height)}).toMatchObject({look: look.name, draws: true});
					const inNode = drawer.draw(lyric, highlightedWords, timeline.width, timeline.height) as OverlayImage;
					const browser = byBrowser[k] as OverlayImage;
					expect({look: look.name, box: [inNode.x, inNode.y, inNode.width, inNode.height]}).toEqual({look: look.name, box: [browser.x, browser.y, browser.width, browser.height]});
					// The wrapped line takes two rows of text (each 1.2 times the text size) and more than one row's height.
					expect(browser.height > lyric.style.fontSizeInPx * 1.8).toBe((look.rows ?? 1) === 2);
					// Measured: 46-50 dB (glyph edges antialiased a little differently).
					expect(psnrOver(inNode, browser, timeline.width, timeline.height)).toBeGreaterThanOrEqual(44);
				}
			}
		} finally {
			await puppeteerInstance.close({silent: true});
		}
	});

	test("songreel's stills page draws every lyric still exactly as the project's bundle does", async () => {
		const timeline = await compile();
		const requests = [0, 1, 2, 3].map((highlightedWords) => ({line: 0, highlightedWords}));
		const projectBundle = await bundle({entryPoint: path.join(root, 'remotion/index.ts'), publicDir: path.join(work, 'no-public-folder'), outDir: path.join(work, 'project-bundle'), onProgress: () => undefined});
		const page = await lyricStillsPage((options) => bundle({...options, onProgress: () => undefined}));
		const browserExecutable = resolveBrowserExecutable();
		const puppeteerInstance = await openBrowser('chrome', {browserExecutable, logLevel: 'error'});
		try {
			const stills = async (serveUrl: string) => {
				const drawn: (OverlayImage | null)[] = [];
				await renderLyricStills({requests, timeline, serveUrl, browserExecutable, puppeteerInstance, cancelSignal: () => undefined, tabs: 1, onStill: (k, overlay) => (drawn[k] = overlay)});
				return drawn;
			};
			const fromProject = await stills(projectBundle);
			const fromPage = await stills(page);
			expect(fromProject).toHaveLength(4);
			expect(fromProject.every((overlay) => overlay !== null)).toBe(true);
			expect(fromPage).toEqual(fromProject);
			// The highlight shows: the stills differ from each other.
			expect(fromProject[0]?.luma).not.toEqual(fromProject[3]?.luma);
		} finally {
			await puppeteerInstance.close({silent: true});
		}
	});
});
