import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PNG} from 'pngjs';
import {afterEach, describe, expect, test} from 'vitest';
import {planGeneration} from '../src/generation/plan-generation.ts';
import {registerPlan} from '../src/generation/register-plan.ts';
import {runGeneration} from '../src/generation/run-generation.ts';
import {createVeoProvider} from '../src/generation/veo-provider.ts';
import {shotListSchema, type ShotListInput} from '../src/schemas/shot-list-schema.ts';
import {openRegistry} from '../src/takes/registry-store.ts';
import {type FakeVeoFaults, startFakeVeoServer} from './fake-veo-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) {
		await cleanup();
	}
});

const MODEL = 'veo-3.1-fast-generate-preview';

const setup = async ({faults, shots, key = 'veo-key'}: {faults?: FakeVeoFaults; shots: ShotListInput['shots']; key?: string}) => {
	const server = await startFakeVeoServer({faults, jobMs: 300});
	const publicDir = mkdtempSync(path.join(os.tmpdir(), 'songreel-veo-'));
	cleanups.push(() => server.close(), () => rmSync(publicDir, {recursive: true, force: true}));
	const png = new PNG({width: 4, height: 4});
	png.data.fill(200);
	writeFileSync(path.join(publicDir, 'ref.png'), PNG.sync.write(png));
	// Wanted 3 s: Veo 3.1 makes 4, 6 or 8 s, so the planner asks for 4.
	const shotList = shotListSchema.parse({defaults: {takes: 1, lengthInSeconds: 3, size: '1280x720', model: MODEL, pricePerSecondUsd: 0.15}, shots});
	const generate = async () => {
		const provider = createVeoProvider({apiKey: key, baseURL: server.baseURL, pricePerSecondUsd: 0.15}, MODEL);
		const store = await openRegistry(path.join(publicDir, 'takes/takes.json'));
		const plan = planGeneration({registry: store.current(), shotList, options: {shotIds: [], takesPerShot: null, retryFailed: false, providerName: 'veo', model: MODEL}, estimateCostUsd: provider.estimateCostUsd, lengthsInSeconds: provider.capabilities.lengthsInSeconds, now: new Date().toISOString()});
		const work = await registerPlan(store, plan);
		const summary = await runGeneration({store, provider, takeIds: work.map((t) => t.id), publicDir, concurrency: 2, timings: {firstPollInMs: 40, maxPollInMs: 120, retryBaseInMs: 30, maxAttempts: 4}});
		return {summary, registry: store.current()};
	};
	return {server, generate};
};

describe('generating takes through Google Veo (@google/genai against a fake of the Gemini API)', () => {
	test('follows long-running operations to a video, from text and from an image, through 429s, 503s, 404s, an INTERNAL failure and a safety filter', async () => {
		const {server, generate} = await setup({
			faults: {rateLimitCreates: 1, unavailablePolls: 2, notFoundDownloads: 1, internalErrorOperations: 1, filterWord: 'forbidden'},
			shots: [{id: 'city', prompt: 'a paper city at dusk'}, {id: 'still', prompt: 'a paper city at dawn', referenceImage: 'ref.png'}, {id: 'unsafe', prompt: 'a forbidden scene'}],
		});
		const {summary, registry} = await generate();
		expect(summary).toMatchObject({completed: 2, failed: 1});
		const byId = Object.fromEntries(registry.takes.map((t) => [t.id, t]));
		expect(byId['city/t1']).toMatchObject({status: 'complete', params: {lengthInSeconds: 4, size: '1280x720'}, facts: {width: 1280, height: 720}});
		expect(Math.round(byId['city/t1']?.facts?.durationInSeconds ?? 0)).toBe(4);
		const started = [...server.operations.values()];
		expect(started.every((op) => op.seconds === 4 && op.aspectRatio === '16:9' && op.resolution === '720p')).toBe(true);
		// The reference image went as the operation's first frame, base64 with its type.
		// (Twice when that take's first operation was the one that failed inside the service.)
		const withImage = started.filter((op) => op.image !== null).map((op) => [op.prompt.split('\n')[0], op.image?.mimeType, op.image?.bytes.subarray(0, 4).toString('hex')]);
		expect(withImage.length).toBeGreaterThan(0);
		expect(new Set(withImage.map((entry) => JSON.stringify(entry)))).toEqual(new Set([JSON.stringify(['a paper city at dawn', 'image/png', '89504e47'])]));
		// One operation failed with INTERNAL ("try again"): a new operation was started for that take, and it cost nothing.
		expect(server.counters.internalErrors).toBe(1);
		expect(server.counters.operationsStarted).toBe(4);
		expect(byId['unsafe/t1']).toMatchObject({status: 'failed', costUsd: 0, error: {code: 'filtered', permanent: true}});
		expect(byId['unsafe/t1']?.error?.message).toContain('may violate our policies');
		// Billed: the seconds of each finished video.
		expect(registry.ledger.reduce((sum, e) => sum + e.usd, 0)).toBeCloseTo(2 * 4 * 0.15, 9);
		expect(server.counters).toMatchObject({rateLimited: 1, unavailable: 2, notFound: 1});
	}, 90_000);

	test('downloads again after a transfer that breaks halfway', async () => {
		const {server, generate} = await setup({faults: {truncateDownloads: 1}, shots: [{id: 'cut', prompt: 'a paper city at noon'}]});
		const {summary, registry} = await generate();
		expect(summary).toMatchObject({completed: 1, failed: 0});
		expect(registry.takes[0]?.facts).toMatchObject({width: 1280, height: 720});
		expect(server.counters).toMatchObject({truncated: 1, downloads: 2});
	}, 60_000);

	test('never starts a second operation when a create\'s answer is lost (the Gemini API lists none), and says what to check', async () => {
		const {server, generate} = await setup({faults: {errorAfterCreate: 1}, shots: [{id: 'lost', prompt: 'a paper city at night'}]});
		const first = await generate();
		expect(first.registry.takes[0]).toMatchObject({status: 'failed', jobId: null, error: {code: 'unconfirmed_create', permanent: true}});
		expect(first.registry.takes[0]?.error?.message).toContain('veo lists no jobs');
		await generate();
		expect(server.counters.operationsStarted).toBe(1);
	});

	test('stops at once on a key Google calls not valid (a 400), leaving the take as it was', async () => {
		const {server, generate} = await setup({key: 'wrong', shots: [{id: 'key', prompt: 'a paper city'}]});
		const {summary, registry} = await generate();
		expect(summary.authError).toBe('create: API key not valid. Please pass a valid API key.');
		expect(registry.takes[0]).toMatchObject({status: 'planned', error: null});
		expect(server.counters.operationsStarted).toBe(0);
	});
});
