import {type ChildProcess, execFile, spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterEach, describe, expect, test} from 'vitest';
import {readRegistry} from '../src/takes/registry-store.ts';
import {startFakeVideosServer} from './fake-videos-server.ts';

const root = path.resolve(__dirname, '..');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) {
		await cleanup();
	}
});

/** A throwaway project with a shot list of two shots × three 1-second takes at $0.25 a second. */
const makeProject = (): string => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'songreel-project-'));
	cleanups.push(() => rmSync(dir, {recursive: true, force: true}));
	mkdirSync(path.join(dir, 'remotion'));
	mkdirSync(path.join(dir, 'public'));
	writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}\n');
	writeFileSync(
		path.join(dir, 'remotion/shots.ts'),
		`export default {
	styleBible: {look: 'noir'},
	defaults: {takes: 3, lengthInSeconds: 1, size: '320x180', provider: 'openai', model: 'gateway-video', pricePerSecondUsd: 0.25, concurrency: 2},
	shots: [{id: 'alley', prompt: 'a rainy alley'}, {id: 'neon', prompt: 'a neon sign flickers'}],
};\n`,
	);
	return dir;
};

const envFor = (baseURL: string): NodeJS.ProcessEnv => ({...process.env, OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: 'test', SONGREEL_FIRST_POLL_MS: '40', SONGREEL_MAX_POLL_MS: '80', SONGREEL_RETRY_BASE_MS: '30'});

const songreel = async (cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): Promise<{code: number; stdout: string; stderr: string}> => {
	try {
		const {stdout, stderr} = await promisify(execFile)(process.execPath, [path.join(root, 'bin/songreel.js'), ...args], {cwd, env});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const failed = error as {code: number; stdout: string; stderr: string};
		return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr};
	}
};

const waitFor = async (condition: () => boolean, timeoutInMs = 60_000): Promise<void> => {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutInMs) {
			throw new Error('timed out waiting');
		}
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
};

