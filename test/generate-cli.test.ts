import {type ChildProcess, execFile, spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterEach, describe, expect, test} from 'vitest';
import {readRegistry} from '../src/takes/registry-store.ts';
import {startFakeVideosServer} from './fake-videos-server.ts';
import {seededRandom} from '../scripts/bench/seeded-random.ts';
import {runSongreel, type SongreelRun} from './helpers/run-songreel.ts';

const root = path.resolve(__dirname, '..');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) {
		await cleanup();
	}
});

/** A throwaway project with a shot list of two shots × three (or `takes`) 1-second takes at $0.25 a second. */
const makeProject = ({takes = 3}: {takes?: number} = {}): string => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'songreel-project-'));
	cleanups.push(() => rmSync(dir, {recursive: true, force: true}));
	mkdirSync(path.join(dir, 'remotion'));
	mkdirSync(path.join(dir, 'public'));
	writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}\n');
	writeFileSync(
		path.join(dir, 'remotion/shots.ts'),
		`export default {
	styleBible: {look: 'noir'},
	defaults: {takes: ${takes}, lengthInSeconds: 1, size: '320x180', provider: 'openai', model: 'gateway-video', pricePerSecondUsd: 0.25, concurrency: 2},
	shots: [{id: 'alley', prompt: 'a rainy alley'}, {id: 'neon', prompt: 'a neon sign flickers'}],
};\n`,
	);
	return dir;
};

const envFor = (baseURL: string): NodeJS.ProcessEnv => ({...process.env, OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: 'test', SONGREEL_FIRST_POLL_MS: '40', SONGREEL_MAX_POLL_MS: '80', SONGREEL_RETRY_BASE_MS: '30'});

