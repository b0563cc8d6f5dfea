import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {createOpenAiProvider} from '../src/generation/openai-provider.ts';
import {planGeneration} from '../src/generation/plan-generation.ts';
import {registerPlan} from '../src/generation/register-plan.ts';
import {type GenerationBudget, type RunTimings, runGeneration} from '../src/generation/run-generation.ts';
import {shotListSchema, type ShotListInput} from '../src/schemas/shot-list-schema.ts';
import {openRegistry, readRegistry} from '../src/takes/registry-store.ts';
import type {Registry, Take} from '../src/takes/take-schema.ts';
import {type FakeFaults, type SeedJob, startFakeVideosServer} from './fake-videos-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) {
		await cleanup();
	}
});

const SHOTS: ShotListInput = {
	styleBible: {look: 'grainy 16mm', characters: {Mara: 'a woman in a yellow raincoat'}},
	defaults: {takes: 2, lengthInSeconds: 1, size: '320x180', provider: 'openai', model: 'gateway-model', pricePerSecondUsd: 0.5},
	shots: [
		{id: 'rooftop', prompt: 'Mara on a rooftop at dusk'},
		{id: 'street', prompt: 'a wet street at night'},
	],
};

const fastTimings = {firstPollInMs: 40, maxPollInMs: 120, retryBaseInMs: 30, maxAttempts: 4, clockSkewInSeconds: 0};

type SetupOptions = {faults?: FakeFaults; jobMs?: number; createDelayMs?: number; shots?: ShotListInput; serverKey?: string | null; clientKey?: string; seedJobs?: readonly SeedJob[]};

/** Runs a whole generate pass (plan, register, run) against a fake server, as `songreel generate` does. */
const setup = async ({faults, jobMs, createDelayMs, shots = SHOTS, serverKey = null, clientKey = 'test-key', seedJobs}: SetupOptions = {}) => {
	const server = await startFakeVideosServer({faults, jobMs, createDelayMs, apiKey: serverKey, seedJobs});
	const publicDir = mkdtempSync(path.join(os.tmpdir(), 'songreel-gen-'));
	cleanups.push(() => server.close(), () => rmSync(publicDir, {recursive: true, force: true}));
	const registryFile = path.join(publicDir, 'takes/takes.json');
	const shotList = shotListSchema.parse(shots);
	const generate = async ({retryFailed = false, budget, onStatus, signal, key = clientKey, timings, concurrency = 2}: {retryFailed?: boolean; budget?: GenerationBudget; onStatus?: (takes: readonly Take[]) => void; signal?: AbortSignal; key?: string; timings?: Partial<RunTimings>; concurrency?: number} = {}) => {
		const provider = createOpenAiProvider({baseURL: server.baseURL, apiKey: key, pricePerSecondUsd: 0.5});
		const store = await openRegistry(registryFile);
		const plan = planGeneration({registry: store.current(), shotList, options: {shotIds: [], takesPerShot: null, retryFailed, providerName: 'openai', model: 'gateway-model'}, estimateCostUsd: provider.estimateCostUsd, now: new Date().toISOString()});
		const work = await registerPlan(store, plan);
		const summary = await runGeneration({
			store,
			provider,
			takeIds: work.map((t) => t.id),
			publicDir,
			concurrency,
			budget,
			signal,
			timings: {...fastTimings, ...timings},
			onChange: () => onStatus?.(store.current().takes),
		});
		return {summary, plan, registry: store.current()};
	};
	return {server, publicDir, registryFile, generate};
};

const ONE = (id: string, prompt = id): ShotListInput => ({...SHOTS, shots: [{id, prompt, takes: 1}]});
const ledgerUsd = (registry: Registry): number => registry.ledger.reduce((sum, entry) => sum + entry.usd, 0);
/** Every job the fake made is on a take or in the ledger, and no job is on two takes. */
const expectEveryJobRecordedOnce = (server: {jobIds: () => string[]}, registry: Registry): void => {
	const recorded = new Set([...registry.takes.flatMap((t) => (t.jobId ? [t.jobId] : [])), ...registry.ledger.map((e) => e.jobId)]);
	expect(server.jobIds().filter((id) => !recorded.has(id))).toEqual([]);
	const onTakes = registry.takes.flatMap((t) => (t.jobId ? [t.jobId] : []));
	expect(new Set(onTakes).size).toBe(onTakes.length);
};

