import {mkdir, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {nodeReader} from '@remotion/media-parser/node';
import {probeWithMediaParser} from '../assets/probe-with-media-parser.ts';
import {checkDecodes} from '../media/check-decodes.ts';
import {sha256OfFile} from '../media/sha256-of-file.ts';
import type {RegistryStore} from '../takes/registry-store.ts';
import type {Take, TakeFacts} from '../takes/take-schema.ts';
import {type ClipProvider, parseSize, ProviderError} from './clip-provider.ts';
import {requestOfTake} from './plan-generation.ts';

/** Tuning of a run; the defaults suit real providers (minutes a clip), tests shorten them. */
export type RunTimings = {
	readonly firstPollInMs: number;
	readonly maxPollInMs: number;
	readonly retryBaseInMs: number;
	readonly maxAttempts: number;
};

const DEFAULT_TIMINGS: RunTimings = {firstPollInMs: 5_000, maxPollInMs: 30_000, retryBaseInMs: 2_000, maxAttempts: 5};

/** Inputs of a run: the registry, the provider, the takes to work on and the limits. */
export type RunGenerationInput = {
	readonly store: RegistryStore;
	readonly provider: ClipProvider;
	/** Ids of takes already in the registry to work on, in order. */
	readonly takeIds: readonly string[];
	readonly publicDir: string;
	readonly concurrency: number;
	readonly budgetUsd: number | null;
	readonly signal?: AbortSignal;
	readonly timings?: Partial<RunTimings>;
	/** Called after every registry change, for progress displays. */
	readonly onChange?: () => void;
};

/** How a run ended. */
export type RunSummary = {
	readonly completed: number;
	readonly failed: number;
	readonly skippedForBudget: number;
	readonly stopped: boolean;
	readonly spentUsd: number;
};

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
	new Promise((resolve) => {
		const timer = setTimeout(resolve, ms);
		signal?.addEventListener('abort', () => {
			clearTimeout(timer);
			resolve();
		}, {once: true});
	});

/**
 * When to ask again about a job. Once the provider reports progress, the job's own pace predicts when it ends,
 * so the poll lands just after that instead of up to a whole backoff step late; before that, plain backoff.
 */
export const nextPollInMs = ({progress, elapsedInMs, backoffInMs, timings}: {progress: number; elapsedInMs: number; backoffInMs: number; timings: RunTimings}): number => {
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
		throw new ProviderError({code: 'corrupt_file', message: `the downloaded file does not decode: ${(error as Error).message.slice(0, 200)}`, permanent: false});
	}
	const facts = await probeTake(file);
	const {width, height} = parseSize(take.params.size);
	const tolerance = Math.max(0.25, take.params.lengthInSeconds * 0.1);
	if (Math.abs(facts.durationInSeconds - take.params.lengthInSeconds) > tolerance) {
		throw new ProviderError({code: 'wrong_duration', message: `the clip lasts ${facts.durationInSeconds.toFixed(2)} s, ${take.params.lengthInSeconds} s were asked`, permanent: false});
	}
	if (facts.width !== width || facts.height !== height) {
		throw new ProviderError({code: 'wrong_size', message: `the clip is ${facts.width}x${facts.height}, ${take.params.size} was asked`, permanent: false});
	}
	return facts;
};

/**
 * Works takes through submit → poll → download → verify with at most `concurrency` jobs at once. The registry
 * is written before each paid call (status "submitting", with the take's idempotency key) and after every
 * state change, so a crash at any moment leaves a registry that a re-run resumes without paying twice.
 */
