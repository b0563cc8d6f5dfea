import {setMaxListeners} from 'node:events';
import {mkdir, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {nodeReader} from '@remotion/media-parser/node';
import {probeWithMediaParser} from '../assets/probe-with-media-parser.ts';
import {checkDecodes} from '../media/check-decodes.ts';
import {sha256OfFile} from '../media/sha256-of-file.ts';
import {ownedJobIds, projectSpend} from '../takes/project-spend.ts';
import type {RegistryStore} from '../takes/registry-store.ts';
import type {LedgerEntry, Take, TakeFacts} from '../takes/take-schema.ts';
import {sleep} from './abortable.ts';
import {type ClipProvider, type JobState, parseSize, ProviderError} from './clip-provider.ts';
import {createCreateGate} from './create-gate.ts';
import {matchLostCreates} from './match-lost-creates.ts';
import {requestOfTake} from './plan-generation.ts';

/** Tuning of a run; the defaults suit real providers (minutes a clip), tests shorten them. */
export type RunTimings = {
	readonly firstPollInMs: number;
	readonly maxPollInMs: number;
	readonly retryBaseInMs: number;
	readonly maxRetryInMs: number;
	/** Tries of one step (a create, a poll, a download, a new job after a failed one) before the take waits for the next run. */
	readonly maxAttempts: number;
	/** How far the provider's clock may be behind ours when matching lost creates by their creation time. */
	readonly clockSkewInSeconds: number;
};

const DEFAULT_TIMINGS: RunTimings = {firstPollInMs: 5_000, maxPollInMs: 30_000, retryBaseInMs: 2_000, maxRetryInMs: 60_000, maxAttempts: 5, clockSkewInSeconds: 120};

/** Money limits of a run: `runUsd` caps what this run commits to new jobs; `projectUsd` caps the project's total (ledger + jobs in flight + this run's creates). */
export type GenerationBudget = {readonly runUsd: number | null; readonly projectUsd: number | null};

/** Inputs of a run: the registry, the provider, the takes to work on and the limits. */
export type RunGenerationInput = {
	readonly store: RegistryStore;
	readonly provider: ClipProvider;
	/** Ids of takes already in the registry to work on, in order. */
	readonly takeIds: readonly string[];
	readonly publicDir: string;
	readonly concurrency: number;
	readonly budget?: GenerationBudget;
	readonly signal?: AbortSignal;
	readonly timings?: Partial<RunTimings>;
	/** Called after every registry change, for progress displays. */
	readonly onChange?: () => void;
	/** Called with each take's file once it is verified, before it is marked complete (automatic QC). */
	readonly onDownloaded?: (take: Take) => Promise<Partial<Take>>;
};

/** How a run ended. */
export type RunSummary = {
	readonly completed: number;
	/** Takes that ended failed (for good, or until the next run for transient failures). */
	readonly failed: number;
	readonly skippedForBudget: number;
	/** The user stopped the run (Ctrl-C), or it stopped for `authError`. */
	readonly stopped: boolean;
	/** The provider refused the key (401/403): the run stopped at once and takes were left as they were. */
	readonly authError: string | null;
	/** Create requests sent, and jobs adopted from creates whose answer was lost. */
	readonly creates: number;
	readonly adopted: number;
	/** Ledger entries written by this run (jobs that ended, whichever run created them). */
	readonly billedUsd: number;
};

type Outcome = 'completed' | 'failed' | 'skipped' | 'stopped';

/**
 * When to ask again about a job. Once the provider reports progress, the job's own pace predicts when it ends,
 * so the poll lands just after that instead of up to a whole backoff step late; before that, plain backoff.
 */
export const nextPollInMs = ({progress, elapsedInMs, backoffInMs, timings}: {progress: number; elapsedInMs: number; backoffInMs: number; timings: Pick<RunTimings, 'firstPollInMs' | 'maxPollInMs'>}): number => {
	if (progress <= 0 || progress >= 100) {
		return backoffInMs;
	}
	const remainingInMs = (elapsedInMs * (100 - progress)) / progress;
	return Math.min(timings.maxPollInMs, Math.max(timings.firstPollInMs / 5, remainingInMs * 1.05));
};

/** Probes a take's file: duration, size, frame rate, codec and whether it has audio. */
export const probeTake = async (file: string): Promise<TakeFacts> => {
	const {durationInSeconds, width, height, fps, videoCodec, audioCodec} = await probeWithMediaParser({src: file, reader: nodeReader});
	return {durationInSeconds, width, height, fps, videoCodec, hasAudio: audioCodec !== null};
};

// A downloaded file must decode to the end and be what was asked for: a wrong size or a much shorter clip
// is a broken delivery, retried like a dropped connection.
const verifyClip = async (file: string, take: Take): Promise<TakeFacts> => {
	try {
		await checkDecodes(file);
	} catch (error) {
		throw new ProviderError({code: 'corrupt_file', message: `the downloaded file does not decode: ${(error as Error).message.slice(0, 200)}`, kind: 'transient'});
	}
	const facts = await probeTake(file);
	const {width, height} = parseSize(take.params.size);
	const tolerance = Math.max(0.25, take.params.lengthInSeconds * 0.1);
	if (Math.abs(facts.durationInSeconds - take.params.lengthInSeconds) > tolerance) {
		throw new ProviderError({code: 'wrong_duration', message: `the clip lasts ${facts.durationInSeconds.toFixed(2)} s, ${take.params.lengthInSeconds} s were asked`, kind: 'transient'});
	}
	if (facts.width !== width || facts.height !== height) {
		throw new ProviderError({code: 'wrong_size', message: `the clip is ${facts.width}x${facts.height}, ${take.params.size} was asked`, kind: 'transient'});
	}
	return facts;
};

const asProviderError = (error: unknown): ProviderError =>
	error instanceof ProviderError ? error : new ProviderError({code: 'unexpected', message: error instanceof Error ? error.message : String(error), kind: 'transient'});

const takeError = (error: ProviderError): NonNullable<Take['error']> => ({code: error.code, message: error.message, permanent: error.kind === 'permanent'});

/**
 * Works takes through create → poll → download → verify with at most `concurrency` jobs at once.
 *
 * Money is exact against providers that honour no idempotency key: a take is written as `submitting` (with the
 * time) before its create is sent, and its job id is written before the create is counted done. A take found
 * `submitting` (a crash, a kill, a 5xx or a reset after sending) is reconciled: the provider's job list is read
 * and a job with the same request made after the submit time, owned by no take and no ledger entry, is adopted;
 * only when there is none is the create sent again. The provider's client never repeats a create on its own.
 * When a job ends, what the provider bills for it is appended to the registry's ledger in the same write.
 */
export const runGeneration = async (input: RunGenerationInput): Promise<RunSummary> => {
	const {store, provider} = input;
	const timings = {...DEFAULT_TIMINGS, ...input.timings};
	const budget = input.budget ?? {runUsd: null, projectUsd: null};
	const gate = createCreateGate();
	// One signal for every call: the user's Ctrl-C, or a refused key, stops them all at once.
	const run = new AbortController();
	// Each worker holds at most a call and a wait on this signal, and removes them after: the count is bounded by
	// the concurrency, so the limit is raised to that instead of warning at 11.
	setMaxListeners(Math.max(10, input.concurrency * 3 + 4), run.signal);
	const onUserAbort = (): void => run.abort();
	if (input.signal?.aborted) {
		run.abort();
	}
	input.signal?.addEventListener('abort', onUserAbort, {once: true});
	const {signal} = run;
	let authError: string | null = null;
	let creates = 0;
	let adopted = 0;
	let billedUsd = 0;
	let skippedForBudget = 0;
	/** Creates sent (or about to be) whose job id is not recorded yet, by take. */
	const pending = new Map<string, number>();
	/** What this run has committed to new jobs. */
	let runCommittedUsd = 0;

	const current = (id: string): Take => {
		const take = store.current().takes.find((t) => t.id === id);
		if (!take) {
			throw new Error(`songreel bug: take ${id} is not in the registry`);
		}
		return take;
	};
	const update = async (id: string, patch: Partial<Take>): Promise<Take> => {
		const take = await store.updateTake(id, patch);
		input.onChange?.();
		return take;
	};
	const stopForAuth = (error: ProviderError): void => {
		authError ??= error.message;
		run.abort();
	};
	const backoffInMs = (attempt: number): number => Math.min(timings.maxRetryInMs, timings.retryBaseInMs * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);

	// Retries a transient failure with exponential backoff (or the provider's Retry-After); anything else is thrown.
	const withRetries = async <T>(work: () => Promise<T>): Promise<T> => {
		for (let attempt = 1; ; attempt++) {
			try {
				return await work();
			} catch (error) {
				const classified = asProviderError(error);
				if (classified.kind !== 'transient' || attempt >= timings.maxAttempts || signal.aborted) {
					throw classified;
				}
				await sleep(classified.retryAfterInMs ?? backoffInMs(attempt), signal);
			}
		}
	};

	const settlePending = (takeId: string, {made}: {made: boolean}): void => {
		const usd = pending.get(takeId);
		if (usd !== undefined) {
			pending.delete(takeId);
			if (!made) {
				runCommittedUsd -= usd;
			}
		}
	};

	// Reads the provider's jobs and adopts those that lost creates of these takes made; takes with none go back to planned.
	const reconcile = (ids: readonly string[]): Promise<void> =>
		gate.exclusive(async () => {
			const lost = store.current().takes.filter((take) => ids.includes(take.id) && take.status === 'submitting' && take.jobId === null);
			if (lost.length === 0) {
				return;
			}
			if (provider.lostCreates === 'ask') {
				// Nothing to list and no key honoured: creating again could pay twice, so a person decides.
				const ids = new Set(lost.map((take) => take.id));
				await store.update((registry) => ({
					...registry,
					takes: registry.takes.map((take) =>
						ids.has(take.id)
							? {
									...take,
									status: 'failed',
									error: {
										code: 'unconfirmed_create',
										message: `the answer to the create sent at ${take.submittedAt ?? '?'} was lost and ${provider.name} lists no jobs: look for a task made then in its dashboard; if there is none, run "songreel generate --retry-failed"; if there is, note its id`,
										permanent: true,
									},
								}
							: take,
					),
				}));
				input.onChange?.();
				for (const take of lost) {
					settlePending(take.id, {made: true});
				}
				return;
			}
			let pairs = new Map<string, string>();
			if (provider.listJobs !== null) {
				const submittedAtInMs = (take: Take): number => (take.submittedAt === null ? 0 : Date.parse(take.submittedAt));
				const since = Math.floor(Math.min(...lost.map(submittedAtInMs)) / 1000) - timings.clockSkewInSeconds;
				const listJobs = provider.listJobs;
				const jobs = await withRetries(() => listJobs({sinceInSeconds: since}, {signal}));
				pairs = matchLostCreates({
					lost: lost.map((take) => ({takeId: take.id, model: take.model, prompt: take.prompt, lengthInSeconds: take.params.lengthInSeconds, size: take.params.size, submittedAtInMs: submittedAtInMs(take)})),
					jobs,
					ownedJobIds: ownedJobIds(store.current()),
					clockSkewInSeconds: timings.clockSkewInSeconds,
				});
			}
			const byId = new Map(lost.map((take) => [take.id, take]));
			await store.update((registry) => ({
				...registry,
				takes: registry.takes.map((take) => {
					if (!byId.has(take.id)) {
						return take;
					}
					const jobId = pairs.get(take.id);
					// No job at the provider: the create never arrived, so sending it again pays once.
					return jobId === undefined ? {...take, status: 'planned', submittedAt: null} : {...take, jobId, status: 'queued', error: null};
				}),
			}));
			input.onChange?.();
			for (const take of lost) {
				settlePending(take.id, {made: pairs.has(take.id)});
			}
			adopted += pairs.size;
		});

	const overBudget = (usd: number): boolean => {
		const pendingUsd = [...pending.values()].reduce((sum, value) => sum + value, 0);
		if (budget.runUsd !== null && runCommittedUsd + usd > budget.runUsd + 1e-9) {
			return true;
		}
		if (budget.projectUsd !== null) {
			const spend = projectSpend(store.current());
			return spend.billedUsd + spend.inFlightUsd + pendingUsd + usd > budget.projectUsd + 1e-9;
		}
		return false;
	};

	// Gets the take a job: adopts the one a lost create made, or creates one. Returns the take with its job id, or how it ended.
	const obtainJob = async (id: string): Promise<Take | Outcome> => {
		for (let attempt = 1; ; attempt++) {
			if (signal.aborted) {
				return 'stopped';
			}
			let take = current(id);
			if (take.status === 'submitting') {
				try {
					await reconcile([id]);
				} catch (error) {
					const classified = asProviderError(error);
					if (classified.kind === 'auth') {
						stopForAuth(classified);
						return 'stopped';
					}
					if (signal.aborted) {
						return 'stopped';
					}
					// Still unknown whether the job exists: it stays `submitting`, and the next run reconciles it.
					await update(id, {error: takeError(classified)});
					return 'failed';
				}
				take = current(id);
				if (take.jobId !== null) {
					return take;
				}
				if (take.status === 'failed') {
					return 'failed';
				}
			}
			const request = requestOfTake(take, input.publicDir);
			if (overBudget(take.estimatedCostUsd)) {
				skippedForBudget++;
				return 'skipped';
			}
			const before = {status: take.status, submittedAt: take.submittedAt};
			pending.set(id, take.estimatedCostUsd);
			runCommittedUsd += take.estimatedCostUsd;
			// Written before the paid call: a crash from here on leaves a take that the next run reconciles.
			take = await update(id, {status: 'submitting', submittedAt: new Date().toISOString()});
			try {
				return await gate.shared(async () => {
					creates++;
					const {jobId} = await provider.submit(request, {signal});
					let recorded: Take;
					try {
						recorded = await update(id, {jobId, status: 'queued', error: null});
					} catch (error) {
						// The job exists but its id could not be written: like a lost answer, it is reconciled, never re-sent.
						throw new ProviderError({code: 'record_failed', message: `job ${jobId} was made but could not be recorded: ${(error as Error).message}`, kind: 'ambiguous'});
					}
					settlePending(id, {made: true});
					return recorded;
				});
			} catch (error) {
				const classified = asProviderError(error);
				if (classified.kind === 'ambiguous') {
					// The job may exist: keep `submitting`; the next pass of this loop (or the next run) reconciles.
					if (signal.aborted) {
						return 'stopped';
					}
					if (attempt >= timings.maxAttempts) {
						await update(id, {error: takeError(classified)});
						return 'failed';
					}
					await sleep(classified.retryAfterInMs ?? backoffInMs(attempt), signal);
					continue;
				}
				// Refused before anything was made: the take is as it was before the call.
				settlePending(id, {made: false});
				if (classified.kind === 'auth') {
					await update(id, before);
					stopForAuth(classified);
					return 'stopped';
				}
				if (classified.kind === 'aborted') {
					await update(id, before);
					return 'stopped';
				}
				if (classified.kind === 'permanent' || attempt >= timings.maxAttempts) {
					await update(id, {status: 'failed', submittedAt: null, error: takeError(classified)});
					return 'failed';
				}
				await update(id, {status: 'planned', submittedAt: null});
				await sleep(classified.retryAfterInMs ?? backoffInMs(attempt), signal);
			}
		}
	};

	// Appends what the provider bills for a job that ended, with the take's change, in one atomic write.
	const recordEnd = async (take: Take, state: JobState, patch: Partial<Take>): Promise<Take> => {
		const jobId = take.jobId as string;
		const next = await store.update((registry) => {
			const known = registry.ledger.some((entry) => entry.jobId === jobId);
			const entry: LedgerEntry = {jobId, takeId: take.id, provider: provider.name, usd: state.billedUsd ?? 0, outcome: state.status === 'completed' ? 'completed' : 'failed', code: state.error?.code ?? null, at: new Date().toISOString()};
			const ledger = known ? registry.ledger : [...registry.ledger, entry];
			const costUsd = ledger.filter((e) => e.takeId === take.id).reduce((sum, e) => sum + e.usd, 0);
			if (!known) {
				billedUsd += entry.usd;
			}
			return {...registry, ledger, takes: registry.takes.map((t) => (t.id === take.id ? {...t, costUsd, ...patch} : t))};
		});
		input.onChange?.();
		return next.takes.find((t) => t.id === take.id) as Take;
	};

	// Follows a take's job to a verified file. 'again' means the job failed in a way a new job may not.
	const followJob = async (initial: Take): Promise<Outcome | 'again'> => {
		let take = initial;
		const request = requestOfTake(take, input.publicDir);
		const job = {jobId: take.jobId as string, request};
		const finished = store.current().ledger.some((entry) => entry.jobId === job.jobId && entry.outcome === 'completed');
		if (!finished) {
			let delay = timings.firstPollInMs;
			// Progress counts from the job's creation, so its pace is measured from there.
			const pollingSince = take.submittedAt === null ? Date.now() : Date.parse(take.submittedAt);
			for (;;) {
				if (signal.aborted) {
					return 'stopped';
				}
				const state = await withRetries(() => provider.poll(job, {signal}));
				if (state.status === 'completed') {
					take = await recordEnd(take, state, {status: 'downloading', progress: 100});
					break;
				}
				if (state.status === 'failed') {
					const error = {code: state.error?.code ?? 'failed', message: state.error?.message ?? 'the provider reported a failure', permanent: !state.retryable};
					if (!state.retryable) {
						await recordEnd(take, state, {status: 'failed', error});
						return 'failed';
					}
					// The service broke (and may have billed it): this take needs a new job, which is a new attempt.
					const attempt = take.attempt + 1;
					const key = `${take.idempotencyKey.replace(/:a\d+$/, '')}:a${attempt}`;
					await recordEnd(take, state, {status: 'planned', jobId: null, submittedAt: null, progress: 0, attempt, idempotencyKey: key, error});
					return 'again';
				}
				if (state.status !== take.status || state.progress - take.progress >= 10) {
					take = await update(take.id, {status: state.status, progress: state.progress});
				}
				await sleep(nextPollInMs({progress: state.progress, elapsedInMs: Date.now() - pollingSince, backoffInMs: delay, timings}), signal);
				delay = Math.min(timings.maxPollInMs, delay * 1.5);
			}
		} else if (take.status !== 'downloading') {
			take = await update(take.id, {status: 'downloading', progress: 100});
		}
		const target = path.join(input.publicDir, 'takes', take.shotId, `${take.id.split('/').pop()}.mp4`);
		await mkdir(path.dirname(target), {recursive: true});
		const partial = `${target}.part.mp4`;
		const facts = await withRetries(async () => {
			await rm(partial, {force: true});
			await provider.download(job, partial, {signal});
			return verifyClip(partial, take);
		});
		const sha256 = await sha256OfFile(partial);
		await rename(partial, target);
		const done = {...take, file: path.relative(input.publicDir, target), sha256, facts};
		const extra = input.onDownloaded ? await input.onDownloaded(done) : {};
		await update(take.id, {status: 'complete', file: done.file, sha256, facts, completedAt: new Date().toISOString(), error: null, ...extra});
		return 'completed';
	};

	const processTake = async (id: string): Promise<Outcome> => {
		for (let jobAttempt = 1; ; jobAttempt++) {
			let take = current(id);
			if (take.jobId === null) {
				const obtained = await obtainJob(id);
				if (typeof obtained === 'string') {
					return obtained;
				}
				take = obtained;
			}
			try {
				const outcome = await followJob(take);
				if (outcome !== 'again') {
					return outcome;
				}
				if (jobAttempt >= timings.maxAttempts) {
					await update(id, {status: 'failed'});
					return 'failed';
				}
				await sleep(backoffInMs(jobAttempt), signal);
			} catch (error) {
				const classified = asProviderError(error);
				if (classified.kind === 'auth') {
					stopForAuth(classified);
					return 'stopped';
				}
				if (classified.kind === 'aborted' || signal.aborted) {
					return 'stopped';
				}
				// The job stays on the take: a transient failure resumes it on the next run; a permanent one (410) is final.
				await update(id, {status: 'failed', error: takeError(classified)});
				return 'failed';
			}
		}
	};

	const counts: Record<Outcome, number> = {completed: 0, failed: 0, skipped: 0, stopped: 0};
	try {
		// Creates lost by an earlier run are settled before anything new is sent, with one look at the provider's list.
		try {
			await reconcile(input.takeIds);
		} catch (error) {
			const classified = asProviderError(error);
			if (classified.kind === 'auth') {
				stopForAuth(classified);
			}
			// Otherwise each take tries again on its own below.
		}
		const queue = [...input.takeIds];
		const worker = async (): Promise<void> => {
			while (queue.length > 0 && !signal.aborted) {
				counts[await processTake(queue.shift() as string)]++;
			}
		};
		await Promise.all(Array.from({length: Math.max(1, input.concurrency)}, worker));
	} finally {
		input.signal?.removeEventListener('abort', onUserAbort);
	}
	return {completed: counts.completed, failed: counts.failed, skippedForBudget, stopped: signal.aborted, authError, creates, adopted, billedUsd};
};
