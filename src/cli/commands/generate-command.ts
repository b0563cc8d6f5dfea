import path from 'node:path';
import {parseArgs} from 'node:util';
import type {ClipProvider} from '../../generation/clip-provider.ts';
import {createOfflineProvider} from '../../generation/offline-provider.ts';
import {createOpenAiProvider} from '../../generation/openai-provider.ts';
import {planGeneration} from '../../generation/plan-generation.ts';
import {registerPlan} from '../../generation/register-plan.ts';
import {withInterrupt} from '../with-interrupt.ts';
import {runGeneration} from '../../generation/run-generation.ts';
import {loadShotList} from '../../project/load-shot-list.ts';
import {SongreelInputError} from '../../problems/problem.ts';
import type {ShotList} from '../../schemas/shot-list-schema.ts';
import {REGISTRY_PATH_IN_PUBLIC} from '../../takes/registry-path.ts';
import {openRegistry} from '../../takes/registry-store.ts';
import type {Take} from '../../takes/take-schema.ts';

const commandLineError = (flag: string, message: string, fix?: string): SongreelInputError =>
	new SongreelInputError([fix === undefined ? {file: 'command line', path: flag, message} : {file: 'command line', path: flag, message, fix}]);

const numberFlag = (flag: string, value: string | undefined, {integer = false} = {}): number | null => {
	if (value === undefined) {
		return null;
	}
	const parsed = Number(value);
	if (!Number.isFinite(parsed) || parsed < 0 || (integer && !Number.isInteger(parsed))) {
		throw commandLineError(flag, `expected a ${integer ? 'whole ' : ''}number, got "${value}"`);
	}
	return parsed;
};

/** Builds the provider named on the command line or in the shot list; the OpenAI-compatible one needs its endpoint. */
export const createProvider = (name: string, shotList: ShotList, env: NodeJS.ProcessEnv = process.env): ClipProvider => {
	if (name === 'offline') {
		return createOfflineProvider();
	}
	if (name === 'openai') {
		const baseURL = env.OPENAI_BASE_URL;
		const apiKey = env.OPENAI_API_KEY;
		if (!baseURL || !apiKey) {
			throw commandLineError('--provider', 'the openai provider needs OPENAI_BASE_URL and OPENAI_API_KEY', "set them to an OpenAI-compatible /v1/videos gateway (OpenAI's own Sora API shut down on 2026-09-24)");
		}
		return createOpenAiProvider({baseURL, apiKey, pricePerSecondUsd: shotList.defaults.pricePerSecondUsd, trustsIdempotencyKey: env.SONGREEL_TRUSTS_IDEMPOTENCY_KEY !== '0'});
	}
	throw commandLineError('--provider', `unknown provider "${name}"`, 'use offline or openai (for folders of downloaded clips, use songreel import)');
};

const usd = (value: number): string => `$${value.toFixed(2)}`;

const statusLine = (takes: readonly Take[], ids: ReadonlySet<string>): string => {
	const mine = takes.filter((t) => ids.has(t.id));
	const count = (statuses: readonly Take['status'][]): number => mine.filter((t) => statuses.includes(t.status)).length;
	const spent = mine.reduce((sum, t) => sum + (t.costUsd ?? 0), 0);
	return `queued ${count(['planned', 'submitting', 'queued'])} | in progress ${count(['in_progress', 'downloading'])} | done ${count(['complete'])} | failed ${count(['failed'])} | spent ${usd(spent)}`;
};

