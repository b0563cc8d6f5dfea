import {spawn} from 'node:child_process';
import {copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PNG} from 'pngjs';
import {afterAll, describe, expect, test} from 'vitest';
import {specMessages} from '../src/schemas/messages.ts';
import {timelineMessages} from '../src/timeline/messages.ts';
import {runSongreel, type SongreelRun} from './helpers/run-songreel.ts';

const root = path.resolve(__dirname, '..');
const outDir = mkdtempSync(path.join(os.tmpdir(), 'songreel-cli-'));

afterAll(() => rmSync(outDir, {recursive: true, force: true}));

const songreel = async (...args: string[]): Promise<{code: number; stdout: string; stderr: string}> => songreelWithEnv(process.env, ...args);

const songreelWithEnv = (env: NodeJS.ProcessEnv, ...args: string[]): Promise<SongreelRun> => runSongreel(args, {env});

describe('songreel check', () => {
	test('summarises every composition of a valid project', async () => {
		const {code, stdout} = await songreel('check');
		expect(code).toBe(0);
		expect(stdout).toContain('DemoVideo: 1280x720 at 30 fps, 1477 frames (0:49), 6 sections, 21 shots, 8 transitions, 14 lyric lines');
		expect(stdout).toContain('DemoVertical: 720x1280');
	});

	test('prints every shape problem, one a line, and exits 1 without a stack trace', async () => {
		const {code, stderr} = await songreel('check', '--compositions', 'test/fixtures/broken-compositions.ts');
		expect(code).toBe(1);
		expect(stderr.trim().split('\n')).toEqual([
			`test/fixtures/broken-compositions.ts: videos[0].sections.intro.shots[0].lengthInBeats: ${specMessages.mustBePositive(-2)}`,
			`test/fixtures/broken-compositions.ts: videos[0].sections.verse-1.shots[0].fit: ${specMessages.oneOf(['cover', 'contain'], 'stretch')}`,
		]);
	});

	test('prints meaning problems with a fix, and a count', async () => {
		const {code, stderr} = await songreel('check', '--compositions', 'test/fixtures/missing-clip-compositions.ts');
		expect(code).toBe(1);
		expect(stderr).toContain(`videos.Missing.sections.intro.shots[0].clip: ${timelineMessages.clipMissing('demo/clips/nowhere.mp4', `no file at ${path.join(root, 'public/demo/clips/nowhere.mp4')}`)}; ${timelineMessages.clipMissingFix()}`);
		expect(stderr).toContain(`videos.Missing.sections.verse-1: ${timelineMessages.sectionWithoutPlan('verse-1')}`);
		expect(stderr).toMatch(/\n6 problems; nothing rendered\n$/);
		expect(stderr).not.toMatch(/\s+at .*\.ts:\d+/);
	});

	test('names the compositions when asked for one that does not exist', async () => {
		const {code, stderr} = await songreel('check', 'Nope');
		expect(code).toBe(1);
		expect(stderr).toContain('no composition "Nope"; the compositions are "DemoVideo", "DemoVertical"');
	});
});

describe('songreel analyze', () => {
	test('prints one JSON object for scripts, and --write keeps hand edits on the next run', async () => {
		const {code, stdout} = await songreel('analyze', 'public/demo/song.wav', '--json');
		expect(code).toBe(0);
		const analysis = JSON.parse(stdout) as {bpm: number; beatsPerBar: number; beatsInSeconds: number[]; downbeatsInSeconds: number[]; sections: unknown[]};
		expect(Math.round(analysis.bpm)).toBe(112);
		expect(analysis.beatsPerBar).toBe(4);
		expect(analysis.downbeatsInSeconds.length * 4).toBeLessThanOrEqual(analysis.beatsInSeconds.length + 4);
		const audio = path.join(outDir, 'song.wav');
		copyFileSync(path.join(root, 'public/demo/song.wav'), audio);
		expect((await songreel('analyze', audio, '--write')).code).toBe(0);
		const written = path.join(outDir, 'song.analysis.json');
		const first = JSON.parse(readFileSync(written, 'utf8')) as {tempo: {bpm: number}};
		writeFileSync(written, JSON.stringify({...first, tempo: {...first.tempo, bpm: 112}}));
		const second = await songreel('analyze', audio, '--write');
		expect(second.stderr).toContain('kept your bpm');
		expect((JSON.parse(readFileSync(written, 'utf8')) as {tempo: {bpm: number}}).tempo.bpm).toBe(112);
	});

	test('names a file it cannot decode', async () => {
		const bad = path.join(outDir, 'not-audio.mp3');
		writeFileSync(bad, 'hello');
		const {code, stderr} = await songreel('analyze', bad);
		expect(code).toBe(1);
		expect(stderr).toMatch(/not-audio\.mp3: cannot decode/);
	});
});

