import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {createOpenAiProvider} from '../src/generation/openai-provider.ts';
import {planGeneration} from '../src/generation/plan-generation.ts';
import {registerPlan} from '../src/generation/register-plan.ts';
import {runGeneration} from '../src/generation/run-generation.ts';
import {shotListSchema, type ShotListInput} from '../src/schemas/shot-list-schema.ts';
import {openRegistry, readRegistry} from '../src/takes/registry-store.ts';
import type {Take} from '../src/takes/take-schema.ts';
import {type FakeFaults, startFakeVideosServer} from './fake-videos-server.ts';

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

const fastTimings = {firstPollInMs: 40, maxPollInMs: 120, retryBaseInMs: 30, maxAttempts: 4};

/** Runs a whole generate pass (plan, register, run) against a fake server, as `songreel generate` does. */
const setup = async ({faults, jobMs, shots = SHOTS, trustsIdempotencyKey = true}: {faults?: FakeFaults; jobMs?: number; shots?: ShotListInput; trustsIdempotencyKey?: boolean} = {}) => {
	const server = await startFakeVideosServer({faults, jobMs});
	const publicDir = mkdtempSync(path.join(os.tmpdir(), 'songreel-gen-'));
	cleanups.push(() => server.close(), () => rmSync(publicDir, {recursive: true, force: true}));
	const registryFile = path.join(publicDir, 'takes/takes.json');
	const provider = createOpenAiProvider({baseURL: server.baseURL, apiKey: 'test-key', pricePerSecondUsd: 0.5, maxRetries: 3, trustsIdempotencyKey});
	const shotList = shotListSchema.parse(shots);
	const generate = async ({retryFailed = false, budgetUsd = null as number | null, onStatus}: {retryFailed?: boolean; budgetUsd?: number | null; onStatus?: (takes: readonly Take[]) => void} = {}) => {
		const store = await openRegistry(registryFile);
		const plan = planGeneration({registry: store.current(), shotList, options: {shotIds: [], takesPerShot: null, retryFailed, providerName: 'openai', model: 'gateway-model'}, estimateCostUsd: provider.estimateCostUsd, now: new Date().toISOString()});
		const work = await registerPlan(store, plan);
		const summary = await runGeneration({
			store,
			provider,
			takeIds: work.map((t) => t.id),
			publicDir,
			concurrency: 2,
			budgetUsd,
			timings: fastTimings,
			onChange: () => onStatus?.(store.current().takes),
		});
		return {summary, plan, registry: store.current()};
	};
	return {server, publicDir, registryFile, generate};
};

