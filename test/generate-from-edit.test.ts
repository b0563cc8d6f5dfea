import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PNG} from 'pngjs';
import {afterEach, describe, expect, test} from 'vitest';
import {runFfmpeg} from '../src/media/remotion-ffmpeg.ts';
import {readRegistry} from '../src/takes/registry-store.ts';
import {timelineMessages} from '../src/timeline/messages.ts';
import {startFakeVideosServer} from './fake-videos-server.ts';
import {runSongreel, type SongreelRun} from './helpers/run-songreel.ts';

const root = path.resolve(__dirname, '..');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) {
		await cleanup();
	}
});

// The demo song (112 bpm, first downbeat 0.6 s: a bar is 2.14 s) in a small 16:9 video. verse-1 has a clip for a
// bar, a generated bar (fades in and out of it) and a generated shot that continues from it to the section's end.
const COMPOSITIONS = `export default {
	song: {
		audio: 'demo/song.wav',
		tempo: {bpm: 112, beatsPerBar: 4, firstDownbeatInSeconds: 0.6},
		sections: [{id: 'intro', start: '0s'}, {id: 'verse-1', start: '5'}, {id: 'chorus-1', start: '9'}, {id: 'bridge', start: '13'}, {id: 'chorus-2', start: '15'}, {id: 'outro', start: '19'}],
		lyrics: {file: 'demo/lyrics.lrc'},
	},
	videos: [{
		id: 'Small', width: 320, height: 180, fps: 30,
		sections: {
			intro: {filler: '#000000'},
			'verse-1': {
				transition: {type: 'fade', lengthInBeats: 1},
				shots: [
					{clip: 'demo/clips/skyline.mp4', lengthInBars: 1},
					{generate: {prompt: 'paper city, {section}: {lyric|no words}', takes: 2}, lengthInBars: 1},
					{generate: {prompt: 'the same street, {lyric}', continueFrom: 'previous', takes: 1}},
				],
			},
			'chorus-1': {filler: '#000000'}, bridge: {filler: '#000000'}, 'chorus-2': {filler: '#000000'}, outro: {filler: '#000000'},
		},
	}],
};
`;

const makeProject = ({shotList, insideRepo = false}: {shotList?: string; insideRepo?: boolean} = {}): string => {
	// A project that Remotion bundles must sit where the repo's node_modules resolve (out/ is ignored by git).
	const parent = insideRepo ? path.join(root, 'out') : os.tmpdir();
	mkdirSync(parent, {recursive: true});
	const dir = mkdtempSync(path.join(parent, 'songreel-edit-'));
	cleanups.push(() => rmSync(dir, {recursive: true, force: true}));
	mkdirSync(path.join(dir, 'remotion'));
	mkdirSync(path.join(dir, 'public/demo/clips'), {recursive: true});
	writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}\n');
	writeFileSync(path.join(dir, 'remotion/compositions.ts'), COMPOSITIONS);
	if (shotList !== undefined) {
		writeFileSync(path.join(dir, 'remotion/shots.ts'), shotList);
	}
	if (insideRepo) {
		writeFileSync(
			path.join(dir, 'remotion/index.ts'),
			`import React from 'react';\nimport {registerRoot} from 'remotion';\nimport {SongreelCompositions} from '${path.join(root, 'src/remotion/index.ts')}';\nimport project from './compositions.ts';\n\nregisterRoot(() => React.createElement(SongreelCompositions, {project}));\n`,
		);
	}
	for (const file of ['song.wav', 'lyrics.lrc', 'clips/skyline.mp4']) {
		copyFileSync(path.join(root, 'public/demo', file), path.join(dir, 'public/demo', file));
	}
	return dir;
};

const songreel = (cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): Promise<SongreelRun> => runSongreel(args, {cwd, env});

