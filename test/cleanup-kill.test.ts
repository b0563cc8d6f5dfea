import {type ChildProcess, spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {removeStaleFiles} from '../src/render/cleanup/remove-stale-files.ts';

const root = path.resolve(__dirname, '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'songreel-kill-'));
afterAll(() => rmSync(work, {recursive: true, force: true}));

type Render = {readonly child: ChildProcess; readonly output: () => string; readonly exited: Promise<number | null>};

const startSongreel = (args: readonly string[]): Render => {
	const child = spawn(process.execPath, [path.join(root, 'bin/songreel.js'), ...args], {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return {child, output: () => output, exited};
};

const startRender = (args: readonly string[]): Render => startSongreel(['render', 'DemoVideo', ...args]);

const waitFor = async (what: string, ready: () => boolean, timeoutInMs = 200_000): Promise<void> => {
	const until = Date.now() + timeoutInMs;
	while (!ready()) {
		if (Date.now() > until) {
			throw new Error(`timed out waiting for ${what}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
};

// Every process a render starts inherits its run id; /proc shows which still carry it.
const processesOf = (pid: number): string[] =>
	readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.flatMap((name) => {
			try {
				const environ = readFileSync(`/proc/${name}/environ`, 'latin1').split('\0');
				return environ.some((entry) => entry.startsWith(`SONGREEL_RUN_ID=${pid}-`)) ? [`${name} ${readFileSync(`/proc/${name}/cmdline`, 'latin1').split('\0')[0]}`] : [];
			} catch {
				return [];
			}
		});

const runFoldersOf = (pid: number): string[] => readdirSync(os.tmpdir()).filter((name) => name.startsWith(`songreel-run-${pid}-`));
const partials = (folder: string): string[] => (existsSync(folder) ? readdirSync(folder).filter((name) => name.includes('.tmp-')) : []);

// What is left once the watchdog has had its moment: processes, the run folder, partial outputs.
const leftAfter = async (render: Render, outDir: string): Promise<{processes: string[]; folders: string[]; partialOutputs: string[]}> => {
	const pid = render.child.pid as number;
	await render.exited;
	await waitFor('the watchdog', () => processesOf(pid).length === 0 && runFoldersOf(pid).length === 0, 10_000).catch(() => undefined);
	return {processes: processesOf(pid), folders: runFoldersOf(pid), partialOutputs: partials(outDir)};
};

const NOTHING = {processes: [], folders: [], partialOutputs: []};

describe.skipIf(process.platform !== 'linux')('a render that is killed leaves nothing behind', () => {
	test('killed with SIGKILL while bundling', async () => {
		const outDir = path.join(work, 'bundling');
		const render = startRender(['--engine', 'remotion', '--frames', '0-60', '--scale', '0.25', '--out', path.join(outDir, 'a.mp4')]);
		await waitFor('bundling', () => render.output().includes('bundling…'));
		await waitFor('the bundle folder', () => runFoldersOf(render.child.pid as number).some((name) => readdirSync(path.join(os.tmpdir(), name)).some((entry) => entry.startsWith('remotion-webpack-bundle-'))));
		render.child.kill('SIGKILL');
		expect(await leftAfter(render, outDir)).toEqual(NOTHING);
	});

	test('killed with SIGKILL while the browser renders frames', async () => {
		const outDir = path.join(work, 'frames');
		const render = startRender(['--engine', 'remotion', '--frames', '0-200', '--scale', '0.25', '--out', path.join(outDir, 'a.mp4')]);
		await waitFor('frames', () => /DemoVideo \[/.test(render.output()));
		await waitFor('the browser', () => processesOf(render.child.pid as number).some((line) => /chrom/i.test(line)));
		render.child.kill('SIGKILL');
		expect(await leftAfter(render, outDir)).toEqual(NOTHING);
	});

	test('stopped with Ctrl-C while the browser renders frames: exit 130, bundle and assets removed', async () => {
		const outDir = path.join(work, 'interrupt');
		const render = startRender(['--engine', 'remotion', '--frames', '0-200', '--scale', '0.25', '--out', path.join(outDir, 'a.mp4')]);
		await waitFor('frames', () => /DemoVideo \[/.test(render.output()));
		render.child.kill('SIGINT');
		expect(await render.exited).toBe(130);
		expect(await leftAfter(render, outDir)).toEqual(NOTHING);
	});

	test.each([
		['while Remotion bundles', 'contact sheet bridge-sunrise: bundling'],
		['while the browser draws', 'contact sheet bridge-sunrise: drawing the sheet'],
	])('a contact sheet stopped with Ctrl-C %s: exit 130, nothing written, nothing left', async (_when, line) => {
		const outDir = path.join(work, 'contact-sheet');
		const sheet = startSongreel(['contact-sheet', 'bridge-sunrise', '--out', path.join(outDir, 'sheet.png')]);
		await waitFor(line, () => sheet.output().includes(line));
		sheet.child.kill('SIGINT');
		expect(await sheet.exited).toBe(130);
		expect(sheet.output()).toContain('stopping: nothing is written');
		expect(await leftAfter(sheet, outDir)).toEqual(NOTHING);
		expect(existsSync(path.join(outDir, 'sheet.png'))).toBe(false);
	});

	test('killed with SIGKILL mid-chunk; the next run removes the partial chunks', async () => {
		const outDir = path.join(work, 'chunks-out');
		const cache = path.join(work, 'chunks-cache');
		const render = startRender(['--chunk-seconds', '2', '--browser-only', '--out', path.join(outDir, 'a.mp4'), '--cache', cache]);
		await waitFor('a partial chunk', () => partials(cache).length > 0);
		render.child.kill('SIGKILL');
		expect(await leftAfter(render, outDir)).toEqual(NOTHING);
		// The killed run's partial files (named with its pid).
		const ofKilledRun = (): string[] => partials(cache).filter((name) => name.includes(`.tmp-${render.child.pid}`));
		expect(ofKilledRun().length).toBeGreaterThan(0);

		const next = startRender(['--chunk-seconds', '2', '--browser-only', '--out', path.join(outDir, 'a.mp4'), '--cache', cache]);
		await waitFor('the next run to clean up', () => next.output().includes('removed what an interrupted render left'));
		next.child.kill('SIGKILL');
		expect(await leftAfter(next, outDir)).toEqual(NOTHING);
		// Gone. The next run, killed in turn, may have begun files of its own (the song's encoding starts at once):
		// those are the run after's to remove.
		expect(ofKilledRun()).toEqual([]);
	});
});

describe('removing what dead renders left', () => {
	test('removes run folders and partial files of dead pids only', async () => {
		const tmpDir = path.join(work, 'tmp');
		const cache = path.join(work, 'cache');
		mkdirSync(tmpDir, {recursive: true});
		mkdirSync(cache, {recursive: true});
		// A pid that cannot be running: above the kernel's pid_max default and Node's own.
		const dead = 4_194_304 + 17;
		for (const name of [`songreel-run-${dead}-abc123`, `songreel-run-${process.pid}-def456`, 'remotion-webpack-bundle-xyz']) {
			mkdirSync(path.join(tmpDir, name, 'inside'), {recursive: true});
		}
		for (const name of [`k.mp4.tmp-${dead}-0.mp4`, `k.mp4.tmp-${process.pid}-0.mp4`, 'k.mp4', `song.m4a.tmp-${dead}.m4a`]) {
			writeFileSync(path.join(cache, name), '');
		}
		const removed = await removeStaleFiles({folders: [cache], tmpDir});
		expect(removed.runFolders.map((f) => path.basename(f))).toEqual([`songreel-run-${dead}-abc123`]);
		expect(removed.partialFiles.map((f) => path.basename(f)).sort()).toEqual([`k.mp4.tmp-${dead}-0.mp4`, `song.m4a.tmp-${dead}.m4a`]);
		expect(readdirSync(tmpDir).sort()).toEqual(['remotion-webpack-bundle-xyz', `songreel-run-${process.pid}-def456`]);
	});
});
