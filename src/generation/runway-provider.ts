import RunwayML from '@runwayml/sdk';
import type {TaskRetrieveResponse} from '@runwayml/sdk/resources/tasks';
import {withCallSignal} from './abortable.ts';
import {type ClipProvider, type JobState, type ProviderCapabilities, ProviderError} from './clip-provider.ts';
import {readReferenceImage} from './reference-image.ts';
import {retryAfterInMs} from './openai-provider.ts';
import {writeResponseToFile} from './write-response-to-file.ts';

/** Settings of Runway's API (`@runwayml/sdk`). */
export type RunwayProviderOptions = {
	readonly apiKey: string;
	/** Default https://api.dev.runwayml.com; tests point it at a fake. */
	readonly baseURL?: string;
	/** What songreel estimates per second before a task reports its cost in credits. */
	readonly pricePerSecondUsd: number;
	/** Runway sells credits at $0.01 each. */
	readonly usdPerCredit?: number;
	readonly timeoutInMs?: number;
};

/** Lengths (seconds) and ratios each Runway text-to-video model accepts, from the SDK's request types (4.20.1). */
export const RUNWAY_MODELS: Record<string, {lengthsInSeconds: readonly number[]; sizes: readonly string[]}> = {
	'gen4.5': {lengthsInSeconds: [2, 3, 4, 5, 6, 7, 8, 9, 10], sizes: ['1280x720', '720x1280']},
	'veo3.1': {lengthsInSeconds: [4, 6, 8], sizes: ['1280x720', '720x1280', '1080x1920', '1920x1080']},
	'veo3.1_fast': {lengthsInSeconds: [4, 6, 8], sizes: ['1280x720', '720x1280', '1080x1920', '1920x1080']},
};

// Failure codes Runway documents: SAFETY.* (moderation, free), INPUT.*/ASSET.* (bad input), INTERNAL* (try again).
const failureOf = (task: TaskRetrieveResponse.Failed): {retryable: boolean} => ({retryable: /^INTERNAL/i.test(task.failureCode ?? '') || /try again/i.test(task.failure)});

const toProviderError = (error: unknown, {action, create, signal}: {action: string; create: boolean; signal?: AbortSignal}): ProviderError => {
	if (error instanceof ProviderError) {
		return error;
	}
	if (error instanceof RunwayML.APIUserAbortError || signal?.aborted) {
		return new ProviderError({code: 'aborted', message: `${action}: stopped by the user`, kind: create ? 'ambiguous' : 'aborted'});
	}
	const uncertain = create ? 'ambiguous' : 'transient';
	if (error instanceof RunwayML.APIConnectionError) {
		return new ProviderError({code: error instanceof RunwayML.APIConnectionTimeoutError ? 'timeout' : 'connection', message: `${action}: ${error.message}`, kind: uncertain});
	}
	if (error instanceof RunwayML.APIError && error.status !== undefined) {
		const body = error.error as {error?: string; code?: string} | undefined;
		const words = `${action}: ${body?.error ?? error.message}`;
		const code = body?.code ?? `http_${error.status}`;
		if (error.status === 401 || error.status === 403) {
			return new ProviderError({code, message: words, kind: 'auth'});
		}
		if (error.status === 429) {
			// Runway answers 429 before queueing anything (rate limit, or the daily task limit).
			return new ProviderError({code, message: words, kind: 'transient', retryAfterInMs: retryAfterInMs(error.headers)});
		}
		if (error.status >= 500 || error.status === 408 || error.status === 409) {
			return new ProviderError({code, message: words, kind: uncertain, retryAfterInMs: retryAfterInMs(error.headers)});
		}
		if (error.status === 404 && !create) {
			return new ProviderError({code, message: words, kind: 'transient'});
		}
		return new ProviderError({code, message: words, kind: 'permanent'});
	}
	return new ProviderError({code: 'unexpected', message: `${action}: ${error instanceof Error ? error.message : String(error)}`, kind: uncertain});
};

const ratioOf = (size: string): string => size.replace('x', ':');