describe('generating takes through an OpenAI-compatible videos API', () => {
	test('creates, polls, downloads and verifies every take, recording it in the registry and its cost in the ledger', async () => {
		const {server, publicDir, generate} = await setup();
		const {summary, registry} = await generate();
		expect(summary).toMatchObject({completed: 4, failed: 0, creates: 4, adopted: 0, billedUsd: 2});
		expect(server.counters.jobsCreated).toBe(4);
		const take = registry.takes.find((t) => t.id === 'rooftop/t1') as Take;
		expect(take).toMatchObject({status: 'complete', provider: 'openai', model: 'gateway-model', costUsd: 0.5, file: 'takes/rooftop/t1.mp4', error: null});
		expect(take.prompt).toBe('Mara on a rooftop at dusk\nMara: a woman in a yellow raincoat\nLook: grainy 16mm');
		expect(take.facts).toMatchObject({width: 320, height: 180, videoCodec: 'h264', hasAudio: false});
		expect(take.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(existsSync(path.join(publicDir, 'takes/rooftop/t1.mp4'))).toBe(true);
		expect(registry.ledger.map((e) => [e.takeId, e.usd, e.outcome])).toEqual(expect.arrayContaining([['rooftop/t1', 0.5, 'completed'], ['street/t2', 0.5, 'completed']]));
		expect(ledgerUsd(registry)).toBe(server.billedUsd());
	});

	test('waits out a 429 on create for its Retry-After and creates each job once', async () => {
		const {server, generate} = await setup({faults: {rateLimitCreates: 3, retryAfterSeconds: 0.2}});
		const started = Date.now();
		const {summary} = await generate({timings: {retryBaseInMs: 1}});
		expect(summary.completed).toBe(4);
		expect(server.counters.rateLimited).toBe(3);
		expect(server.counters.jobsCreated).toBe(4);
		// Retry-After (200 ms), not the 1 ms backoff, paced the second try.
		expect(Date.now() - started).toBeGreaterThan(200);
	});

	test.each([
		['a 500', {errorAfterCreate: 2}],
		['a dropped connection', {resetAfterCreate: 2}],
	])('adopts the job when a slow create answers with %s after making it, instead of paying twice', async (_name, faults) => {
		// Older jobs with the same prompts (another project of the account) must not be adopted.
		const seedJobs = [{prompt: 'Mara on a rooftop at dusk\nMara: a woman in a yellow raincoat\nLook: grainy 16mm', seconds: 1, size: '320x180', model: 'gateway-model', ageInSeconds: 600}];
		const {server, generate} = await setup({faults, createDelayMs: 300, seedJobs});
		const {summary, registry} = await generate();
		expect(summary).toMatchObject({completed: 4, creates: 4, adopted: 2});
		expect(server.counters.createRequests).toBe(4);
		expect(server.counters.jobsCreated).toBe(4);
		expect(server.counters.lists).toBeGreaterThan(0);
		expectEveryJobRecordedOnce(server, registry);
		expect(registry.takes.every((t) => t.jobId?.startsWith('video_0'))).toBe(true);
	});

	test('records a moderation block with the provider\'s words, bills nothing, and retries it only when asked', async () => {
		const {server, generate} = await setup({faults: {moderateWord: 'forbidden'}, shots: ONE('blocked', 'a forbidden scene')});
		const first = await generate();
		expect(first.registry.takes[0]).toMatchObject({status: 'failed', costUsd: 0, error: {code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.', permanent: true}});
		expect(first.registry.ledger).toMatchObject([{usd: 0, outcome: 'failed', code: 'moderation_blocked'}]);
		const second = await generate();
		expect(second.plan.continued).toEqual([]);
		expect(server.counters.jobsCreated).toBe(1);
		const third = await generate({retryFailed: true});
		expect(third.registry.takes[0]).toMatchObject({attempt: 2, status: 'failed'});
		expect(server.counters.jobsCreated).toBe(2);
	});

	test('makes a new job after one fails with "internal_error, try again", counting the failed one as billed', async () => {
		const {server, generate} = await setup({faults: {internalErrorJobs: 1}, shots: ONE('retry')});
		const {summary, registry} = await generate();
		expect(summary.completed).toBe(1);
		expect(server.counters.jobsCreated).toBe(2);
		expect(registry.takes[0]).toMatchObject({status: 'complete', attempt: 2, costUsd: 1});
		expect(registry.ledger.map((e) => [e.outcome, e.code, e.usd])).toEqual([['failed', 'internal_error', 0.5], ['completed', null, 0.5]]);
		expect(ledgerUsd(registry)).toBe(server.billedUsd());
		expectEveryJobRecordedOnce(server, registry);
	});

	test('records a 400 on create as a bad request with the provider\'s words, and creates nothing', async () => {
		const {server, generate} = await setup({faults: {badRequestWord: 'huge'}, shots: ONE('bad', 'a huge scene')});
		const {registry} = await generate();
		expect(registry.takes[0]).toMatchObject({status: 'failed', jobId: null, error: {code: 'invalid_value', permanent: true}});
		expect(registry.takes[0]?.error?.message).toContain("Invalid value for 'size'");
		expect(server.counters.jobsCreated).toBe(0);
	});

	test('downloads again after a one-off 404 on the content, and after a truncated transfer', async () => {
		const {server, generate} = await setup({faults: {notFoundDownloads: 1, truncateDownloads: 1}, shots: ONE('cdn')});
		const {registry} = await generate();
		expect(registry.takes[0]).toMatchObject({status: 'complete', costUsd: 0.5});
		expect(server.counters.notFound).toBe(1);
		expect(server.counters.truncated).toBe(1);
		expect(server.counters.downloads).toBe(3);
	});

	test('records a 410 on the download as expired for good, billed, and not retried by the next run', async () => {
		const {server, generate} = await setup({faults: {goneDownloads: 10}, shots: ONE('gone')});
		const first = await generate();
		expect(first.registry.takes[0]).toMatchObject({status: 'failed', costUsd: 0.5, error: {code: 'expired', permanent: true}});
		expect(first.registry.takes[0]?.error?.message).toContain('expired');
		expect(server.counters.gone).toBe(1);
		const second = await generate();
		expect(second.plan.continued).toEqual([]);
		expect(server.counters.downloads).toBe(1);
		expect(ledgerUsd(second.registry)).toBe(server.billedUsd());
	});

	test('rides out 503s and 429s (with Retry-After) while polling', async () => {
		const {server, generate} = await setup({faults: {unavailablePolls: 3, rateLimitPolls: 2}, shots: ONE('flaky')});
		const {registry} = await generate({timings: {maxAttempts: 6}});
		expect(registry.takes[0]?.status).toBe('complete');
		expect(server.counters.unavailable).toBe(3);
		expect(server.counters.pollsRateLimited).toBe(2);
	});

	test('keeps a take whose polls keep failing unfinished, and the next run resumes the same job', async () => {
		const {server, generate} = await setup({faults: {unavailablePolls: 4}, shots: ONE('outage')});
		const first = await generate({timings: {maxAttempts: 2}});
		expect(first.registry.takes[0]).toMatchObject({status: 'failed', error: {code: 'http_503', permanent: false}});
		const second = await generate({timings: {maxAttempts: 3}});
		expect(second.plan.continued).toHaveLength(1);
		expect(second.registry.takes[0]?.status).toBe('complete');
		expect(server.counters.jobsCreated).toBe(1);
	});

	test('stops at once on a refused key, leaving takes as they were, and a run with the right key proceeds', async () => {
		const {server, generate} = await setup({serverKey: 'right-key', clientKey: 'wrong-key'});
		const first = await generate();
		expect(first.summary.authError).toContain('Incorrect API key provided');
		expect(first.summary).toMatchObject({stopped: true, completed: 0, failed: 0});
		expect(server.counters.unauthorized).toBeLessThanOrEqual(2);
		expect(first.registry.takes.map((t) => [t.status, t.error])).toEqual(Array.from({length: 4}, () => ['planned', null]));
		const second = await generate({key: 'right-key'});
		expect(second.summary.completed).toBe(4);
		expect(server.counters.jobsCreated).toBe(4);
	});

	test('Ctrl-C cancels requests in flight at once, even while waiting out a long Retry-After', async () => {
		const {server, generate} = await setup({faults: {rateLimitPolls: 100, retryAfterSeconds: 10}, createDelayMs: 2000});
		const controller = new AbortController();
		const running = generate({signal: controller.signal});
		// Let the first two creates reach the server; both wait 2 s for their answers.
		await new Promise((resolve) => setTimeout(resolve, 500));
		const createsBefore = server.counters.createRequests;
		const abortedAt = Date.now();
		controller.abort();
		const {summary, registry} = await running;
		expect(Date.now() - abortedAt).toBeLessThan(300);
		expect(summary.stopped).toBe(true);
		expect(server.counters.createRequests).toBe(createsBefore);
		// The cancelled creates may have made jobs: those takes stay `submitting` for the next run to reconcile.
		expect(registry.takes.filter((t) => t.status === 'submitting')).toHaveLength(2);
		// (Polls still meet 429s, so the resumed run only gets as far as creating and adopting.)
		const resumed = await generate({timings: {maxAttempts: 1}});
		expect(resumed.summary).toMatchObject({adopted: 2, creates: 2});
		expect(server.counters.jobsCreated).toBe(4);
		expectEveryJobRecordedOnce(server, resumed.registry);
	});

	test('stops submitting when what this run committed would pass --budget-usd', async () => {
		const {server, generate} = await setup();
		const {summary, registry} = await generate({budget: {runUsd: 1.2, projectUsd: null}});
		expect(summary).toMatchObject({completed: 2, skippedForBudget: 2});
		expect(server.counters.jobsCreated).toBe(2);
		expect(registry.takes.filter((t) => t.status === 'planned')).toHaveLength(2);
	});

	test('caps the project: billed jobs of earlier runs count against --project-budget-usd', async () => {
		const {server, generate} = await setup();
		await generate({budget: {runUsd: 1, projectUsd: null}});
		expect(server.counters.jobsCreated).toBe(2);
		const second = await generate({budget: {runUsd: null, projectUsd: 1.5}});
		expect(second.summary).toMatchObject({completed: 1, skippedForBudget: 1});
		expect(ledgerUsd(second.registry)).toBe(1.5);
		expect(server.billedUsd()).toBe(1.5);
	});

	test('runs with many waits without a MaxListenersExceededWarning', async () => {
		const warnings: string[] = [];
		const onWarning = (warning: Error): void => {
			warnings.push(warning.name);
		};
		process.on('warning', onWarning);
		cleanups.push(() => {
			process.off('warning', onWarning);
		});
		const {server, generate} = await setup({jobMs: 1500, shots: {...SHOTS, shots: [{id: 'wait', prompt: 'wait', takes: 12}]}});
		const controller = new AbortController();
		await generate({signal: controller.signal, timings: {firstPollInMs: 20, maxPollInMs: 30}, concurrency: 12});
		expect(server.counters.retrieves).toBeGreaterThan(30);
		await new Promise((resolve) => setImmediate(resolve));
		expect(warnings).not.toContain('MaxListenersExceededWarning');
	});

	test('keeps the registry readable while generation writes it', async () => {
		const {registryFile, generate} = await setup();
		let reads = 0;
		let stop = false;
		const reader = (async () => {
			while (!stop) {
				if (existsSync(registryFile)) {
					await readRegistry(registryFile);
					reads++;
				}
				await new Promise((resolve) => setTimeout(resolve, 1));
			}
		})();
		await generate();
		stop = true;
		await reader;
		expect(reads).toBeGreaterThan(20);
	});
});
