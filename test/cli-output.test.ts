// The command line for scripts and people: --json documents (parsed here, nothing else on stdout), one name per option
// meaning with the old spellings warned about, and progress on stderr for long commands.
import {execFile} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, describe, expect, onTestFinished, test} from 'vitest';
import {cliMessages} from '../src/cli/cli-messages.ts';
import type {CheckJson, RenderJson, StatsJson, TakesJson} from '../src/cli/json-output.ts';
import {deprecationWarning} from '../src/cli/options.ts';
import type {Registry} from '../src/takes/take-schema.ts';
import {runSongreel} from './helpers/run-songreel.ts';

const root = path.resolve(__dirname, '..');
const outDir = mkdtempSync(path.join(os.tmpdir(), 'songreel-cli-output-'));
afterAll(() => rmSync(outDir, {recursive: true, force: true}));

const songreel = runSongreel;

describe('--json', () => {
	test('check prints one document describing every video, and nothing else on stdout', async () => {
		const {code, stdout} = await songreel(['check', '--json']);
		expect(code).toBe(0);
		const document = JSON.parse(stdout) as CheckJson;
		expect(document.version).toBe(1);
		expect(document.ok).toBe(true);
		expect(document.problems).toEqual([]);
		// Every deliverable is compiled too, each its own entry.
		expect(document.videos.map((video) => [video.id, video.deliverable, video.width, video.height])).toEqual([
			['DemoVideo', null, 1280, 720],
			['DemoVideo', 'vertical', 1080, 1920],
			['DemoVideo', 'square', 1080, 1080],
			['DemoVertical', null, 720, 1280],
		]);
		expect(document.videos[0]).toMatchObject({width: 1280, height: 720, fps: 30, durationInFrames: 1477, durationInSeconds: 49.233, sections: 6, shots: 21, transitions: 8, lyricLines: 14});
		// A deliverable shares its video's edit.
		expect(document.videos[1]).toMatchObject({durationInFrames: 1477, shots: 21, transitions: 8, lyricLines: 14});
	});

	test('check lists the problems in the document too, prints them one a line on stderr, and exits 1', async () => {
		const {code, stdout, stderr} = await songreel(['check', '--json', '--compositions', 'test/fixtures/broken-compositions.ts']);
		expect(code).toBe(1);
		const document = JSON.parse(stdout) as CheckJson;
		expect(document.ok).toBe(false);
		const lines = stderr.trim().split('\n');
		expect(document.problems.map((problem) => `${problem.file}: ${problem.path}: ${problem.message}`)).toEqual(lines);
		expect(document.problems[0]).toMatchObject({file: 'test/fixtures/broken-compositions.ts', path: 'videos[0].sections.intro.shots[0].lengthInBeats', fix: null});
	});

	test('a command-line mistake is one line on stderr, exit 1, and nothing on stdout', async () => {
		const {code, stdout, stderr} = await songreel(['check', '--json', '--crf', 'x']);
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr.trim().split('\n')).toEqual([`command line: --crf: ${cliMessages.notAnInteger('x')}`]);
	});

	test('takes gives every take of the registry with its pick, facts, cost, QC and use', async () => {
		const registry = JSON.parse(readFileSync(path.join(root, 'public/takes/takes.json'), 'utf8')) as Registry;
		const {code, stdout} = await songreel(['takes', '--json']);
		expect(code).toBe(0);
		const document = JSON.parse(stdout) as TakesJson;
		expect(document.takes.map((take) => take.id)).toEqual(registry.takes.map((take) => take.id));
		for (const take of document.takes) {
			const stored = registry.takes.find((t) => t.id === take.id);
			expect(take.picked).toBe(registry.picks[take.shotId] === take.id);
			expect(take.width).toBe(stored?.facts?.width ?? null);
			expect(take.qc?.score ?? null).toBe(stored?.qc?.score ?? null);
		}
		// The demo plays outro-skyline/t1 in both videos (named by take id in the compositions file).
		expect(document.takes.find((take) => take.id === 'outro-skyline/t1')?.usedIn).toEqual(['DemoVertical', 'DemoVideo']);
		const one = await songreel(['takes', 'bridge-sunrise', '--json']);
		expect((JSON.parse(one.stdout) as TakesJson).takes.every((take) => take.shotId === 'bridge-sunrise')).toBe(true);
	});

	test('stats gives the counts, money and seconds as numbers', async () => {
		const registry = JSON.parse(readFileSync(path.join(root, 'public/takes/takes.json'), 'utf8')) as Registry;
		const {code, stdout} = await songreel(['stats', '--json']);
		expect(code).toBe(0);
		const document = JSON.parse(stdout) as StatsJson;
		expect(document.takes.generated).toBe(registry.takes.length);
		expect(document.takes.complete).toBe(registry.takes.filter((take) => take.status === 'complete').length);
		expect(document.pickedShots).toBe(Object.keys(registry.picks).length);
		expect(document.usedSeconds).toBeGreaterThan(0);
		expect(typeof document.billedInUsd).toBe('number');
	});

	test('render prints one document for the files it wrote; the old --concurrency still works with a warning naming --tabs', async () => {
		const target = path.join(outDir, 'json.mp4');
		const {code, stdout, stderr} = await songreel(['render', 'DemoVideo', '--frames', '0-7', '--scale', '0.25', '--out', target, '--json', '--concurrency', '1']);
		expect(code).toBe(0);
		expect(stderr).toContain(`warning: ${deprecationWarning('concurrency', 'tabs')}`);
		const document = JSON.parse(stdout) as RenderJson;
		expect(document.videos).toHaveLength(1);
		const [video] = document.videos;
		expect(video).toMatchObject({id: 'DemoVideo', deliverable: null, engine: 'remotion', frames: 8, chunks: null, loudness: null});
		expect(path.resolve(video?.output ?? '')).toBe(target);
		expect(video?.sizeInBytes).toBeGreaterThan(1000);
		expect(video?.sidecars.map((file) => path.basename(file)).sort()).toEqual(['json.credits.json', 'json.credits.md', 'json.lrc', 'json.srt', 'json.vtt']);
	}, 180_000);
});

