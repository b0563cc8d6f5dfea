import path from 'node:path';
import {parseArgs} from 'node:util';
import type {ClipProvider} from '../../generation/clip-provider.ts';
import {createOfflineProvider} from '../../generation/offline-provider.ts';
import {createOpenAiProvider} from '../../generation/openai-provider.ts';
import {createRunwayProvider} from '../../generation/runway-provider.ts';
import {createVeoProvider} from '../../generation/veo-provider.ts';
import {createReplicateProvider, REPLICATE_MODELS} from '../../generation/replicate-provider.ts';
import {generationMessages} from '../../generation/messages.ts';
import {planGeneration} from '../../generation/plan-generation.ts';
import {referenceImageProblem} from '../../generation/reference-image.ts';
import {registerPlan} from '../../generation/register-plan.ts';
import {withInterrupt} from '../with-interrupt.ts';
import {cliMessages} from '../cli-messages.ts';
import {deprecationWarning} from '../options.ts';
import {generateForCommand, type GenerateForValues} from './generate-for-command.ts';
import {type GenerationBudget, type RunSummary, runGeneration} from '../../generation/run-generation.ts';
import {DEFAULT_SHOT_LIST, loadShotList} from '../../project/load-shot-list.ts';
import {SongreelInputError} from '../../problems/problem.ts';
import type {ShotList} from '../../schemas/shot-list-schema.ts';
import {REGISTRY_PATH_IN_PUBLIC} from '../../takes/registry-path.ts';
import {openRegistry, type RegistryStore} from '../../takes/registry-store.ts';
import {projectSpend} from '../../takes/project-spend.ts';
import {checkRegisteredTake} from '../../takes/qc/check-registered-take.ts';
import type {Registry, Take} from '../../takes/take-schema.ts';

export const commandLineError = (flag: string, message: string, fix?: string): SongreelInputError =>
	new SongreelInputError([fix === undefined ? {file: 'command line', path: flag, message} : {file: 'command line', path: flag, message, fix}]);

export const numberFlag = (flag: string, value: string | undefined, {integer = false, min = 0} = {}): number | null => {
	if (value === undefined) {
		return null;
	}
	const parsed = Number(value);
	if (!Number.isFinite(parsed) || parsed < min || (integer && !Number.isInteger(parsed))) {
		throw commandLineError(flag, `expected a ${integer ? 'whole ' : ''}number${min > 0 ? ` of at least ${min}` : ''}, got "${value}"`);
	}
	return parsed;
};

/**
 * The shot ids `--shots` names (comma-separated); none when it is not given. Given but naming none (`--shots ""`, an
 * empty variable in a script) is refused: read as "every shot", it would pay for takes nobody asked for.
 */