describe('generating takes through an OpenAI-compatible videos API', () => {
	test('creates, polls, downloads and verifies every take, recording it in the registry', async () => {
		const {server, publicDir, generate} = await setup();
		const {summary, registry} = await generate();
		expect(summary).toMatchObject({completed: 4, failed: 0, spentUsd: 2});
		expect(server.counters.jobsCreated).toBe(4);
		const take = registry.takes.find((t) => t.id === 'rooftop/t1') as Take;
		expect(take).toMatchObject({status: 'complete', provider: 'openai', model: 'gateway-model', costUsd: 0.5, file: 'takes/rooftop/t1.mp4', error: null});
		expect(take.prompt).toBe('Mara on a rooftop at dusk\nMara: a woman in a yellow raincoat\nLook: grainy 16mm');
		expect(take.facts).toMatchObject({width: 320, height: 180, videoCodec: 'h264', hasAudio: false});
		expect(take.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(existsSync(path.join(publicDir, 'takes/rooftop/t1.mp4'))).toBe(true);
	});

	test('waits out a 429 with Retry-After and creates each job once', async () => {
		const {server, generate} = await setup({faults: {rateLimitCreates: 3}});
		const {summary} = await generate();
		expect(summary.completed).toBe(4);
		expect(server.counters.rateLimited).toBe(3);
		expect(server.counters.jobsCreated).toBe(4);
	});

	test('never makes a second job when a create fails with 500 after the job was made', async () => {
		const {server, generate} = await setup({faults: {errorAfterCreate: 2}});
		const {summary} = await generate();
		expect(summary.completed).toBe(4);
		expect(server.counters.errorsAfterCreate).toBe(2);
		expect(server.counters.createRequests).toBe(6);
		expect(server.counters.jobsCreated).toBe(4);
	});

	test('never repeats a failed create at an endpoint that ignores idempotency keys, and says what to do', async () => {
		const {server, generate} = await setup({faults: {errorAfterCreate: 1}, trustsIdempotencyKey: false, shots: {...SHOTS, shots: [{id: 'once', prompt: 'once', takes: 1}]}});
		const {registry} = await generate();
		expect(server.counters.createRequests).toBe(1);
		expect(registry.takes[0]).toMatchObject({status: 'failed', error: {code: 'ambiguous_create', permanent: true}});
		expect(registry.takes[0]?.error?.message).toContain('--retry-failed');
		await generate();
		expect(server.counters.createRequests).toBe(1);
	});

	test('records a moderation block with the provider\'s reason and does not retry it unless asked', async () => {
		const shots = {...SHOTS, shots: [{id: 'blocked', prompt: 'a forbidden scene', takes: 1}]};
		const {server, generate} = await setup({faults: {moderateWord: 'forbidden'}, shots});
		const first = await generate();
		expect(first.registry.takes[0]).toMatchObject({status: 'failed', costUsd: 0, error: {code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.', permanent: true}});
		const second = await generate();
		expect(second.plan.continued).toEqual([]);
		expect(server.counters.jobsCreated).toBe(1);
		const third = await generate({retryFailed: true});
		expect(third.registry.takes[0]).toMatchObject({attempt: 2, status: 'failed'});
		expect(server.counters.jobsCreated).toBe(2);
	});

	test('follows slow jobs through queued and in progress', async () => {
		const seen = new Set<string>();
		const {generate} = await setup({jobMs: 900, shots: {...SHOTS, shots: [{id: 'slow', prompt: 'slow', takes: 1}]}});
		const {summary} = await generate({onStatus: (takes) => takes.forEach((t) => seen.add(t.status))});
		expect(summary.completed).toBe(1);
		expect([...seen]).toEqual(expect.arrayContaining(['submitting', 'queued', 'in_progress', 'downloading', 'complete']));
	});

	test('marks an expired download as failed for good, naming the cause', async () => {
		const {generate} = await setup({faults: {expireDownloads: 1}, shots: {...SHOTS, shots: [{id: 'gone', prompt: 'gone', takes: 1}]}});
		const {registry} = await generate();
		expect(registry.takes[0]).toMatchObject({status: 'failed', error: {code: 'expired', permanent: true}});
		expect(registry.takes[0]?.error?.message).toContain('expired');
	});

	test('downloads again after a truncated transfer and keeps only a verified file', async () => {
		const {server, generate} = await setup({faults: {truncateDownloads: 1}, shots: {...SHOTS, shots: [{id: 'cut', prompt: 'cut', takes: 1}]}});
		const {registry} = await generate();
		expect(registry.takes[0]).toMatchObject({status: 'complete'});
		expect(server.counters.truncated).toBe(1);
		expect(server.counters.downloads).toBe(2);
	});

	test('rides out a provider that is briefly unavailable while polling', async () => {
		const {server, generate} = await setup({faults: {unavailablePolls: 3}, shots: {...SHOTS, shots: [{id: 'flaky', prompt: 'flaky', takes: 1}]}});
		const {registry} = await generate();
		expect(registry.takes[0]?.status).toBe('complete');
		expect(server.counters.unavailable).toBe(3);
	});

	test('stops submitting when spent and in-flight money would pass the budget', async () => {
		const {server, generate} = await setup();
		const {summary, registry} = await generate({budgetUsd: 1.2});
		expect(summary).toMatchObject({completed: 2, skippedForBudget: 2});
		expect(server.counters.jobsCreated).toBe(2);
		expect(registry.takes.filter((t) => t.status === 'planned')).toHaveLength(2);
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
