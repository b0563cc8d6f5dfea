import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {planGeneration} from '../src/generation/plan-generation.ts';
import {registerPlan} from '../src/generation/register-plan.ts';
import {runGeneration} from '../src/generation/run-generation.ts';
import {createRunwayProvider} from '../src/generation/runway-provider.ts';
import {shotListSchema, type ShotListInput} from '../src/schemas/shot-list-schema.ts';
import {openRegistry} from '../src/takes/registry-store.ts';
import {type RunwayFaults, startFakeRunwayServer} from './fake-runway-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) {
		await cleanup();
	}
});

const setup = async ({faults, shots, key = 'runway-key'}: {faults?: RunwayFaults; shots: ShotListInput['shots']; key?: string}) => {
	const server = await startFakeRunwayServer({faults, jobMs: 300, creditsPerSecond: 10});
	const publicDir = mkdtempSync(path.join(os.tmpdir(), 'songreel-runway-'));
	cleanups.push(() => server.close(), () => rmSync(publicDir, {recursive: true, force: true}));
	writeFileSync(path.join(publicDir, 'ref.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
	// Wanted 1.5 s: gen4.5 takes whole seconds from 2, so the planner asks for 2.
	const shotList = shotListSchema.parse({defaults: {takes: 1, lengthInSeconds: 1.5, size: '1280x720', provider: 'openai', model: 'gen4.5', pricePerSecondUsd: 0.12}, shots});
	const generate = async () => {
		const provider = createRunwayProvider({apiKey: key, baseURL: server.baseURL, pricePerSecondUsd: 0.12}, 'gen4.5');
		const store = await openRegistry(path.join(publicDir, 'takes/takes.json'));
		const plan = planGeneration({registry: store.current(), shotList, options: {shotIds: [], takesPerShot: null, retryFailed: false, providerName: 'runway', model: 'gen4.5'}, estimateCostUsd: provider.estimateCostUsd, lengthsInSeconds: provider.capabilities.lengthsInSeconds, now: new Date().toISOString()});
		const work = await registerPlan(store, plan);
		const summary = await runGeneration({store, provider, takeIds: work.map((t) => t.id), publicDir, concurrency: 3, timings: {firstPollInMs: 40, maxPollInMs: 120, retryBaseInMs: 30, maxAttempts: 4}});
		return {summary, registry: store.current()};
	};
	return {server, generate};
};

describe('generating takes through Runway (@runwayml/sdk against a fake of its API)', () => {
	test('makes takes from text and from an image, rounds lengths up to the model\'s, and records the credits each task cost', async () => {
		const {server, generate} = await setup({
			faults: {expireFirstOutputUrl: true, internalErrorTasks: 1, unsafeWord: 'forbidden'},
			shots: [{id: 'city', prompt: 'a city grid at night', takes: 2}, {id: 'still', prompt: 'a city grid at night', referenceImage: 'ref.png'}, {id: 'unsafe', prompt: 'a forbidden scene'}],
		});
		const {summary, registry} = await generate();
		expect(summary).toMatchObject({completed: 3, failed: 1});
		const byId = Object.fromEntries(registry.takes.map((t) => [t.id, t]));
		expect(byId['city/t1']?.params.lengthInSeconds).toBe(2);
		expect(byId['city/t1']?.facts).toMatchObject({width: 1280, height: 720});
		expect([...server.tasks.values()].map((t) => t.endpoint).sort()).toEqual(['/v1/image_to_video', '/v1/text_to_video', '/v1/text_to_video', '/v1/text_to_video', '/v1/text_to_video']);
		// One task failed inside Runway ("try again"): charged, and replaced by a new task for the same take.
		expect(registry.ledger.filter((e) => e.code === 'INTERNAL.BAD_OUTPUT.CODE01')).toHaveLength(1);
		expect(byId['unsafe/t1']).toMatchObject({status: 'failed', costUsd: 0, error: {code: 'SAFETY.INPUT.TEXT', message: 'The prompt did not pass our content moderation.', permanent: true}});
		expect(server.counters.expiredUrls).toBe(3);
		expect(registry.ledger.reduce((sum, e) => sum + e.usd, 0)).toBeCloseTo(server.billedCredits() * 0.01, 9);
		expect(server.billedCredits()).toBe(4 * 20);
	}, 60_000);

	test('never creates again when a create\'s answer is lost, since Runway lists no tasks, and says what to check', async () => {
		const {server, generate} = await setup({faults: {resetAfterCreate: 1}, shots: [{id: 'lost', prompt: 'a city grid at night'}]});
		const first = await generate();
		expect(first.registry.takes[0]).toMatchObject({status: 'failed', jobId: null, error: {code: 'unconfirmed_create', permanent: true}});
		expect(first.registry.takes[0]?.error?.message).toContain('runway lists no jobs: look for a task made then in its dashboard');
		await generate();
		expect(server.counters.creates).toBe(1);
		expect(server.counters.tasksCreated).toBe(1);
	});

	test('fails a take whose start image cannot be read for good, sending nothing: not a create of unknown fate', async () => {
		// The image went missing after the plan was made (the planner refuses one that is missing then).
		const {server, generate} = await setup({shots: [{id: 'still', prompt: 'a city grid at night', referenceImage: 'gone.png'}]});
		const {registry} = await generate();
		expect(registry.takes[0]).toMatchObject({status: 'failed', jobId: null, error: {code: 'bad_reference_image', permanent: true}});
		expect(registry.takes[0]?.error?.message).toContain('gone.png');
		expect(server.counters.creates).toBe(0);
	});

	test('stops at once on a refused key and leaves the take as it was', async () => {
		const {server, generate} = await setup({key: 'wrong', shots: [{id: 'key', prompt: 'a city grid at night'}]});
		const {summary, registry} = await generate();
		expect(summary.authError).toBe('create: Incorrect API key provided.');
		expect(registry.takes[0]).toMatchObject({status: 'planned', error: null});
		expect(server.counters.tasksCreated).toBe(0);
	});
});