export const shotIdsFlag = (value: string | undefined): string[] => {
	if (value === undefined) {
		return [];
	}
	const ids = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
	if (ids.length === 0) {
		throw commandLineError('--shots', `names no shot, got ${JSON.stringify(value)}`, 'give shot ids separated by commas, or leave --shots out for every shot');
	}
	return ids;
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
		return createOpenAiProvider({baseURL, apiKey, pricePerSecondUsd: shotList.defaults.pricePerSecondUsd});
	}
	if (name === 'runway') {
		const apiKey = env.RUNWAYML_API_SECRET;
		if (!apiKey) {
			throw commandLineError('--provider', 'the runway provider needs RUNWAYML_API_SECRET', 'set it to a key from the Runway developer portal (RUNWAYML_BASE_URL overrides the API address)');
		}
		return createRunwayProvider({apiKey, pricePerSecondUsd: shotList.defaults.pricePerSecondUsd, ...(env.RUNWAYML_BASE_URL ? {baseURL: env.RUNWAYML_BASE_URL} : {})}, shotList.defaults.model);
	}
	if (name === 'veo') {
		const apiKey = env.GEMINI_API_KEY;
		if (!apiKey) {
			throw commandLineError('--provider', 'the veo provider needs GEMINI_API_KEY', 'set it to a Gemini API key from Google AI Studio (GEMINI_BASE_URL overrides the API address)');
		}
		return createVeoProvider({apiKey, pricePerSecondUsd: shotList.defaults.pricePerSecondUsd, ...(env.GEMINI_BASE_URL ? {baseURL: env.GEMINI_BASE_URL} : {})}, shotList.defaults.model);
	}
	if (name === 'replicate') {
		const apiToken = env.REPLICATE_API_TOKEN;
		if (!apiToken) {
			throw commandLineError('--provider', 'the replicate provider needs REPLICATE_API_TOKEN', 'set it to an API token from replicate.com/account/api-tokens (REPLICATE_BASE_URL overrides the API address)');
		}
		const model = shotList.defaults.model;
		if (!(model in REPLICATE_MODELS)) {
			throw commandLineError('--provider', `the replicate provider does not know the model "${model}"`, `set the shot list's defaults.model to one of ${Object.keys(REPLICATE_MODELS).join(', ')}`);
		}
		return createReplicateProvider({apiToken, pricePerSecondUsd: shotList.defaults.pricePerSecondUsd, ...(env.REPLICATE_BASE_URL ? {baseUrl: env.REPLICATE_BASE_URL} : {})}, model);
	}
	throw commandLineError('--provider', `unknown provider "${name}"`, 'use offline, openai, runway, veo or replicate (for folders of downloaded clips, use songreel import)');
};

export const usd = (value: number): string => `$${value.toFixed(2)}`;

const statusLine = (registry: Registry, ids: ReadonlySet<string>): string => {
	const mine = registry.takes.filter((t) => ids.has(t.id));
	const count = (statuses: readonly Take['status'][]): number => mine.filter((t) => statuses.includes(t.status)).length;
	const spent = registry.ledger.filter((entry) => ids.has(entry.takeId)).reduce((sum, entry) => sum + entry.usd, 0);
	return `queued ${count(['planned', 'submitting', 'queued'])} | in progress ${count(['in_progress', 'downloading'])} | done ${count(['complete'])} | failed ${count(['failed'])} | billed ${usd(spent)}`;
};

/** What is left to do for the shots a run was about: the last line of every generate run says it. */
export const nextStep = (registry: Registry, shotIds: ReadonlySet<string>): {line: string; done: boolean} => {
	const wanted = registry.takes.filter((take) => shotIds.has(take.shotId) && take.rejectedReason === null);
	const failedForGood = wanted.filter((take) => take.status === 'failed' && take.error?.permanent === true);
	const unresolved = wanted.filter((take) => take.status !== 'complete' && !failedForGood.includes(take));
	if (failedForGood.length === 0 && unresolved.length === 0) {
		return {line: `all ${wanted.length} takes complete; next: "songreel takes" to review, "songreel pick <shot> <take>" to choose`, done: true};
	}
	const parts: string[] = [];
	if (unresolved.length > 0) {
		parts.push(`${unresolved.length} take${unresolved.length === 1 ? ' is' : 's are'} unfinished (${unresolved.map((t) => t.id).slice(0, 4).join(', ')}${unresolved.length > 4 ? ', …' : ''}): run "songreel generate" again to resume them`);
	}
	if (failedForGood.length > 0) {
		const unconfirmed = failedForGood.some((t) => t.error?.code === 'unconfirmed_create');
		parts.push(
			`${failedForGood.length} failed for good (${failedForGood.map((t) => `${t.id}: ${t.error?.code}`).slice(0, 4).join(', ')}${failedForGood.length > 4 ? ', …' : ''}): "songreel takes" shows why; ` +
				`${unconfirmed ? "for unconfirmed_create, first check the provider's dashboard for the job; " : ''}"songreel generate --retry-failed" makes a new attempt (change the prompt first if it was refused), or "songreel reject <take> --reason …"`,
		);
	}
	return {line: `next: ${parts.join('; ')}`, done: false};
};