/** `songreel generate`: plan, check the budget, then submit, poll, download and verify takes. */
export const generateCommand = async (argv: readonly string[], {root, publicDir}: {root: string; publicDir: string}): Promise<number> => {
	const {values} = parseArgs({
		args: [...argv],
		options: {
			shots: {type: 'string'},
			takes: {type: 'string'},
			provider: {type: 'string'},
			'dry-run': {type: 'boolean', default: false},
			'budget-usd': {type: 'string'},
			'retry-failed': {type: 'boolean', default: false},
			concurrency: {type: 'string'},
			'shot-list': {type: 'string'},
		},
	});
	const shotList = await loadShotList({root, file: values['shot-list']});
	const shotIds = values.shots === undefined ? [] : values.shots.split(',').map((s) => s.trim()).filter((s) => s !== '');
	const unknown = shotIds.filter((id) => !shotList.shots.some((shot) => shot.id === id));
	if (unknown.length > 0) {
		throw commandLineError('--shots', `no shot ${unknown.map((id) => `"${id}"`).join(', ')} in the shot list`, `known shots: ${shotList.shots.map((s) => s.id).join(', ')}`);
	}
	const providerName = values.provider ?? shotList.defaults.provider;
	const provider = createProvider(providerName, shotList);
	const budgetUsd = numberFlag('--budget-usd', values['budget-usd']);
	const takesPerShot = numberFlag('--takes', values.takes, {integer: true});
	const concurrency = numberFlag('--concurrency', values.concurrency, {integer: true}) ?? shotList.defaults.concurrency;
	const registryFile = path.join(publicDir, REGISTRY_PATH_IN_PUBLIC);
	const store = await openRegistry(registryFile);
	const plan = planGeneration({
		registry: store.current(),
		shotList,
		options: {shotIds, takesPerShot, retryFailed: values['retry-failed'], providerName, model: shotList.defaults.model},
		estimateCostUsd: provider.estimateCostUsd,
		now: new Date().toISOString(),
	});
	const work = [...plan.continued, ...plan.newTakes];
	const seconds = plan.newTakes.reduce((sum, t) => sum + t.params.lengthInSeconds, 0);
	process.stdout.write(`plan (${provider.name}, ${shotList.defaults.model}):\n`);
	for (const shot of shotList.shots.filter((s) => shotIds.length === 0 || shotIds.includes(s.id))) {
		const fresh = plan.newTakes.filter((t) => t.shotId === shot.id);
		const again = plan.continued.filter((t) => t.shotId === shot.id);
		process.stdout.write(`  ${shot.id.padEnd(24)} ${String(fresh.length).padStart(3)} new, ${String(again.length).padStart(3)} to resume  ${fresh.reduce((s, t) => s + t.params.lengthInSeconds, 0)} s  ${usd([...fresh, ...again.filter((t) => t.jobId === null)].reduce((s, t) => s + t.estimatedCostUsd, 0))}\n`);
	}
	process.stdout.write(`total: ${plan.newTakes.length} new takes (${seconds} s), ${plan.continued.length} to resume, estimated ${usd(plan.estimatedUsd)}${budgetUsd === null ? '' : ` of a ${usd(budgetUsd)} budget`}\n`);
	if (values['dry-run']) {
		process.stdout.write('dry run: nothing submitted\n');
		return 0;
	}
	if (budgetUsd !== null && plan.estimatedUsd > budgetUsd + 1e-9) {
		process.stderr.write(`refusing to start: the estimate ${usd(plan.estimatedUsd)} is over the budget ${usd(budgetUsd)}; raise --budget-usd or ask for fewer takes (--takes, --shots)\n`);
		return 1;
	}
	if (work.length === 0) {
		process.stdout.write('nothing to do: every shot has its takes\n');
		return 0;
	}
	// Every take exists in the registry before the first paid call.
	await registerPlan(store, plan);
	const ids = new Set(work.map((t) => t.id));
	const statuses = new Map<string, Take['status']>();
	return withInterrupt('stopping: no new jobs; submitted jobs stay in the registry and resume on the next run', async (signal) => {
		const summary = await runGeneration({
			store,
			provider,
			takeIds: work.map((t) => t.id),
			publicDir,
			concurrency,
			budgetUsd,
			signal,
			timings: {
				...(process.env.SONGREEL_FIRST_POLL_MS ? {firstPollInMs: Number(process.env.SONGREEL_FIRST_POLL_MS)} : {}),
				...(process.env.SONGREEL_MAX_POLL_MS ? {maxPollInMs: Number(process.env.SONGREEL_MAX_POLL_MS)} : {}),
				...(process.env.SONGREEL_RETRY_BASE_MS ? {retryBaseInMs: Number(process.env.SONGREEL_RETRY_BASE_MS)} : {}),
			},
			onChange: () => {
				for (const take of store.current().takes) {
					if (ids.has(take.id) && statuses.get(take.id) !== take.status) {
						statuses.set(take.id, take.status);
						const detail = take.status === 'failed' ? `: ${take.error?.code} ${take.error?.message}` : '';
						process.stderr.write(`${take.id} ${take.status}${detail}  [${statusLine(store.current().takes, ids)}]\n`);
					}
				}
			},
		});
		process.stdout.write(
			`${summary.completed} complete, ${summary.failed} failed${summary.skippedForBudget > 0 ? `, ${summary.skippedForBudget} not submitted (budget)` : ''}, spent ${usd(summary.spentUsd)}; registry: ${path.relative(root, registryFile)}\n`,
		);
		if (summary.stopped) {
			return 130;
		}
		return summary.failed > 0 ? 1 : 0;
	});
};