/**
 * Runway's API through its SDK: text_to_video (image_to_video with a reference image), tasks polled by id,
 * output downloaded from the task's short-lived URL. Runway lists no tasks and honours no idempotency key, so a
 * create whose answer was lost cannot be reconciled: the take is marked `unconfirmed_create` for a person to check.
 * What a task cost comes back with it, in credits: the ledger records that.
 */
export const createRunwayProvider = (options: RunwayProviderOptions, model: string): ClipProvider => {
	const client = new RunwayML({apiKey: options.apiKey, maxRetries: 0, timeout: options.timeoutInMs ?? 120_000, ...(options.baseURL ? {baseURL: options.baseURL} : {})});
	const usdPerCredit = options.usdPerCredit ?? 0.01;
	const known = RUNWAY_MODELS[model];
	const capabilities: ProviderCapabilities = {lengthsInSeconds: known?.lengthsInSeconds ?? null, sizes: known?.sizes ?? null, imageTypes: ['png', 'jpeg', 'webp'], pricePerSecondUsd: options.pricePerSecondUsd};
	const retrieve = async (jobId: string, signal?: AbortSignal): Promise<TaskRetrieveResponse> => {
		try {
			return await withCallSignal(signal, (callSignal) => client.tasks.retrieve(jobId, {signal: callSignal}));
		} catch (error) {
			throw toProviderError(error, {action: 'retrieve', create: false, signal});
		}
	};
	return {
		name: 'runway',
		capabilities,
		estimateCostUsd: (request) => request.lengthInSeconds * options.pricePerSecondUsd,
		lostCreates: 'ask',
		listJobs: null,
		submit: async (request, {signal} = {}) => {
			// Read before the try: a start image that cannot be read fails the take for good, not as a create of unknown fate.
			const image = request.referenceImage ? await readReferenceImage(request.referenceImage) : null;
			try {
				const common = {model: request.model, promptText: request.prompt, ratio: ratioOf(request.size), duration: request.lengthInSeconds, seed: request.seed};
				const created = await withCallSignal(signal, async (callSignal) => {
					if (image !== null) {
						return client.imageToVideo.create({...common, promptImage: `data:${image.mimeType};base64,${image.bytes.toString('base64')}`} as never, {maxRetries: 0, signal: callSignal});
					}
					return client.textToVideo.create(common as never, {maxRetries: 0, signal: callSignal});
				});
				return {jobId: created.id};
			} catch (error) {
				throw toProviderError(error, {action: 'create', create: true, signal});
			}
		},
		poll: async ({jobId}, {signal} = {}): Promise<JobState> => {
			const task = await retrieve(jobId, signal);
			switch (task.status) {
				case 'PENDING':
				case 'THROTTLED':
					return {status: 'queued', progress: 0, error: null, retryable: false, billedUsd: null};
				case 'RUNNING':
					return {status: 'in_progress', progress: Math.round((task.progress ?? 0) * 100), error: null, retryable: false, billedUsd: null};
				case 'SUCCEEDED':
					return {status: 'completed', progress: 100, error: null, retryable: false, billedUsd: task.cost.credits * usdPerCredit};
				case 'FAILED':
					return {status: 'failed', progress: 0, error: {code: task.failureCode ?? 'FAILED', message: task.failure}, retryable: failureOf(task).retryable, billedUsd: task.cost.credits * usdPerCredit};
				default:
					return {status: 'failed', progress: 0, error: {code: 'CANCELLED', message: 'the task was cancelled or deleted'}, retryable: false, billedUsd: task.cost.credits * usdPerCredit};
			}
		},
		download: async ({jobId}, targetPath, {signal} = {}) => {
			// Output URLs expire; each try asks the task for a fresh one.
			const task = await retrieve(jobId, signal);
			const url = task.status === 'SUCCEEDED' ? task.output[0] : undefined;
			if (url === undefined) {
				throw new ProviderError({code: 'no_output', message: `download: task ${jobId} is ${task.status} with no output`, kind: 'transient'});
			}
			await writeResponseToFile({url, targetPath, signal});
		},
	};
};