export const runGeneration = async (input: RunGenerationInput): Promise<RunSummary> => {
	const {store, provider, signal} = input;
	const timings = {...DEFAULT_TIMINGS, ...input.timings};
	const queue = [...input.takeIds];
	let inFlightUsd = 0;
	let spentUsd = 0;
	let skippedForBudget = 0;
	const update = async (id: string, patch: Partial<Take>): Promise<Take> => {
		const take = await store.updateTake(id, patch);
		input.onChange?.();
		return take;
	};
	const fail = (id: string, error: ProviderError): Promise<Take> => update(id, {status: 'failed', error: {code: error.code, message: error.message, permanent: error.permanent}});

	// Retries a transient failure with exponential backoff; a permanent one, or the last attempt, is thrown.
	const withRetries = async <T>(work: () => Promise<T>): Promise<T> => {
		for (let attempt = 1; ; attempt++) {
			try {
				return await work();
			} catch (error) {
				const classified = error instanceof ProviderError ? error : new ProviderError({code: 'unexpected', message: (error as Error).message, permanent: false});
				if (classified.permanent || attempt >= timings.maxAttempts || signal?.aborted) {
					throw classified;
				}
				await sleep(timings.retryBaseInMs * 2 ** (attempt - 1), signal);
			}
		}
	};

	const processTake = async (initial: Take): Promise<'completed' | 'failed' | 'skipped' | 'stopped'> => {
		let take = initial;
		const request = requestOfTake(take, input.publicDir);
		if (take.jobId === null && take.status === 'submitting' && !provider.idempotentCreate) {
			// A crash came between the paid create call and the registry write: the job may exist.
			await fail(take.id, new ProviderError({code: 'ambiguous_create', message: 'a previous run stopped while creating this job; it may exist: check the provider\'s dashboard, then use --retry-failed', permanent: true}));
			return 'failed';
		}
		if (take.jobId === null) {
			if (input.budgetUsd !== null && spentUsd + inFlightUsd + take.estimatedCostUsd > input.budgetUsd + 1e-9) {
				skippedForBudget++;
				return 'skipped';
			}
			inFlightUsd += take.estimatedCostUsd;
			take = await update(take.id, {status: 'submitting', submittedAt: new Date().toISOString(), error: null});
			try {
				// The same idempotency key on every try: a create that reached the provider before the answer was
				// lost (500, timeout, crash) comes back as the same job instead of a second paid one.
				const {jobId} = await withRetries(() => provider.submit(request));
				take = await update(take.id, {jobId, status: 'queued'});
			} catch (error) {
				inFlightUsd -= take.estimatedCostUsd;
				await fail(take.id, error as ProviderError);
				return 'failed';
			}
		} else {
			inFlightUsd += take.estimatedCostUsd;
		}
		const job = {jobId: take.jobId as string, request};
		try {
			if (take.status !== 'downloading') {
				let delay = timings.firstPollInMs;
				// Progress counts from the job's creation, so its pace is measured from there.
				const pollingSince = take.submittedAt === null ? Date.now() : Date.parse(take.submittedAt);
				for (;;) {
					if (signal?.aborted) {
						return 'stopped';
					}
					const state = await withRetries(() => provider.poll(job));
					if (state.status === 'failed') {
						throw new ProviderError({code: state.error?.code ?? 'failed', message: state.error?.message ?? 'the provider reported a failure', permanent: true});
					}
					if (state.status === 'completed') {
						break;
					}
					if (state.status !== take.status || state.progress - take.progress >= 10) {
						take = await update(take.id, {status: state.status, progress: state.progress});
					}
					await sleep(nextPollInMs({progress: state.progress, elapsedInMs: Date.now() - pollingSince, backoffInMs: delay, timings}), signal);
					delay = Math.min(timings.maxPollInMs, delay * 1.5);
				}
			}
			take = await update(take.id, {status: 'downloading', progress: 100});
			const target = path.join(input.publicDir, 'takes', take.shotId, `${take.id.split('/').pop()}.mp4`);
			await mkdir(path.dirname(target), {recursive: true});
			const partial = `${target}.part.mp4`;
			const facts = await withRetries(async () => {
				await rm(partial, {force: true});
				await provider.download(job, partial);
				return verifyClip(partial, take);
			});
			const sha256 = await sha256OfFile(partial);
			await rename(partial, target);
			spentUsd += take.estimatedCostUsd;
			await update(take.id, {status: 'complete', file: path.relative(input.publicDir, target), sha256, facts, costUsd: take.estimatedCostUsd, completedAt: new Date().toISOString(), error: null});
			return 'completed';
		} catch (error) {
			const classified = error instanceof ProviderError ? error : new ProviderError({code: 'unexpected', message: (error as Error).message, permanent: false});
			if (classified.permanent && classified.code !== 'expired') {
				// The job ran and was refused (moderation): providers bill nothing for it.
				await update(take.id, {costUsd: 0});
			}
			await fail(take.id, classified);
			return 'failed';
		} finally {
			inFlightUsd -= take.estimatedCostUsd;
		}
	};

	const counts = {completed: 0, failed: 0, skipped: 0, stopped: 0};
	const worker = async (): Promise<void> => {
		while (queue.length > 0 && !signal?.aborted) {
			const id = queue.shift() as string;
			const take = store.current().takes.find((t) => t.id === id);
			if (!take) {
				continue;
			}
			counts[await processTake(take)]++;
		}
	};
	await Promise.all(Array.from({length: Math.max(1, input.concurrency)}, worker));
	return {completed: counts.completed, failed: counts.failed, skippedForBudget, stopped: signal?.aborted ?? false, spentUsd};
};