describe('songreel generate', () => {
	test('--dry-run prints the plan and its cost and submits nothing', async () => {
		const server = await startFakeVideosServer();
		cleanups.push(() => server.close());
		const dir = makeProject();
		const {code, stdout} = await songreel(dir, envFor(server.baseURL), 'generate', '--dry-run');
		expect(code).toBe(0);
		expect(stdout).toContain('alley                      3 new,   0 to resume  3 s  $0.75');
		expect(stdout).toContain('total: 6 new takes (6 s), 0 to resume, estimated $1.50');
		expect(stdout).toContain('dry run: nothing submitted');
		expect(server.counters.createRequests).toBe(0);
		expect(existsSync(path.join(dir, 'public/takes/takes.json'))).toBe(false);
	});

	test('refuses a run whose estimate is over the budget, submitting nothing', async () => {
		const server = await startFakeVideosServer();
		cleanups.push(() => server.close());
		const {code, stderr} = await songreel(makeProject(), envFor(server.baseURL), 'generate', '--budget-usd', '1.00');
		expect(code).toBe(1);
		expect(stderr).toContain('refusing to start: the estimate $1.50 is over the budget $1.00');
		expect(server.counters.createRequests).toBe(0);
	});

	test('explains what the openai provider needs when its endpoint is not set', async () => {
		const {code, stderr} = await songreel(makeProject(), {...process.env, OPENAI_BASE_URL: '', OPENAI_API_KEY: ''}, 'generate');
		expect(code).toBe(1);
		expect(stderr).toContain('command line: --provider: the openai provider needs OPENAI_BASE_URL and OPENAI_API_KEY');
	});

	test('loses nothing and pays once per take when killed at several points of a run', async () => {
		const server = await startFakeVideosServer({jobMs: 400});
		cleanups.push(() => server.close());
		const dir = makeProject();
		const env = envFor(server.baseURL);
		const killWhen = async (condition: () => boolean): Promise<void> => {
			const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/songreel.js'), 'generate'], {cwd: dir, env, stdio: 'ignore'});
			const exited = new Promise((resolve) => child.on('exit', resolve));
			await Promise.race([waitFor(condition), exited]);
			child.kill('SIGKILL');
			await exited;
		};
		await killWhen(() => server.counters.jobsCreated >= 1);
		// The first kill lands mid-run: some takes exist, not all jobs do.
		expect(server.counters.jobsCreated).toBeLessThan(6);
		expect(existsSync(path.join(dir, 'public/takes/takes.json'))).toBe(true);
		await killWhen(() => server.counters.jobsCreated >= 3);
		await killWhen(() => server.counters.downloads >= 2);
		await killWhen(() => server.counters.jobsCreated >= 5 && server.counters.retrieves >= 10);
		const {code, stdout} = await songreel(dir, env, 'generate');
		expect(stdout).toMatch(/\d+ complete, 0 failed/);
		expect(code).toBe(0);
		const registry = await readRegistry(path.join(dir, 'public/takes/takes.json'));
		expect(registry.takes.map((t) => [t.id, t.status])).toEqual([
			['alley/t1', 'complete'],
			['alley/t2', 'complete'],
			['alley/t3', 'complete'],
			['neon/t1', 'complete'],
			['neon/t2', 'complete'],
			['neon/t3', 'complete'],
		]);
		expect(server.counters.jobsCreated).toBe(6);
		expect(new Set(registry.takes.map((t) => t.jobId)).size).toBe(6);
		const again = await songreel(dir, env, 'generate');
		expect(again.stdout).toContain('nothing to do');
		expect(server.counters.jobsCreated).toBe(6);
	});

	test('makes offline takes, and pick, rate, reject and stats work on them', async () => {
		const dir = makeProject();
		const env = {...process.env};
		const generated = await songreel(dir, env, 'generate', '--provider', 'offline', '--shots', 'alley', '--takes', '2');
		expect(generated.stdout).toContain('2 complete, 0 failed');
		expect((await songreel(dir, env, 'pick', 'alley', 't2')).stdout).toContain('shot "alley" now uses take "alley/t2"');
		expect((await songreel(dir, env, 'rate', 'alley/t1', '4')).code).toBe(0);
		expect((await songreel(dir, env, 'rate', 'alley/t1', '9')).stderr).toContain('expected a rating from 1 to 5, got "9"');
		expect((await songreel(dir, env, 'reject', 'alley/t2')).stderr).toContain('say why with --reason');
		expect((await songreel(dir, env, 'reject', 'alley/t2', '--reason', 'hands melt')).code).toBe(0);
		const listed = await songreel(dir, env, 'takes', 'alley');
		expect(listed.stdout).toMatch(/ {2}alley\/t1 +complete +★★★★·/);
		expect(listed.stdout).toMatch(/alley\/t2 +rejected: hands melt/);
		const registry = await readRegistry(path.join(dir, 'public/takes/takes.json'));
		expect(registry.picks).toEqual({});
		const stats = await songreel(dir, env, 'stats');
		expect(stats.stdout).toContain('generated 2 takes: 2 complete, 0 failed, 0 unfinished, 1 rejected');
		expect(stats.stdout).toContain('spent $0.00; 2.0 s generated');
	});

	test('import registers a folder of clips once, skipping files it has seen', async () => {
		const dir = makeProject();
		const downloads = path.join(dir, 'downloads');
		mkdirSync(downloads);
		for (const name of ['b.mp4', 'a.mp4']) {
			await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', `import('${path.join(root, 'src/generation/offline/render-procedural-clip.ts')}').then(m => m.renderProceduralClip({prompt: '${name}', seed: 1, width: 160, height: 90, fps: 30, durationInSeconds: 1}, '${path.join(downloads, name)}'))`], {cwd: root});
		}
		writeFileSync(path.join(downloads, 'notes.txt'), 'not a video');
		const first = await songreel(dir, process.env, 'import', downloads, '--shot', 'alley');
		expect(first.stdout).toContain('a.mp4 -> alley/t1 (1.0 s, 160x90)');
		expect(first.stdout).toContain('imported 2 of 2 files for shot "alley"');
		const second = await songreel(dir, process.env, 'import', downloads, '--shot', 'alley');
		expect(second.stdout).toContain('skip a.mp4: already registered as "alley/t1"');
		const registry = await readRegistry(path.join(dir, 'public/takes/takes.json'));
		expect(registry.takes.map((t) => [t.id, t.provider, t.file])).toEqual([
			['alley/t1', 'folder', 'takes/alley/t1.mp4'],
			['alley/t2', 'folder', 'takes/alley/t2.mp4'],
		]);
	});
});