/** How a run of takes ended, for the caller's last line: an exit code when it must stop there (key refused, Ctrl-C). */
export type TakesRunOutcome = {readonly exitCode: number | null; readonly budgetNote: string; readonly summary: RunSummary};

/** Runs registered takes through the provider, printing each change and a summary; QC runs on every downloaded take. */
export const runTakes = async ({store, provider, takeIds, publicDir, root, concurrency, budget, signal}: {
	store: RegistryStore;
	provider: ClipProvider;
	takeIds: readonly string[];
	publicDir: string;
	root: string;
	concurrency: number;
	budget: GenerationBudget;
	signal: AbortSignal;
}): Promise<TakesRunOutcome> => {
	const ids = new Set(takeIds);
	const statuses = new Map<string, Take['status']>();
	const summary = await runGeneration({
		store,
		provider,
		takeIds,
		publicDir,
		concurrency,
		budget,
		signal,
		timings: {
			...(process.env.SONGREEL_FIRST_POLL_MS ? {firstPollInMs: Number(process.env.SONGREEL_FIRST_POLL_MS)} : {}),
			...(process.env.SONGREEL_MAX_POLL_MS ? {maxPollInMs: Number(process.env.SONGREEL_MAX_POLL_MS)} : {}),
			...(process.env.SONGREEL_RETRY_BASE_MS ? {retryBaseInMs: Number(process.env.SONGREEL_RETRY_BASE_MS)} : {}),
			...(process.env.SONGREEL_CLOCK_SKEW_S ? {clockSkewInSeconds: Number(process.env.SONGREEL_CLOCK_SKEW_S)} : {}),
		},
		// Automatic QC of every downloaded take, recorded with it; a QC failure never loses the take.
		onDownloaded: async (take) => {
			try {
				return {qc: await checkRegisteredTake({take, registry: store.current(), publicDir})};
			} catch (error) {
				process.stderr.write(`${take.id}: QC could not run (${(error as Error).message}); run "songreel qc ${take.shotId}" later\n`);
				return {};
			}
		},
		onChange: () => {
			for (const take of store.current().takes) {
				if (ids.has(take.id) && statuses.get(take.id) !== take.status) {
					statuses.set(take.id, take.status);
					const detail = take.status === 'failed' ? `: ${take.error?.code} ${take.error?.message}` : '';
					process.stderr.write(`${take.id} ${take.status}${detail}  [${statusLine(store.current(), ids)}]\n`);
				}
			}
		},
	});
	const total = projectSpend(store.current());
	process.stdout.write(
		`${summary.completed} complete, ${summary.failed} failed${summary.skippedForBudget > 0 ? `, ${summary.skippedForBudget} not submitted (budget)` : ''}; ` +
			`${summary.creates} create${summary.creates === 1 ? '' : 's'} sent, ${summary.adopted} lost create${summary.adopted === 1 ? '' : 's'} reconciled; ` +
			`billed this run ${usd(summary.billedUsd)}, project ${usd(total.billedUsd)} (+${usd(total.inFlightUsd)} in flight); registry: ${path.relative(root, store.file)}\n`,
	);
	const budgetNote = summary.skippedForBudget > 0 ? `${summary.skippedForBudget} take${summary.skippedForBudget === 1 ? '' : 's'} not submitted within the budget: raise --budget-usd/--project-budget-usd and run again; ` : '';
	if (summary.authError !== null) {
		process.stderr.write(`the provider refused the key: ${summary.authError}\nstopped at once; takes were left as they were: fix OPENAI_API_KEY (or the key's access) and run "songreel generate" again\n`);
		return {exitCode: 1, budgetNote, summary};
	}
	if (summary.stopped) {
		process.stdout.write('stopped: run "songreel generate" again to resume\n');
		return {exitCode: 130, budgetNote, summary};
	}
	return {exitCode: null, budgetNote, summary};
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
			'project-budget-usd': {type: 'string'},
			'retry-failed': {type: 'boolean', default: false},
			jobs: {type: 'string'},
			// Deprecated name of --jobs, kept for one release.
			concurrency: {type: 'string'},
			'shot-list': {type: 'string'},
			for: {type: 'string'},
			'no-pick': {type: 'boolean', default: false},
			compositions: {type: 'string'},
		},
	});
	if (values.for !== undefined) {
		return generateForCommand(values as GenerateForValues, {root, publicDir});
	}
	for (const flag of ['no-pick', 'compositions'] as const) {
		if (values[flag]) {
			throw commandLineError(`--${flag}`, 'only goes with --for <video>', 'e.g. songreel generate --for DemoVideo --no-pick');
		}
	}
	const shotList = await loadShotList({root, file: values['shot-list']});
	const shotIds = shotIdsFlag(values.shots);
	const unknown = shotIds.filter((id) => !shotList.shots.some((shot) => shot.id === id));
	if (unknown.length > 0) {
		throw commandLineError('--shots', `no shot ${unknown.map((id) => `"${id}"`).join(', ')} in the shot list`, `known shots: ${shotList.shots.map((s) => s.id).join(', ')}`);
	}
	const providerName = values.provider ?? shotList.defaults.provider;
	const provider = createProvider(providerName, shotList);
	const shotListFile = path.relative(root, path.resolve(root, values['shot-list'] ?? DEFAULT_SHOT_LIST));
	const wanted = (shot: ShotList['shots'][number]): boolean => shotIds.length === 0 || shotIds.includes(shot.id);
	const imageProblems = shotList.shots.flatMap((shot, index) => {
		const wrong = shot.referenceImage === undefined || !wanted(shot) ? null : referenceImageProblem({publicDir, image: shot.referenceImage, provider});
		return wrong === null ? [] : [{file: shotListFile, path: `shots[${index}].referenceImage`, ...wrong}];
	});
	if (imageProblems.length > 0) {
		throw new SongreelInputError(imageProblems);
	}
	const budget = {runUsd: numberFlag('--budget-usd', values['budget-usd']), projectUsd: numberFlag('--project-budget-usd', values['project-budget-usd'])};
	const takesPerShot = numberFlag('--takes', values.takes, {integer: true, min: 1});
	if (values.concurrency !== undefined) {
		if (values.jobs !== undefined) {
			throw commandLineError('--concurrency', cliMessages.bothOldAndNewOption('--concurrency', '--jobs'));
		}
		process.stderr.write(`warning: ${deprecationWarning('concurrency', 'jobs')}\n`);
	}
	const concurrency = numberFlag('--jobs', values.jobs, {integer: true, min: 1}) ?? numberFlag('--concurrency', values.concurrency, {integer: true, min: 1}) ?? shotList.defaults.concurrency;
	const registryFile = path.join(publicDir, REGISTRY_PATH_IN_PUBLIC);
	const store = await openRegistry(registryFile);
	const plan = planGeneration({
		registry: store.current(),
		shotList,
		options: {shotIds, takesPerShot, retryFailed: values['retry-failed'], providerName, model: shotList.defaults.model},
		estimateCostUsd: provider.estimateCostUsd,
		lengthsInSeconds: provider.capabilities.lengthsInSeconds,
		now: new Date().toISOString(),
	});
	// A shot longer than the provider's longest clip gets takes of that length: said once, before anything is sent.
	const longestInSeconds = provider.capabilities.lengthsInSeconds?.at(-1);
	shotList.shots.forEach((shot, index) => {
		const wantedInSeconds = shot.lengthInSeconds ?? shotList.defaults.lengthInSeconds;
		if (longestInSeconds !== undefined && wantedInSeconds > longestInSeconds + 1e-9 && wanted(shot)) {
			const where = shot.lengthInSeconds === undefined ? 'defaults.lengthInSeconds' : `shots[${index}].lengthInSeconds`;
			process.stderr.write(`warning: ${shotListFile}: ${where}: ${generationMessages.shotLongerThanProvider(shot.id, wantedInSeconds, `${provider.name} (${shotList.defaults.model})`, longestInSeconds)}\n`);
		}
	});
	const sizes = provider.capabilities.sizes;
	const unsupported = sizes === null ? [] : plan.newTakes.filter((take) => !sizes.includes(take.params.size));
	if (unsupported.length > 0) {
		throw commandLineError('--provider', `${provider.name} (${shotList.defaults.model}) makes no ${[...new Set(unsupported.map((t) => t.params.size))].join(', ')} clips (shots ${[...new Set(unsupported.map((t) => t.shotId))].join(', ')})`, `use one of ${sizes?.join(', ')} in the shot list`);
	}
	const work = [...plan.continued, ...plan.newTakes];
	const seconds = plan.newTakes.reduce((sum, t) => sum + t.params.lengthInSeconds, 0);
	const spend = projectSpend(store.current());
	process.stdout.write(`plan (${provider.name}, ${shotList.defaults.model}):\n`);
	const selected = shotList.shots.filter(wanted);
	for (const shot of selected) {
		const fresh = plan.newTakes.filter((t) => t.shotId === shot.id);
		const again = plan.continued.filter((t) => t.shotId === shot.id);
		process.stdout.write(`  ${shot.id.padEnd(24)} ${String(fresh.length).padStart(3)} new, ${String(again.length).padStart(3)} to resume  ${fresh.reduce((s, t) => s + t.params.lengthInSeconds, 0)} s  ${usd([...fresh, ...again.filter((t) => t.jobId === null)].reduce((s, t) => s + t.estimatedCostUsd, 0))}\n`);
	}
	process.stdout.write(
		`total: ${plan.newTakes.length} new takes (${seconds} s), ${plan.continued.length} to resume, estimated ${usd(plan.estimatedUsd)}${budget.runUsd === null ? '' : ` of a ${usd(budget.runUsd)} budget`}; ` +
			`project so far: billed ${usd(spend.billedUsd)}, in flight ${usd(spend.inFlightUsd)}${budget.projectUsd === null ? '' : ` of a ${usd(budget.projectUsd)} project budget`}\n`,
	);
	if (values['dry-run']) {
		process.stdout.write('dry run: nothing submitted\n');
		return 0;
	}
	if (budget.runUsd !== null && plan.estimatedUsd > budget.runUsd + 1e-9) {
		process.stderr.write(`refusing to start: the estimate ${usd(plan.estimatedUsd)} is over the budget ${usd(budget.runUsd)}; raise --budget-usd or ask for fewer takes (--takes, --shots)\n`);
		return 1;
	}
	if (budget.projectUsd !== null && spend.billedUsd + spend.inFlightUsd + plan.estimatedUsd > budget.projectUsd + 1e-9) {
		process.stderr.write(
			`refusing to start: billed ${usd(spend.billedUsd)} + in flight ${usd(spend.inFlightUsd)} + this run's estimate ${usd(plan.estimatedUsd)} is over the project budget ${usd(budget.projectUsd)}; raise --project-budget-usd or ask for fewer takes\n`,
		);
		return 1;
	}
	const wantedShots = new Set(selected.map((shot) => shot.id));
	if (work.length === 0) {
		const next = nextStep(store.current(), wantedShots);
		process.stdout.write(`nothing to do: every shot has its takes\n${next.line}\n`);
		return next.done ? 0 : 1;
	}
	// Every take exists in the registry before the first paid call.
	await registerPlan(store, plan);
	const outcome = await withInterrupt('stopping: requests in flight are cancelled; every job sent is in the registry and resumes on the next run', (signal) =>
		runTakes({store, provider, takeIds: work.map((t) => t.id), publicDir, root, concurrency, budget, signal}),
	);
	if (outcome.exitCode !== null) {
		return outcome.exitCode;
	}
	const next = nextStep(store.current(), wantedShots);
	process.stdout.write(`${outcome.budgetNote}${next.line}\n`);
	return next.done ? 0 : 1;
};
