// The demo's deliverables as Studio and `npx remotion render` see them: compositions of their own, at their size,
// drawing the same edit; and a lyric line laid out for 9:16 by the lyric layout rule. Renders are a few stills at a quarter size.
import {rm} from 'node:fs/promises';
import path from 'node:path';
import {bundle} from '@remotion/bundler';
import {getCompositions, type HeadlessBrowser, openBrowser, renderStill, selectComposition} from '@remotion/renderer';
import {PNG} from 'pngjs';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import project from '../remotion/compositions.ts';
import {lyricLayout} from '../src/draw/lyric-layout.ts';
import {resolveBrowserExecutable} from '../src/render/resolve-browser-executable.ts';
import type {MusicVideoProps} from '../src/schemas/project-schema.ts';
import {validateProject} from '../src/schemas/validate-project.ts';

const SCALE = 0.25;
const root = path.resolve(__dirname, '..');
const {song, videos} = validateProject(project, 'remotion/compositions.ts');
const demo = videos[0] as MusicVideoProps['video'];
const browserExecutable = resolveBrowserExecutable();

let serveUrl = '';
let browser: HeadlessBrowser;

beforeAll(async () => {
	serveUrl = await bundle({entryPoint: path.join(root, 'remotion/index.ts'), publicDir: path.join(root, 'public'), onProgress: () => undefined});
	browser = await openBrowser('chrome', {browserExecutable, logLevel: 'error'});
});

afterAll(async () => {
	await browser?.close({silent: true});
	await rm(serveUrl, {recursive: true, force: true});
});

const still = async (id: string, frame: number, inputProps: Record<string, unknown>): Promise<PNG> => {
	const composition = await selectComposition({serveUrl, id, inputProps, browserExecutable, puppeteerInstance: browser, logLevel: 'error'});
	const {buffer} = await renderStill({composition, serveUrl, frame, inputProps, imageFormat: 'png', scale: SCALE, output: null, puppeteerInstance: browser, logLevel: 'error'});
	return PNG.sync.read(buffer as Buffer);
};

/** The rows and columns where two stills differ clearly (the lyric's glyphs), as horizontal bands of ink with their extent. */
const inkBands = (a: PNG, b: PNG): {top: number; bottom: number; left: number; right: number}[] => {
	const bands: {top: number; bottom: number; left: number; right: number}[] = [];
	let current: (typeof bands)[number] | null = null;
	for (let y = 0; y < a.height; y++) {
		let left = Infinity;
		let right = -Infinity;
		for (let x = 0; x < a.width; x++) {
			const i = (y * a.width + x) * 4;
			const difference = Math.max(...[0, 1, 2].map((c) => Math.abs((a.data[i + c] as number) - (b.data[i + c] as number))));
			if (difference > 80) {
				left = Math.min(left, x);
				right = Math.max(right, x);
			}
		}
		if (right >= left) {
			current = current ?? {top: y, bottom: y, left, right};
			current.bottom = y;
			current.left = Math.min(current.left, left);
			current.right = Math.max(current.right, right);
			if (!bands.includes(current)) {
				bands.push(current);
			}
		} else {
			current = null;
		}
	}
	return bands;
};

describe('deliverables in Studio and Remotion\'s CLI', () => {
	test('each deliverable is a composition <video>-<deliverable> at its size, as long as the video', async () => {
		const compositions = await getCompositions(serveUrl, {browserExecutable, puppeteerInstance: browser, logLevel: 'error'});
		const shape = (id: string) => {
			const found = compositions.find((composition) => composition.id === id);
			return found && {width: found.width, height: found.height, fps: found.fps, durationInFrames: found.durationInFrames};
		};
		const main = shape('DemoVideo');
		expect(main).toMatchObject({width: 1280, height: 720, fps: 30});
		expect(shape('DemoVideo-vertical')).toEqual({...main, width: 1080, height: 1920});
		expect(shape('DemoVideo-square')).toEqual({...main, width: 1080, height: 1080});
		// A video without deliverables has none.
		expect(compositions.filter((composition) => composition.id.startsWith('DemoVertical-'))).toEqual([]);
	});

	test('the 9:16 composition draws the frame at its size, and wraps a long lyric line into balanced lines inside the frame', async () => {
		// 14.3 s: verse-1, "hold the frame and count to seven" (33 characters) on screen.
		const frame = 430;
		const hidden = {...demo, sections: {...demo.sections, 'verse-1': {...demo.sections['verse-1'], lyrics: {hidden: true}}}} as MusicVideoProps['video'];
		const withLyric = await still('DemoVideo-vertical', frame, {song, video: demo, deliverable: 'vertical'});
		const without = await still('DemoVideo-vertical', frame, {song, video: hidden, deliverable: 'vertical'});
		expect([withLyric.width, withLyric.height]).toEqual([1080 * SCALE, 1920 * SCALE]);
		const bands = inkBands(withLyric, without);
		const layout = lyricLayout({frameWidth: 1080, frameHeight: 1920});
		// 65 px type (the default 43 px at 720p, scaled by the short side) wraps the line in 907 px: two lines, not one running off the frame.
		expect(bands).toHaveLength(2);
		const [first, second] = bands as [(typeof bands)[0], (typeof bands)[0]];
		for (const band of bands) {
			expect(band.left).toBeGreaterThanOrEqual(layout.marginXInPx * SCALE - 2);
			expect(band.right).toBeLessThanOrEqual((1080 - layout.marginXInPx) * SCALE + 2);
		}
		// Balanced: the shorter line is no less than 60% of the longer (greedy wrapping leaves "seven" alone on the second).
		const widths = bands.map((band) => band.right - band.left);
		expect(Math.min(...widths) / Math.max(...widths)).toBeGreaterThan(0.6);
		// The bottom line sits a long-side margin above the frame's bottom edge.
		expect(second.bottom).toBeLessThanOrEqual((1920 - layout.marginYInPx) * SCALE + 2);
		expect(first.top).toBeLessThan(second.top);
	});
});