describe('one meaning per option name', () => {
	test('refuses an old name given with its new one', async () => {
		const {code, stdout, stderr} = await songreel(['render', 'DemoVideo', '--concurrency', '2', '--workers', '2']);
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr.trim()).toBe(`command line: --concurrency: ${cliMessages.bothOldAndNewOption('--concurrency', '--workers')}`);
	});

	test('generate takes --jobs, and --concurrency with a warning naming --jobs', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'songreel-jobs-'));
		try {
			mkdirSync(path.join(dir, 'remotion'));
			mkdirSync(path.join(dir, 'public'));
			writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}\n');
			writeFileSync(path.join(dir, 'remotion/shots.ts'), "export default {styleBible: {look: 'noir'}, defaults: {takes: 1, lengthInSeconds: 1, size: '320x180'}, shots: [{id: 'alley', prompt: 'a rainy alley'}]};\n");
			const renamed = await songreel(['generate', '--dry-run', '--jobs', '3'], {cwd: dir});
			expect(renamed.code).toBe(0);
			expect(renamed.stderr).toBe('');
			const old = await songreel(['generate', '--dry-run', '--concurrency', '3'], {cwd: dir});
			expect(old.code).toBe(0);
			expect(old.stderr.trim()).toBe(`warning: ${deprecationWarning('concurrency', 'jobs')}`);
			expect(old.stdout).toBe(renamed.stdout);
			const both = await songreel(['generate', '--dry-run', '--concurrency', '3', '--jobs', '3'], {cwd: dir});
			expect(both.code).toBe(1);
			expect(both.stderr.trim()).toBe(`command line: --concurrency: ${cliMessages.bothOldAndNewOption('--concurrency', '--jobs')}`);
			expect(existsSync(path.join(dir, 'public/takes/takes.json'))).toBe(false);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	}, 60_000);
});

