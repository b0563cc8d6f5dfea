import {rm} from 'node:fs/promises';
import path from 'node:path';
import {bundle} from '@remotion/bundler';
import {type HeadlessBrowser, openBrowser, renderStill, selectComposition} from '@remotion/renderer';
import {PNG} from 'pngjs';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import project from '../remotion/compositions.ts';
import {resolveBrowserExecutable} from '../src/render/resolve-browser-executable.ts';
import type {MusicVideoProps} from '../src/schemas/project-schema.ts';
import {validateProject} from '../src/schemas/validate-project.ts';

// Real renders of single frames of the demo at a quarter of 1280x720, to prove each layer draws.
const SCALE = 0.25;
const root = path.resolve(__dirname, '..');
const {song, videos} = validateProject(project, 'remotion/compositions.ts');
const demo = videos[0] as MusicVideoProps['video'];

let serveUrl = '';
let browser: HeadlessBrowser;

beforeAll(async () => {
	serveUrl = await bundle({entryPoint: path.join(root, 'remotion/index.ts'), publicDir: path.join(root, 'public'), onProgress: () => undefined});
	browser = await openBrowser('chrome', {browserExecutable: resolveBrowserExecutable(), logLevel: 'error'});
});

afterAll(async () => {
	await browser?.close({silent: true});
	await rm(serveUrl, {recursive: true, force: true});
});

const still = async (frame: number, video: MusicVideoProps['video'] = demo): Promise<PNG> => {
	const inputProps = {song, video};
	const composition = await selectComposition({serveUrl, id: video.id, inputProps, browserExecutable: resolveBrowserExecutable(), puppeteerInstance: browser, logLevel: 'error'});
	const {buffer} = await renderStill({composition, serveUrl, frame, inputProps, imageFormat: 'png', scale: SCALE, output: null, puppeteerInstance: browser, logLevel: 'error'});
	return PNG.sync.read(buffer as Buffer);
};

const pixel = (image: PNG, x: number, y: number): [number, number, number] => {
	const i = (Math.floor(y) * image.width + Math.floor(x)) * 4;
	return [image.data[i] as number, image.data[i + 1] as number, image.data[i + 2] as number];
};

/** Mean absolute difference per channel over a band of rows (fractions of the height). */
const meanDifference = (a: PNG, b: PNG, fromRow: number, toRow: number): number => {
	let sum = 0;
	let count = 0;
	for (let y = Math.floor(fromRow * a.height); y < Math.floor(toRow * a.height); y++) {
		for (let x = 0; x < a.width; x++) {
			const i = (y * a.width + x) * 4;
			for (let c = 0; c < 3; c++) {
				sum += Math.abs((a.data[i + c] as number) - (b.data[i + c] as number));
				count++;
			}
		}
	}
	return sum / count;
};

const withSections = (sections: MusicVideoProps['video']['sections']): MusicVideoProps['video'] => ({...demo, sections: {...demo.sections, ...sections}});

describe('rendering the demo', () => {
	test('draws the lyric line over the bottom of the frame, and only there', async () => {
		const frame = 300; // verse-1, "Paper skies above the city"
		const withLyric = await still(frame);
		const hidden = await still(frame, withSections({'verse-1': {...demo.sections['verse-1'], lyrics: {hidden: true}}}));
		expect(withLyric.width).toBe(1280 * SCALE);
		expect(meanDifference(withLyric, hidden, 0.75, 0.95)).toBeGreaterThan(3);
		expect(meanDifference(withLyric, hidden, 0, 0.6)).toBeLessThan(0.5);
	});

	test('plays the clip: frames of one shot differ, and differ from an empty section', async () => {
		const early = await still(345);
		const later = await still(360);
		const empty = await still(345, withSections({'verse-1': {filler: '#000000', lyrics: {hidden: true}}}));
		expect(meanDifference(early, later, 0, 0.6)).toBeGreaterThan(2);
		expect(pixel(empty, 160, 40)).toEqual([0, 0, 0]);
		expect(meanDifference(early, empty, 0, 0.6)).toBeGreaterThan(40);
	});

	test('blends two shots halfway through a fade centred on the cut', async () => {
		const red = '#ff0000';
		const blue = '#0000ff';
		const video = withSections({
			'verse-1': {filler: red, lyrics: {hidden: true}},
			'chorus-1': {filler: blue, transitionIn: {type: 'fade', lengthInBeats: 2}, lyrics: {hidden: true}},
		});
		// chorus-1 starts at frame 532; the 32-frame fade runs from 516 to 548.
		const before = await still(514, video);
		const atCut = await still(532, video);
		const after = await still(550, video);
		expect(pixel(before, 160, 40)).toEqual([255, 0, 0]);
		expect(pixel(after, 160, 40)).toEqual([0, 0, 255]);
		const [r, g, b] = pixel(atCut, 160, 40);
		expect(g).toBe(0);
		expect(r).toBeGreaterThan(90);
		expect(r).toBeLessThan(165);
		expect(b).toBeGreaterThan(90);
		expect(b).toBeLessThan(165);
	});
});
