// Throughput of `songreel generate` against the fake OpenAI-compatible server with simulated 30-second jobs:
// how many takes a minute N concurrent jobs reach, with the real SDK client and the default poll schedule.
// Usage: npm run bench:generation -- [--takes 16] [--job-seconds 30] [--concurrency 4,16]
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {createOpenAiProvider} from '../src/generation/openai-provider.ts';
import {planGeneration} from '../src/generation/plan-generation.ts';
import {registerPlan} from '../src/generation/register-plan.ts';
import {runGeneration} from '../src/generation/run-generation.ts';
import {shotListSchema} from '../src/schemas/shot-list-schema.ts';
import {openRegistry} from '../src/takes/registry-store.ts';
import {startFakeVideosServer} from '../test/fake-videos-server.ts';

const {values} = parseArgs({options: {takes: {type: 'string', default: '16'}, 'job-seconds': {type: 'string', default: '30'}, concurrency: {type: 'string', default: '4,16'}}});
const takes = Number(values.takes);
const jobMs = Number(values['job-seconds']) * 1000;
const rows: string[] = [];
for (const concurrency of values.concurrency.split(',').map(Number)) {
	const server = await startFakeVideosServer({jobMs});
	const publicDir = mkdtempSync(path.join(os.tmpdir(), 'songreel-bench-gen-'));
	try {
		const provider = createOpenAiProvider({baseURL: server.baseURL, apiKey: 'bench', pricePerSecondUsd: 0.1});
		const shotList = shotListSchema.parse({defaults: {takes, lengthInSeconds: 1, size: '160x90', provider: 'openai', model: 'bench'}, shots: [{id: 'bench', prompt: 'a benchmark shot'}]});
		const store = await openRegistry(path.join(publicDir, 'takes/takes.json'));
		const plan = planGeneration({registry: store.current(), shotList, options: {shotIds: [], takesPerShot: null, retryFailed: false, providerName: 'openai', model: 'bench'}, estimateCostUsd: provider.estimateCostUsd, now: new Date().toISOString()});
		await registerPlan(store, plan);
		const started = performance.now();
		const summary = await runGeneration({store, provider, takeIds: plan.newTakes.map((t) => t.id), publicDir, concurrency});
		const minutes = (performance.now() - started) / 60_000;
		const ideal = takes / (Math.ceil(takes / concurrency) * (jobMs / 60_000));
		rows.push(`| ${String(concurrency).padStart(11)} | ${String(summary.completed).padStart(5)} | ${(minutes * 60).toFixed(1).padStart(8)} s | ${(summary.completed / minutes).toFixed(1).padStart(12)} | ${ideal.toFixed(1).padStart(14)} | ${String(server.counters.jobsCreated).padStart(7)} | ${String(server.counters.retrieves).padStart(5)} |`);
		console.log(rows[rows.length - 1]);
	} finally {
		await server.close();
		rmSync(publicDir, {recursive: true, force: true});
	}
}
console.log(`\n${takes} takes, ${jobMs / 1000} s simulated jobs\n| concurrency | takes | wall       | takes/minute | ideal/minute   | creates | polls |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}`);