describe('progress of long commands', () => {
	test('export says what it is doing on stderr, a plain line per phase when stderr is not a terminal', async () => {
		const target = path.join(outDir, 'cut.edl');
		const {code, stdout, stderr} = await songreel(['export', 'DemoVideo', '--format', 'edl', '--out', target]);
		expect(code).toBe(0);
		expect(stdout).toMatch(/^wrote .*cut\.edl/);
		const lines = stderr.trim().split('\n');
		expect(lines[0]).toMatch(/^export DemoVideo: loading the project \(0:\d\d\)$/);
		expect(lines).toContainEqual(expect.stringMatching(/^export DemoVideo: probing media (\d+)\/\1 \(0:\d\d\)$/));
		expect(lines.at(-1)).toMatch(/^export DemoVideo: writing edl \(0:\d\d\)$/);
		// No terminal control characters in a log.
		expect(stderr).not.toMatch(/[\r\u001b]/);
	}, 60_000);
});

describe('every aspect ratio from one edit', () => {
	test('renders a deliverable with each shot reframed around its focus point, not centre-cropped', async () => {
		const publicDir = path.join(root, 'public/test-focus');
		mkdirSync(publicDir, {recursive: true});
		onTestFinished(() => rmSync(publicDir, {recursive: true, force: true}));
		const ffmpeg = (...args: string[]) => promisify(execFile)('ffmpeg', ['-v', 'error', '-y', ...args]);
		await ffmpeg('-f', 'lavfi', '-i', 'color=red:s=320x180:d=5:r=30', '-vf', 'drawbox=x=160:y=0:w=160:h=180:color=blue:t=fill', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', path.join(publicDir, 'split.mp4'));
		await ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=4', path.join(publicDir, 'song.wav'));
		const target = path.join(outDir, 'tall.mp4');
		const {code, stdout, stderr} = await songreel(['render', 'Focus', '--compositions', 'test/fixtures/focus-compositions.ts', '--deliverable', 'tall', '--out', target, '--cache', path.join(outDir, 'focus-cache'), '--json']);
		expect(stderr).not.toContain('Error');
		expect(code).toBe(0);
		const [video] = (JSON.parse(stdout) as RenderJson).videos;
		expect(video).toMatchObject({id: 'Focus', deliverable: 'tall', width: 90, height: 160, frames: 120});
		// Drawn without the browser: each clip decoded whole and placed around its focus point.
		expect(video?.chunks?.directFrames).toBe(120);
		const frameAt = async (frame: number): Promise<Buffer> =>
			(await promisify(execFile)('ffmpeg', ['-v', 'error', '-i', target, '-vf', `select=eq(n\\,${frame})`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {encoding: 'buffer', maxBuffer: 1 << 24})).stdout;
		const share = (pixels: Buffer, channel: 0 | 2): number => {
			let count = 0;
			for (let i = 0; i < pixels.length; i += 3) {
				count += (pixels[i + channel] as number) > 150 && (pixels[i + 2 - channel] as number) < 100 ? 1 : 0;
			}
			return count / (pixels.length / 3);
		};
		// Frame 30 (left focus): all red. Frame 90 (right focus): all blue. A centre crop would be half and half.
		const left = await frameAt(30);
		const right = await frameAt(90);
		expect(left.length).toBe(90 * 160 * 3);
		expect(share(left, 0)).toBeGreaterThan(0.95);
		expect(share(right, 2)).toBeGreaterThan(0.95);
	}, 300_000);

	test('names the deliverables a video has when asked for one it does not', async () => {
		const {code, stdout, stderr} = await songreel(['render', 'DemoVideo', '--deliverable', 'banner']);
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr.trim().split('\n')).toEqual([
			'command line: --deliverable: video "DemoVideo" has no deliverable "banner"; its deliverables are "vertical", "square"; declare it in remotion/compositions.ts (videos: [{id: \'DemoVideo\', deliverables: [{id: \'banner\', width: 1080, height: 1920}]}]) or use --deliverable all',
		]);
	});
});