const songreel = (cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): Promise<SongreelRun> => runSongreel(args, {cwd, env});


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

	test('warns of a shot longer than the provider\'s longest clip, naming the field, and plans takes of that length', async () => {
		const dir = makeProject();
		writeFileSync(
			path.join(dir, 'remotion/shots.ts'),
			`export default {\n\tdefaults: {takes: 1, lengthInSeconds: 4, size: '1280x720', model: 'gen4.5'},\n\tshots: [{id: 'long', prompt: 'a long pan', lengthInSeconds: 30}, {id: 'short', prompt: 'a cut'}],\n};\n`,
		);
		// A dry run sends nothing: the address is never called.
		const {code, stdout, stderr} = await songreel(dir, {...process.env, RUNWAYML_API_SECRET: 'test', RUNWAYML_BASE_URL: 'http://127.0.0.1:9'}, 'generate', '--dry-run', '--provider', 'runway');
		expect(code).toBe(0);
		expect(stderr.trim().split('\n')).toEqual(['warning: remotion/shots.ts: shots[0].lengthInSeconds: shot "long" asks 30 s; runway (gen4.5) makes at most 10 s, so its takes are 10 s (split the shot in two for more)']);
		expect(stdout).toContain('long                       1 new,   0 to resume  10 s');
		expect(stdout).toContain('short                      1 new,   0 to resume  4 s');
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

	test('pays exactly once per take when killed 20 times at random moments by a slow server that ignores idempotency keys', async () => {
		// Creates answer after 800 ms (the job exists from the moment the request arrives), a fifth of them lose their
		// answer (500 or a dropped connection), Idempotency-Key is ignored, the job list comes in pages of 5, and
		// older jobs of another project carry the same prompts.
		const seedJobs = ['a rainy alley', 'a neon sign flickers'].map((prompt) => ({prompt: `${prompt}\nLook: noir`, seconds: 1, size: '320x180', model: 'gateway-video', ageInSeconds: 900}));
		const server = await startFakeVideosServer({jobMs: 300, createDelayMs: 800, faults: {loseCreateReplyRate: 0.2}, maxPageSize: 5, seedJobs, pricePerSecondUsd: 0.25, seed: 7});
		cleanups.push(() => server.close());
		const dir = makeProject({takes: 6});
		const env = envFor(server.baseURL);
		const random = seededRandom(20261129);
		const kills: string[] = [];
		for (let kill = 0; kill < 20; kill++) {
			// One create at a time, so that a kill while a create is answered loses exactly that answer.
			const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/songreel.js'), 'generate', '--jobs', '1'], {cwd: dir, env, stdio: 'ignore'});
			const exited = new Promise((resolve) => child.on('exit', resolve));
			const spawnedAt = Date.now();
			const createsBefore = server.counters.createRequests;
			// Three kills in four land while this run's create is being answered (the job exists, its id is not
			// recorded), once the run has creates left to send; the others at a random moment of the run.
			const duringCreate = kill % 4 !== 3 && server.counters.jobsCreated < 12;
			const delayInMs = Math.floor(random() * (duringCreate ? 600 : 4000));
			const moment = duringCreate ? waitFor(() => server.counters.createRequests > createsBefore, 20_000).catch(() => undefined) : Promise.resolve();
			const finished = await Promise.race([moment.then(() => new Promise((resolve) => setTimeout(resolve, delayInMs))).then(() => false), exited.then(() => true)]);
			const inCreate = !finished && server.counters.createRequests > createsBefore && server.repliesPending() > 0;
			kills.push(finished ? 'finished' : `${inCreate ? 'during a create' : 'at random'} after ${Date.now() - spawnedAt} ms`);
			child.kill('SIGKILL');
			await exited;
		}
		const {code, stdout} = await songreel(dir, env, 'generate');
		expect(stdout.trim().split('\n').at(-1)).toContain('all 12 takes complete');
		expect(code).toBe(0);
		const registry = await readRegistry(path.join(dir, 'public/takes/takes.json'));
		const recorded = new Set([...registry.takes.flatMap((t) => (t.jobId ? [t.jobId] : [])), ...registry.ledger.map((e) => e.jobId)]);
		const unrecorded = server.jobIds().filter((id) => !recorded.has(id));
		const figures = {takesWanted: 12, takesComplete: registry.takes.filter((t) => t.status === 'complete').length, createRequests: server.counters.createRequests, jobsCreated: server.counters.jobsCreated, duplicates: server.counters.jobsCreated - registry.takes.length, unrecorded: unrecorded.length, lostReplies: server.counters.lostReplies, killsDuringCreate: kills.filter((k) => k.startsWith('during')).length, ledgerUsd: registry.ledger.reduce((sum, e) => sum + e.usd, 0), billedUsd: server.billedUsd()};
		console.log(`kill test: ${JSON.stringify(figures)}\nkills: ${kills.join('; ')}`);
		expect(figures.takesComplete).toBe(12);
		expect(unrecorded).toEqual([]);
		expect(figures.duplicates).toBe(0);
		expect(new Set(registry.takes.map((t) => t.jobId)).size).toBe(12);
		expect(figures.ledgerUsd).toBeCloseTo(figures.billedUsd, 9);
		expect(figures.billedUsd).toBeCloseTo(12 * 0.25, 9);
		expect(figures.killsDuringCreate).toBeGreaterThanOrEqual(8);
		const again = await songreel(dir, env, 'generate');
		expect(again.stdout).toContain('nothing to do');
		expect(again.code).toBe(0);
		expect(server.counters.jobsCreated).toBe(12);
	}, 240_000);

	test('exits non-zero while a wanted take failed for good, saying what to do, also when there is nothing left to do', async () => {
		const server = await startFakeVideosServer({jobMs: 100, faults: {moderateWord: 'neon'}, pricePerSecondUsd: 0.25});
		cleanups.push(() => server.close());
		const dir = makeProject({takes: 1});
		const env = envFor(server.baseURL);
		const first = await songreel(dir, env, 'generate');
		expect(first.code).toBe(1);
		expect(first.stdout.trim().split('\n').at(-1)).toBe('next: 1 failed for good (neon/t1: moderation_blocked): "songreel takes" shows why; "songreel generate --retry-failed" makes a new attempt (change the prompt first if it was refused), or "songreel reject <take> --reason …"');
		const second = await songreel(dir, env, 'generate');
		expect(second.stdout).toContain('nothing to do');
		expect(second.code).toBe(1);
		expect((await songreel(dir, env, 'generate', '--shots', 'alley')).code).toBe(0);
	});

	test('stops at once with one message when the key is refused, and proceeds once it is fixed', async () => {
		const server = await startFakeVideosServer({jobMs: 100, apiKey: 'right', pricePerSecondUsd: 0.25});
		cleanups.push(() => server.close());
		const dir = makeProject({takes: 1});
		const refused = await songreel(dir, {...envFor(server.baseURL), OPENAI_API_KEY: 'wrong'}, 'generate');
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('the provider refused the key: create: Incorrect API key provided');
		expect(refused.stderr).toContain('takes were left as they were: fix OPENAI_API_KEY');
		const fixed = await songreel(dir, {...envFor(server.baseURL), OPENAI_API_KEY: 'right'}, 'generate');
		expect(fixed.code).toBe(0);
		expect(fixed.stdout).toContain('2 complete, 0 failed');
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
		expect(first.stdout).toContain('a.mp4 -> alley/t1 (1.0 s, 160x90; qc ');
		expect(first.stdout).toContain('imported 2 of 2 files for shot "alley"');
		expect(first.code).toBe(0);
		const second = await songreel(dir, process.env, 'import', downloads, '--shot', 'alley');
		expect(second.stdout).toContain('skip a.mp4: already registered as "alley/t1"');
		expect(second.code).toBe(0);
		// A clip that cannot be read is said, the rest imported, and the exit code tells a script. The partial copy a
		// killed import left (named for its pid, which cannot be running) is removed first.
		writeFileSync(path.join(downloads, 'c.mp4'), 'a web page saved as .mp4');
		const partial = path.join(dir, 'public/takes/alley', `t3.mp4.tmp-${4_194_304 + 17}.mp4`);
		writeFileSync(partial, 'half a clip');
		const third = await songreel(dir, process.env, 'import', downloads, '--shot', 'alley');
		expect(existsSync(partial)).toBe(false);
		expect(third.stderr).toContain('skip c.mp4: not a readable video');
		expect(third.stdout).toContain('imported 0 of 3 files for shot "alley"; 1 not readable (above)');
		expect(third.code).toBe(1);
		const registry = await readRegistry(path.join(dir, 'public/takes/takes.json'));
		expect(registry.takes.map((t) => [t.id, t.provider, t.file])).toEqual([
			['alley/t1', 'folder', 'takes/alley/t1.mp4'],
			['alley/t2', 'folder', 'takes/alley/t2.mp4'],
		]);
		expect(readdirSync(path.join(dir, 'public/takes/alley')).sort()).toEqual(['t1.mp4', 't2.mp4']);
	});
});