describe('songreel contact-sheet', () => {
	test('renders a row of stills for every complete take of a shot', async () => {
		const target = path.join(outDir, 'sheet.png');
		const {code, stdout, stderr} = await songreel('contact-sheet', 'bridge-sunrise', '--out', target);
		expect(code).toBe(0);
		expect(stdout).toContain('wrote');
		// Progress on stderr, plain lines (not a terminal here): one per phase, and one every 10 s while a phase waits.
		expect(stderr).toMatch(/^contact sheet bridge-sunrise: bundling, % 0\/100 \(0:00\)\n/);
		expect(stderr).toMatch(/\ncontact sheet bridge-sunrise: opening the browser \(\d+:\d\d\)\n(contact sheet bridge-sunrise: drawing the sheet \(\d+:\d\d\)\n)+$/);
		const png = PNG.sync.read(readFileSync(target));
		expect([png.width, png.height]).toEqual([1600, 3 * 184]);
	});

	test('names the shots that have takes when asked for one the registry does not know (often a typo)', async () => {
		const {code, stderr} = await songreel('contact-sheet', 'bridge-sunrse');
		expect(code).toBe(1);
		expect(stderr).toContain('shot "bridge-sunrse" has no complete takes; shots with complete takes: bridge-sunrise, outro-skyline');
	});
});

describe('songreel render', () => {
	test('renders a few frames atomically and ends with a summary', async () => {
		const target = path.join(outDir, 'few.mp4');
		const {code, stdout, stderr} = await songreel('render', 'DemoVideo', '--frames', '0-7', '--scale', '0.25', '--out', target);
		expect(stderr).toContain('DemoVideo [');
		expect(code).toBe(0);
		expect(stdout).toMatch(/wrote .*few\.mp4: 8 frames in [\d.]+ s \([\d.]+ fps; bundling [\d.]+ s, wall [\d.]+ s\), \d+ KiB; lyrics: lrc, srt, vtt/);
		// The sidecars carry the lyrics as the video shows them, frame-rounded: 275 / 30 fps.
		expect(readFileSync(path.join(outDir, 'few.srt'), 'utf8')).toMatch(/^1\n00:00:09,167 --> 00:00:11,300\nPaper skies above the city\n/);
		expect(readFileSync(path.join(outDir, 'few.lrc'), 'utf8')).toMatch(/^\[00:09\.17\]<00:09\.17>Paper <00:09\.43>skies/);
		expect(readFileSync(path.join(outDir, 'few.vtt'), 'utf8')).toMatch(/^WEBVTT\n/);
		expect(statSync(target).size).toBeGreaterThan(1000);
		expect(readdirSync(outDir).filter((name) => name.includes('.tmp-'))).toEqual([]);
	});

	test('refuses --lambda at once, offline, when AWS is not set up, and says what to set', async () => {
		const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(REMOTION_)?AWS_/.test(name)));
		const {code, stderr} = await songreelWithEnv(env, 'render', 'DemoVideo', '--lambda');
		expect(code).toBe(1);
		expect(stderr).toContain('environment: REMOTION_AWS_ACCESS_KEY_ID: no AWS credentials for --lambda');
		expect(stderr).toContain('environment: REMOTION_AWS_REGION: no AWS region for --lambda');
	});

	test('rejects an unknown x264 preset or engine with the choices', async () => {
		const preset = await songreel('render', 'DemoVideo', '--preset', 'quick');
		expect(preset.code).toBe(1);
		expect(preset.stderr).toContain('command line: --preset: expected one of ultrafast, superfast, veryfast');
		const engine = await songreel('render', 'DemoVideo', '--engine', 'gpu');
		expect(engine.stderr).toContain('command line: --engine: expected one of chunks, remotion, got "gpu"');
	});

	test('stops on Ctrl-C with the chunks engine: exit 130, no output, no temp files', async () => {
		const target = path.join(outDir, 'interrupted.mp4');
		const cache = path.join(outDir, 'interrupted-cache');
		const child = spawn(process.execPath, [path.join(root, 'bin/songreel.js'), 'render', 'DemoVideo', '--out', target, '--cache', cache], {cwd: root});
		let stderr = '';
		const code = await new Promise<number | null>((resolve) => {
			child.stderr.on('data', (chunk: Buffer) => {
				stderr += chunk.toString();
				// Interrupt once frames are being made.
				if (/DemoVideo \(\d+ chunks\) \[[#-]+\] [1-9]/.test(stderr) && !child.killed) {
					child.kill('SIGINT');
				}
			});
			child.on('close', resolve);
		});
		// Remotion's browser runner exits with 130 on Ctrl-C itself; songreel's exit hook has removed the temp files by then.
		expect(stderr).toContain('stopping: finished chunks stay in the cache');
		expect(code).toBe(130);
		expect(existsSync(target)).toBe(false);
		expect(readdirSync(outDir).filter((name) => name.includes('.tmp-'))).toEqual([]);
		expect(existsSync(cache) ? readdirSync(cache).filter((name) => name.includes('.tmp-')) : []).toEqual([]);
	}, 120_000);

	test('leaves nothing at the output path when the render fails', async () => {
		const target = path.join(outDir, 'failed.mp4');
		const {code} = await songreel('render', 'DemoVideo', '--frames', '5000-5001', '--out', target);
		expect(code).not.toBe(0);
		expect(existsSync(target)).toBe(false);
		expect(readdirSync(outDir).filter((name) => name.includes('.tmp-'))).toEqual([]);
	});
});
