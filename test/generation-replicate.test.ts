import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Replicate from 'replicate';
import {afterEach, describe, expect, test} from 'vitest';
import {createProvider} from '../src/cli/commands/generate-command.ts';
import {type ClipRequest, ProviderError} from '../src/generation/clip-provider.ts';
import {planGeneration} from '../src/generation/plan-generation.ts';
import {registerPlan} from '../src/generation/register-plan.ts';
import {createReplicateProvider} from '../src/generation/replicate-provider.ts';
import {runGeneration} from '../src/generation/run-generation.ts';
import {shotListSchema, type ShotListInput} from '../src/schemas/shot-list-schema.ts';
import {openRegistry} from '../src/takes/registry-store.ts';
import {type ReplicateFaults, startFakeReplicateServer} from './fake-replicate-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) {
		await cleanup();
	}
});

const TIMINGS = {firstPollInMs: 40, maxPollInMs: 120, retryBaseInMs: 30, maxAttempts: 4};

const setup = async ({faults, shots, token = 'r8_test', model = 'google/veo-3.1-fast', createDelayMs = 0, pageSize = 100, lengthInSeconds = 3}: {faults?: ReplicateFaults; shots: ShotListInput['shots']; token?: string; model?: string; createDelayMs?: number; pageSize?: number; lengthInSeconds?: number}) => {
	const server = await startFakeReplicateServer({faults, jobMs: 300, createDelayMs, pageSize});
	const publicDir = mkdtempSync(path.join(os.tmpdir(), 'songreel-replicate-'));
	cleanups.push(() => server.close(), () => rmSync(publicDir, {recursive: true, force: true}));
	writeFileSync(path.join(publicDir, 'ref.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
	// pricePerSecondUsd 0: the model's list price is used, so the ledger must equal what the fake bills at its own prices.
	const shotList = shotListSchema.parse({defaults: {takes: 1, lengthInSeconds, size: '1280x720', provider: 'offline', model, pricePerSecondUsd: 0}, shots});
	const provider = createReplicateProvider({apiToken: token, baseUrl: server.baseUrl, pricePerSecondUsd: 0}, model);
	const generate = async ({signal}: {signal?: AbortSignal} = {}) => {
		const store = await openRegistry(path.join(publicDir, 'takes/takes.json'));
		const plan = planGeneration({registry: store.current(), shotList, options: {shotIds: [], takesPerShot: null, retryFailed: false, providerName: 'replicate', model}, estimateCostUsd: provider.estimateCostUsd, lengthsInSeconds: provider.capabilities.lengthsInSeconds, now: new Date().toISOString()});
		const work = await registerPlan(store, plan);
		const ids = [...new Set([...work.map((t) => t.id), ...store.current().takes.map((t) => t.id)])];
		const summary = await runGeneration({store, provider, takeIds: ids, publicDir, concurrency: 3, timings: TIMINGS, ...(signal ? {signal} : {})});
		return {summary, registry: store.current()};
	};
	return {server, provider, publicDir, generate};
};

const request = (overrides: Partial<ClipRequest> = {}): ClipRequest => ({takeId: 's/t1', prompt: 'a city grid at night', model: 'google/veo-3.1-fast', lengthInSeconds: 4, size: '1280x720', seed: 7, referenceImage: null, idempotencyKey: 'k', ...overrides});

const errorOf = async (promise: Promise<unknown>): Promise<ProviderError> => {
	try {
		await promise;
	} catch (error) {
		if (error instanceof ProviderError) {
			return error;
		}
		throw error;
	}
	throw new Error('expected a ProviderError');
};

describe('generating takes through Replicate (the replicate SDK against a fake of its HTTP API)', () => {
	test('makes takes from text and from an image, survives a 429, a 500 poll and a 404 download, and records what each prediction billed', async () => {
		const {server, generate} = await setup({
			faults: {rateLimitCreates: 1, failPolls: 1, notFoundFirstDownload: true, interruptWord: 'storm', flaggedWord: 'forbidden', cancelWord: 'abandoned'},
			shots: [
				{id: 'city', prompt: 'a city grid at night', takes: 2},
				{id: 'still', prompt: 'a city grid at night', referenceImage: 'ref.png'},
				{id: 'storm', prompt: 'a storm over the city grid'},
				{id: 'unsafe', prompt: 'a forbidden scene'},
				{id: 'gone', prompt: 'an abandoned street'},
			],
		});
		const {summary, registry} = await generate();
		expect(summary).toMatchObject({completed: 4, failed: 2, authError: null});
		const byId = Object.fromEntries(registry.takes.map((t) => [t.id, t]));
		// Wanted 3 s: Veo 3.1 Fast makes 4, 6 or 8, so 4 was asked for, at 16:9 720p, without audio.
		expect(byId['city/t1']?.params.lengthInSeconds).toBe(4);
		expect(byId['city/t1']?.facts).toMatchObject({width: 1280, height: 720});
		const inputs = server.predictions.map((p) => p.input);
		expect(inputs.every((input) => input.duration === 4 && input.aspect_ratio === '16:9' && input.resolution === '720p' && input.generate_audio === false)).toBe(true);
		expect(inputs.filter((input) => typeof input.image === 'string' && input.image.startsWith('data:image/png;base64,'))).toHaveLength(1);
		// The interrupted prediction ("please retry") was replaced by a new one for the same take; it billed nothing.
		expect(byId['storm/t1']?.status).toBe('complete');
		expect(registry.ledger.filter((e) => e.takeId === 'storm/t1').map((e) => [e.outcome, e.code, e.usd])).toEqual([['failed', 'prediction_failed', 0], ['completed', null, 0.4]]);
		// Flagged (E005) says "try again with different inputs": a refusal, recorded with Replicate's words, not retried.
		expect(byId['unsafe/t1']).toMatchObject({status: 'failed', costUsd: 0, error: {code: 'E005', message: 'The input or output was flagged as sensitive. Please try again with different inputs. (E005)', permanent: true}});
		expect(byId['gone/t1']).toMatchObject({status: 'failed', costUsd: 0, error: {code: 'canceled', permanent: true}});
		// One create per take, one more for the interrupted one, one refused with 429 (nothing made).
		expect(server.counters).toMatchObject({rateLimited: 1, failedPolls: 1, notFound: 4, predictionsCreated: 7, createRequests: 8});
		expect(registry.ledger.reduce((sum, e) => sum + e.usd, 0)).toBeCloseTo(server.billedUsd(), 9);
		expect(server.billedUsd()).toBeCloseTo(4 * 4 * 0.1, 9);
	}, 90_000);

	test('adopts the prediction a create made when its answer was lost, from the paginated list: one paid prediction per take', async () => {
		const {server, generate} = await setup({faults: {dropCreateReplies: 2, badGatewayAfterCreate: 1}, createDelayMs: 150, pageSize: 2, shots: [{id: 'lost', prompt: 'a city grid at night', takes: 4}]});
		// Older predictions with the same prompt (another project on the same account) and one whose input was removed.
		server.seed({model: 'google/veo-3.1-fast', input: {prompt: 'a city grid at night', duration: 4, aspect_ratio: '16:9', resolution: '720p'}, agoMs: 3 * 3600_000});
		server.seed({model: 'google/veo-3.1-fast', input: {}, agoMs: 1000, dataRemoved: true});
		const {summary, registry} = await generate();
		expect(summary.completed).toBe(4);
		expect(summary.adopted).toBe(3);
		expect(server.counters.dropped + server.counters.badGateway).toBe(3);
		// 4 takes, 4 create requests, 4 predictions: none made twice, none left out of the registry.
		expect(server.counters.createRequests).toBe(4);
		expect(server.counters.predictionsCreated).toBe(4);
		const mine = server.predictions.filter((p) => !p.id.startsWith('seed')).map((p) => p.id).sort();
		expect(registry.takes.map((t) => t.jobId).sort()).toEqual(mine);
		expect(server.counters.listPages).toBeGreaterThan(1);
		expect(registry.ledger.reduce((sum, e) => sum + e.usd, 0)).toBeCloseTo(server.billedUsd(), 9);
	}, 90_000);

	test('the bare SDK sends a create again when its answer is dropped; the provider sends it once', async () => {
		const server = await startFakeReplicateServer({faults: {dropCreateReplies: 100}});
		cleanups.push(() => server.close());
		const bare = new Replicate({auth: 'r8_test', baseUrl: server.baseUrl});
		await expect(bare.predictions.create({model: 'google/veo-3.1-fast', input: {prompt: 'x', duration: 4}})).rejects.toThrow();
		const bareCreates = server.counters.predictionsCreated;
		expect(bareCreates).toBeGreaterThan(1);
		const provider = createReplicateProvider({apiToken: 'r8_test', baseUrl: server.baseUrl, pricePerSecondUsd: 0}, 'google/veo-3.1-fast');
		const error = await errorOf(provider.submit(request()));
		expect(error.kind).toBe('ambiguous');
		expect(server.counters.predictionsCreated - bareCreates).toBe(1);
	});

	test.each([
		['a refused token', {token: 'wrong'}, 'submit', 'auth', 'create: You did not pass a valid authentication token'],
		['a throttled create', {faults: {rateLimitCreates: 1}}, 'submit', 'transient', 'create: Request was throttled. Expected available in 1 second.'],
		['an invalid input', {request: {lengthInSeconds: 7}}, 'submit', 'permanent', 'create: - input.duration: duration must be one of the following: 4, 6, 8'],
		['a 502 after the create was made', {faults: {badGatewayAfterCreate: 1}}, 'submit', 'ambiguous', 'create: HTTP 502: <html><body><h1>502 Bad Gateway</h1></body></html>'],
		['a dropped create answer', {faults: {dropCreateReplies: 1}}, 'submit', 'ambiguous', 'create: connection failed'],
		['a 500 on a poll', {faults: {failPolls: 1}}, 'poll', 'transient', 'retrieve: Internal server error'],
		['a first 404 on the output', {faults: {notFoundFirstDownload: true}}, 'download', 'transient', 'download: the output URL answered 404'],
	] as const)('classifies %s', async (_name, setting, call, kind, words) => {
		const server = await startFakeReplicateServer({jobMs: 50, ...('faults' in setting ? {faults: setting.faults} : {})});
		cleanups.push(() => server.close());
		const provider = createReplicateProvider({apiToken: 'token' in setting ? setting.token : 'r8_test', baseUrl: server.baseUrl, pricePerSecondUsd: 0}, 'google/veo-3.1-fast');
		const asked = request('request' in setting ? setting.request : {});
		let error: ProviderError;
		if (call === 'submit') {
			error = await errorOf(provider.submit(asked));
		} else {
			const {jobId} = await provider.submit(asked);
			await new Promise((resolve) => setTimeout(resolve, 80));
			error = await errorOf(call === 'poll' ? provider.poll({jobId, request: asked}) : provider.download({jobId, request: asked}, path.join(os.tmpdir(), `songreel-replicate-${process.pid}.mp4`)));
		}
		expect(error.kind).toBe(kind);
		expect(error.message.startsWith(words)).toBe(true);
		if (kind === 'transient' && call === 'submit') {
			expect(error.retryAfterInMs).toBe(1000);
		}
	});

	test('a prediction whose output Replicate removed is expired for good, not retried', async () => {
		const server = await startFakeReplicateServer({jobMs: 10});
		cleanups.push(() => server.close());
		const provider = createReplicateProvider({apiToken: 'r8_test', baseUrl: server.baseUrl, pricePerSecondUsd: 0}, 'google/veo-3.1-fast');
		const {jobId} = await provider.submit(request());
		await new Promise((resolve) => setTimeout(resolve, 30));
		(server.predictions[0] as {dataRemoved: boolean}).dataRemoved = true;
		const error = await errorOf(provider.download({jobId, request: request()}, path.join(os.tmpdir(), `songreel-replicate-gone-${process.pid}.mp4`)));
		expect(error).toMatchObject({kind: 'permanent', code: 'expired'});
	});

	test('an image-only model refuses a shot without an image before any paid call, and takes one with it', async () => {
		const {server, generate} = await setup({model: 'kwaivgi/kling-v2.1', lengthInSeconds: 4, shots: [{id: 'text', prompt: 'a city grid at night'}, {id: 'image', prompt: 'a city grid at night', referenceImage: 'ref.png'}]});
		const {registry} = await generate();
		const byId = Object.fromEntries(registry.takes.map((t) => [t.id, t]));
		expect(byId['text/t1']).toMatchObject({status: 'failed', error: {code: 'image_required', permanent: true}});
		expect(byId['image/t1']).toMatchObject({status: 'complete', params: {lengthInSeconds: 5}});
		expect(server.predictions.map((p) => [p.input.mode, p.input.duration, String(p.input.start_image).slice(0, 22)])).toEqual([['standard', 5, 'data:image/png;base64,']]);
		expect(registry.ledger.reduce((sum, e) => sum + e.usd, 0)).toBeCloseTo(5 * 0.05, 9);
		expect(server.billedUsd()).toBeCloseTo(5 * 0.05, 9);
	}, 60_000);

	test('stops at once on a refused token and leaves the takes as they were', async () => {
		const {server, generate} = await setup({token: 'wrong', shots: [{id: 'key', prompt: 'a city grid at night', takes: 3}]});
		const {summary, registry} = await generate();
		expect(summary.authError).toBe('create: You did not pass a valid authentication token');
		expect(registry.takes.map((t) => [t.status, t.error])).toEqual([['planned', null], ['planned', null], ['planned', null]]);
		expect(server.counters.predictionsCreated).toBe(0);
	});

	test('Ctrl-C aborts the create in flight at once; the next run adopts the prediction it made instead of paying again', async () => {
		const {server, generate} = await setup({createDelayMs: 5000, shots: [{id: 'abort', prompt: 'a city grid at night'}]});
		const controller = new AbortController();
		const started = Date.now();
		setTimeout(() => controller.abort(), 300);
		const first = await generate({signal: controller.signal});
		const elapsedInMs = Date.now() - started;
		expect(first.summary.stopped).toBe(true);
		expect(elapsedInMs).toBeLessThan(2000);
		// The server saw the client hang up on the create before it answered.
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(server.counters.abortedRequests).toBe(1);
		expect(first.registry.takes[0]).toMatchObject({status: 'submitting', jobId: null});
		const second = await generate();
		expect(second.summary).toMatchObject({completed: 1, adopted: 1, creates: 0});
		expect(server.counters.createRequests).toBe(1);
		expect(server.counters.predictionsCreated).toBe(1);
	}, 60_000);

	test('is chosen with --provider replicate: it needs REPLICATE_API_TOKEN and a declared model, and says how to fix either', () => {
		const shotList = (model: string) => shotListSchema.parse({defaults: {provider: 'replicate', model}, shots: [{id: 'a', prompt: 'x'}]});
		expect(() => createProvider('replicate', shotList('google/veo-3.1-fast'), {})).toThrow('the replicate provider needs REPLICATE_API_TOKEN');
		expect(() => createProvider('replicate', shotList('minimax/video-01'), {REPLICATE_API_TOKEN: 'r8_x'})).toThrow('the replicate provider does not know the model "minimax/video-01"');
		const provider = createProvider('replicate', shotList('google/veo-3.1'), {REPLICATE_API_TOKEN: 'r8_x'});
		expect(provider).toMatchObject({name: 'replicate', lostCreates: 'reconcile', capabilities: {lengthsInSeconds: [4, 6, 8], imageTypes: ['png', 'jpeg', 'webp'], pricePerSecondUsd: 0.2}});
		expect(provider.estimateCostUsd(request({model: 'google/veo-3.1', lengthInSeconds: 6}))).toBeCloseTo(1.2, 9);
	});
});