/** Every frame of a clip as RGBA, decoded by ffmpeg. */
const decodeFrames = async (file: string, width: number, height: number): Promise<Buffer[]> => {
	const ffmpeg = runFfmpeg(['-i', file, '-an', '-f', 'image2pipe', '-c:v', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'], {readStdout: true});
	ffmpeg.stdin.end();
	const chunks: Buffer[] = [];
	for await (const chunk of ffmpeg.stdout as AsyncIterable<Buffer>) {
		chunks.push(chunk);
	}
	await ffmpeg.done;
	const all = Buffer.concat(chunks);
	const size = width * height * 4;
	return Array.from({length: Math.floor(all.length / size)}, (_, i) => all.subarray(i * size, (i + 1) * size));
};

/** Mean absolute difference of the colour channels of two RGBA pictures of one size, 0–255. */
const meanDifference = (a: Uint8Array, b: Uint8Array): number => {
	let sum = 0;
	let count = 0;
	for (let i = 0; i < a.length; i += 4) {
		for (let c = 0; c < 3; c++) {
			sum += Math.abs((a[i + c] as number) - (b[i + c] as number));
			count++;
		}
	}
	return sum / count;
};

describe('songreel generate --for <video>: generation from the edit', () => {
	test('--dry-run shows each slot, the length asked, the lyric and prompt, and the estimate; nothing is written', async () => {
		const dir = makeProject();
		const {code, stdout} = await songreel(dir, process.env, 'generate', '--for', 'Small', '--dry-run');
		expect(code).toBe(0);
		// verse-1/2: one bar (64 frames) plus half of each 1-beat fade around it (8 + 8): 81 frames, 2.70 s -> 3 s.
		expect(stdout).toContain('Small-verse-1-2            verse-1/2    slot 2.70 s (81 frames), clip 2.70 s -> asks 3 s 320x180  2 new, 0 to resume  $0.00');
		expect(stdout).toContain('lyric: "every light a little lie"');
		expect(stdout).toContain('prompt: "paper city, verse-1: every light a little lie"');
		expect(stdout).toContain('Small-verse-1-3            verse-1/3    slot 4.53 s (136 frames), clip 4.53 s -> asks 5 s 320x180  1 new after the pick (waits for a pick of "Small-verse-1-2")');
		expect(stdout).toContain('total: 3 new takes (11 s) for 2 empty slots, 0 to resume, estimated $0.00');
		expect(stdout).toContain('dry run: nothing submitted');
		expect(existsSync(path.join(dir, 'public/takes/takes.json'))).toBe(false);
	});

	test('makes takes of the slot lengths, picks one per slot, and starts the continuing shot from the last frame the edit shows of the previous one', async () => {
		const dir = makeProject();
		const run = await songreel(dir, process.env, 'generate', '--for', 'Small');
		expect(run.stderr).not.toMatch(/\s+at .*\.ts:\d+/);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/picked Small-verse-1-2\/t[12] for Small-verse-1-2 \(qc [\d.]+\)/);
		expect(run.stdout).toContain('round 2: 1 first frame taken from the previous shots');
		expect(run.stdout.trim().split('\n').at(-1)).toContain('all 3 takes complete');
		const registry = await readRegistry(path.join(dir, 'public/takes/takes.json'));
		expect(registry.takes.map((t) => [t.id, t.status, t.params.lengthInSeconds, t.params.size, Math.round(t.facts?.durationInSeconds ?? 0)])).toEqual([
			['Small-verse-1-2/t1', 'complete', 3, '320x180', 3],
			['Small-verse-1-2/t2', 'complete', 3, '320x180', 3],
			['Small-verse-1-3/t1', 'complete', 5, '320x180', 5],
		]);
		const picked = registry.picks['Small-verse-1-2'] as string;
		expect(registry.picks['Small-verse-1-3']).toBe('Small-verse-1-3/t1');
		const continuing = registry.takes.find((t) => t.id === 'Small-verse-1-3/t1');
		expect(continuing?.prompt).toBe('the same street, hold the frame and count to seven / we were never meant to fly');
		const startImage = continuing?.params.referenceImage as string;
		expect(startImage).toMatch(/^takes\/Small-verse-1-3\/start-[0-9a-f]{12}\.png$/);
		// The start image is the picked take's frame shown last in the edit: the slot shows 81 frames from frame 0.
		const start = PNG.sync.read(readFileSync(path.join(dir, 'public', startImage)));
		const previousFrames = await decodeFrames(path.join(dir, 'public', registry.takes.find((t) => t.id === picked)?.file as string), 320, 180);
		expect(meanDifference(start.data, previousFrames[80] as Buffer)).toBeLessThan(1);
		expect(meanDifference(start.data, previousFrames[0] as Buffer)).toBeGreaterThan(10);
		// The continuing take opens on that frame (H.264 loses a little), then becomes its own scene.
		const continuingFrames = await decodeFrames(path.join(dir, 'public', continuing?.file as string), 320, 180);
		expect(meanDifference(continuingFrames[0] as Buffer, start.data)).toBeLessThan(4);
		expect(meanDifference(continuingFrames[60] as Buffer, start.data)).toBeGreaterThan(10);

		// The edit now plays the picks: no slot shows the background any more.
		const check = await songreel(dir, process.env, 'check');
		expect(check.code).toBe(0);
		expect(check.stderr).not.toContain(timelineMessages.generatedSlotEmpty('Small-verse-1-2', 'Small'));
		// Nothing is left to make: a second run creates nothing.
		const again = await songreel(dir, process.env, 'generate', '--for', 'Small');
		expect(again.code).toBe(0);
		expect(again.stdout).toContain('Small-verse-1-2            verse-1/2    has a take: nothing to do');
		expect(again.stdout).toContain('total: 0 new takes (0 s) for 0 empty slots');
		expect((await readRegistry(path.join(dir, 'public/takes/takes.json'))).takes).toHaveLength(3);
	});

	test('take review shows the previous shot\'s last frame beside each take of a continuing slot', async () => {
		const dir = makeProject({insideRepo: true});
		expect((await songreel(dir, process.env, 'generate', '--for', 'Small')).code).toBe(0);
		const registry = await readRegistry(path.join(dir, 'public/takes/takes.json'));
		const start = PNG.sync.read(readFileSync(path.join(dir, 'public', registry.takes.find((t) => t.shotId === 'Small-verse-1-3')?.params.referenceImage as string)));
		const target = path.join(dir, 'sheet.png');
		const sheet = await songreel(dir, process.env, 'contact-sheet', 'Small-verse-1-3', '--out', target);
		// Nothing on stderr but the progress lines of a long command.
		expect(sheet.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('contact sheet Small-verse-1-3: '))).toEqual([]);
		expect(sheet.code).toBe(0);
		const png = PNG.sync.read(readFileSync(target));
		// One take: a row of six cells (the start image, then the take's first frame and four stills), 4 px apart.
		expect([png.width, png.height]).toEqual([1600, 200]);
		const cellWidth = (1600 - 8 - 5 * 4) / 6;
		// The mean colour of a cell's middle, and of the start image's middle (the cells crop it to cover).
		const middleOf = (data: Uint8Array, width: number, cx: number, cy: number, half: number): number[] => {
			const sum = [0, 0, 0];
			for (let y = cy - half; y < cy + half; y++) {
				for (let x = cx - half; x < cx + half; x++) {
					for (let c = 0; c < 3; c++) {
						sum[c] = (sum[c] as number) + (data[(y * width + x) * 4 + c] as number);
					}
				}
			}
			return sum.map((value) => value / (4 * half * half));
		};
		const cell = (i: number): number[] => middleOf(png.data, 1600, Math.round(4 + i * (cellWidth + 4) + cellWidth / 2), 100, 20);
		const image = middleOf(start.data, 320, 160, 90, 12);
		const distance = (a: number[], b: number[]): number => Math.max(...a.map((value, c) => Math.abs(value - (b[c] as number))));
		expect(distance(cell(0), image)).toBeLessThan(8);
		expect(distance(cell(1), image)).toBeLessThan(8);
		// The start image is outlined in yellow (#ffd23f) to tell it from the take's own frames.
		const [r, g, b] = [...png.data.subarray((100 * 1600 + 2) * 4, (100 * 1600 + 2) * 4 + 3)];
		expect([r, g, b].map((value) => Math.round((value as number) / 16))).toEqual([16, 13, 4]);
	}, 300_000);

	test('plans slots on the demo from its compiled timeline, in each video\'s aspect, writing nothing', async () => {
		const registryFile = path.join(root, 'public/takes/takes.json');
		const before = existsSync(registryFile) ? readFileSync(registryFile, 'utf8') : null;
		const landscape = await songreel(root, process.env, 'generate', '--for', 'DemoVideo', '--compositions', 'test/fixtures/generate-compositions.ts', '--dry-run');
		expect(landscape.code).toBe(0);
		// verse-1/1: bar 5 (frame 275) to bar 6 (339) and half of the 1-beat fade into verse-1 before it: 72 frames.
		expect(landscape.stdout).toContain('DemoVideo-verse-1-1        verse-1/1    slot 2.40 s (72 frames), clip 2.40 s -> asks 3 s 960x540  3 new, 0 to resume  $0.00');
		expect(landscape.stdout).toContain('lyric: "Paper skies above the city"');
		// The shot list's prompt as the template, the section and lyric filled in, then the style bible.
		expect(landscape.stdout).toContain('prompt: "Mara watches the sunrise over paper mountains from a rooftop, verse-1: Paper skies above the city | Mara: a y…"');
		expect(landscape.stdout).toContain('DemoVideo-verse-1-2        verse-1/2    slot 2.17 s (65 frames), clip 2.17 s -> asks 3 s 960x540  2 new after the pick (waits for a pick of "DemoVideo-verse-1-1")');
		const vertical = await songreel(root, process.env, 'generate', '--for', 'DemoVertical', '--compositions', 'test/fixtures/generate-compositions.ts', '--dry-run');
		// The shot list's 960x540 is not 9:16: the vertical cut gets clips of its own size.
		expect(vertical.stdout).toContain('DemoVertical-verse-1-1     verse-1/1    slot 2.40 s (72 frames), clip 2.40 s -> asks 3 s 720x1280');
		expect(existsSync(registryFile) ? readFileSync(registryFile, 'utf8') : null).toBe(before);
	});

	test('before any take the slots show the background, with a warning saying how to fill them', async () => {
		const dir = makeProject();
		const {code, stderr} = await songreel(dir, process.env, 'check');
		expect(code).toBe(0);
		expect(stderr).toContain(`warning: remotion/compositions.ts: videos.Small.sections.verse-1.shots[1].generate: ${timelineMessages.generatedSlotEmpty('Small-verse-1-2', 'Small')}`);
	});

	test('--no-pick leaves the choice to the user: the continuing slot waits, and the run says what to do', async () => {
		const dir = makeProject();
		const run = await songreel(dir, process.env, 'generate', '--for', 'Small', '--no-pick');
		expect(run.code).toBe(1);
		expect(run.stdout.trim().split('\n').at(-1)).toContain('1 slot waits for a pick (Small-verse-1-3 after Small-verse-1-2): "songreel pick <shot> <take>", then run "songreel generate --for Small" again');
		expect((await readRegistry(path.join(dir, 'public/takes/takes.json'))).takes.map((t) => t.id)).toEqual(['Small-verse-1-2/t1', 'Small-verse-1-2/t2']);
		expect((await songreel(dir, process.env, 'pick', 'Small-verse-1-2', 't1')).code).toBe(0);
		const after = await songreel(dir, process.env, 'generate', '--for', 'Small', '--no-pick');
		expect(after.stdout).toContain('starts from the last frame shown of Small-verse-1-2 (takes/Small-verse-1-2/t1.mp4 at 2.67 s)');
		expect((await readRegistry(path.join(dir, 'public/takes/takes.json'))).takes.map((t) => t.id)).toContain('Small-verse-1-3/t1');
	});

	test('through an OpenAI-compatible /v1/videos gateway: priced estimate, lengths asked, and the start frame sent as input_reference', async () => {
		const server = await startFakeVideosServer({jobMs: 150, pricePerSecondUsd: 0.25});
		cleanups.push(() => server.close());
		const dir = makeProject({
			shotList: `export default {styleBible: {look: 'paper cut'}, defaults: {takes: 1, size: '640x360', provider: 'openai', model: 'gateway-video', pricePerSecondUsd: 0.25, concurrency: 2}, shots: [{id: 'unused', prompt: 'x'}]};\n`,
		});
		const env = {...process.env, OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'test', SONGREEL_FIRST_POLL_MS: '40', SONGREEL_MAX_POLL_MS: '80', SONGREEL_RETRY_BASE_MS: '30'};
		const dry = await songreel(dir, env, 'generate', '--for', 'Small', '--dry-run');
		// Two takes of 3 s and one of 5 s at $0.25 a second; the shot list's 640x360 is in the video's aspect.
		expect(dry.stdout).toContain('asks 3 s 640x360  2 new, 0 to resume  $1.50');
		expect(dry.stdout).toContain('estimated $2.75 ($1.25 of it once the picks they wait for exist)');
		const over = await songreel(dir, env, 'generate', '--for', 'Small', '--budget-usd', '2.00');
		expect(over.code).toBe(1);
		expect(over.stderr).toContain('refusing to start: the estimate $2.75 is over the budget $2.00');
		expect(server.counters.createRequests).toBe(0);
		const run = await songreel(dir, env, 'generate', '--for', 'Small');
		expect(run.stderr).not.toMatch(/\s+at .*\.ts:\d+/);
		expect(run.code).toBe(0);
		const jobs = [...server.jobs.values()].sort((a, b) => a.createdAt - b.createdAt);
		expect(jobs.map((job) => [job.seconds, job.size, job.inputReference === null ? null : job.inputReference?.type])).toEqual([
			[3, '640x360', null],
			[3, '640x360', null],
			[5, '640x360', 'image/png'],
		]);
		const registry = await readRegistry(path.join(dir, 'public/takes/takes.json'));
		const sent = jobs[2]?.inputReference?.bytes as Buffer;
		const startImage = registry.takes.find((t) => t.shotId === 'Small-verse-1-3')?.params.referenceImage as string;
		expect(sent.equals(readFileSync(path.join(dir, 'public', startImage)))).toBe(true);
		expect(registry.ledger.reduce((sum, entry) => sum + entry.usd, 0)).toBeCloseTo(2.75, 9);
	});
});
