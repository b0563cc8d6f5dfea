import {open} from 'node:fs/promises';
import path from 'node:path';
import OpenAI, {toFile} from 'openai';
import type {Video, VideoCreateParams} from 'openai/resources/videos';
import {withCallSignal} from './abortable.ts';
import {type ClipProvider, type JobState, type ListedJob, ProviderError} from './clip-provider.ts';
import {readReferenceImage} from './reference-image.ts';
import {classifyJobFailure} from './classify-job-failure.ts';

/** Settings of an OpenAI-compatible `/v1/videos` endpoint. */
export type OpenAiProviderOptions = {
	/** e.g. a gateway's https://…/v1; OpenAI's own Sora API was shut down on 2026-09-24. */
	readonly baseURL: string;
	readonly apiKey: string;
	readonly pricePerSecondUsd: number;
	readonly timeoutInMs?: number;
};

/** Reads Retry-After (seconds or a date) or OpenAI's retry-after-ms from a response's headers. */
export const retryAfterInMs = (headers: Headers | undefined, now = Date.now()): number | null => {
	const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
	if (Number.isFinite(ms)) {
		return Math.max(0, ms);
	}
	const value = headers?.get('retry-after');
	if (!value) {
		return null;
	}
	const seconds = Number.parseFloat(value);
	if (Number.isFinite(seconds)) {
		return Math.max(0, seconds * 1000);
	}
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - now) : null;
};

// Classified once, here, where the SDK's typed errors are understood. A create is never retried by the SDK
// (maxRetries 0): any answer other than a clear refusal may hide a job that exists and is billed.
const toProviderError = (error: unknown, {action, create, signal}: {action: string; create: boolean; signal?: AbortSignal}): ProviderError => {
	if (error instanceof ProviderError) {
		return error;
	}
	if (error instanceof OpenAI.APIUserAbortError || signal?.aborted) {
		return new ProviderError({code: 'aborted', message: `${action}: stopped by the user`, kind: create ? 'ambiguous' : 'aborted'});
	}
	const uncertain = create ? 'ambiguous' : 'transient';
	if (error instanceof OpenAI.APIConnectionError) {
		const timeout = error instanceof OpenAI.APIConnectionTimeoutError;
		return new ProviderError({code: timeout ? 'timeout' : 'connection', message: `${action}: ${timeout ? 'no answer in time' : `connection failed (${(error.cause as Error | undefined)?.message ?? error.message})`}`, kind: uncertain});
	}
	if (error instanceof OpenAI.APIError && error.status !== undefined) {
		const body = error.error as {code?: string | null; message?: string} | undefined;
		const words = `${action}: ${body?.message ?? error.message}`;
		const code = body?.code ?? `http_${error.status}`;
		const status = error.status;
		if (status === 401 || status === 403) {
			return new ProviderError({code, message: words, kind: 'auth'});
		}
		if (status === 429) {
			// A rate limit is answered before anything is made: safe to send again, after the pause asked for.
			return new ProviderError({code, message: words, kind: 'transient', retryAfterInMs: retryAfterInMs(error.headers)});
		}
		if (status === 408 || status === 409 || status >= 500) {
			return new ProviderError({code, message: words, kind: uncertain, retryAfterInMs: retryAfterInMs(error.headers)});
		}
		if (status === 404 && !create) {
			// A finished video's content is sometimes not there yet (or a replica lags): try again; 410 is the real "expired".
			return new ProviderError({code, message: words, kind: 'transient'});
		}
		if (status === 410) {
			return new ProviderError({code: 'expired', message: `${words} (the video expired; generate the take again with --retry-failed)`, kind: 'permanent'});
		}
		return new ProviderError({code, message: words, kind: 'permanent'});
	}
	return new ProviderError({code: 'unexpected', message: `${action}: ${error instanceof Error ? error.message : String(error)}`, kind: uncertain});
};

/** The `openai` SDK's videos resource against any OpenAI-compatible endpoint. */
export const createOpenAiProvider = (options: OpenAiProviderOptions): ClipProvider => {
	// No retries inside the SDK: its waits between retries do not listen to the abort signal (Ctrl-C would wait them
	// out) and it would repeat creates. songreel's runner retries reads itself, with the same backoff and Retry-After.
	const client = new OpenAI({baseURL: options.baseURL, apiKey: options.apiKey, maxRetries: 0, timeout: options.timeoutInMs ?? 120_000});
	const price = options.pricePerSecondUsd;
	const stateOf = (video: Video): JobState => {
		const seconds = Number(video.seconds);
		if (video.status === 'failed') {
			const error = {code: video.error?.code ?? 'failed', message: video.error?.message ?? 'the provider reported a failure'};
			const failure = classifyJobFailure(error);
			return {status: 'failed', progress: video.progress ?? 0, error, retryable: failure.retryable, billedUsd: failure.billed ? seconds * price : 0};
		}
		return {status: video.status, progress: video.progress ?? 0, error: null, retryable: false, billedUsd: video.status === 'completed' ? seconds * price : null};
	};
	return {
		name: 'openai',
		capabilities: {lengthsInSeconds: null, sizes: null, imageTypes: ['png', 'jpeg', 'webp'], pricePerSecondUsd: price},
		estimateCostUsd: (request) => request.lengthInSeconds * price,
		lostCreates: 'reconcile',
		submit: async (request, {signal} = {}) => {
			const body: VideoCreateParams = {
				prompt: request.prompt,
				model: request.model,
				seconds: String(request.lengthInSeconds) as VideoCreateParams['seconds'],
				size: request.size as VideoCreateParams['size'],
			};
			if (request.referenceImage) {
				// Sent with its image type (the API takes image/jpeg, png or webp parts); a bare stream goes as application/octet-stream.
				const {bytes, mimeType} = await readReferenceImage(request.referenceImage);
				body.input_reference = await toFile(bytes, path.basename(request.referenceImage), {type: mimeType});
			}
			try {
				// The key is sent for gateways that honour it; OpenAI documents none for videos, so nothing relies on it.
				const video = await withCallSignal(signal, (callSignal) => client.videos.create(body, {headers: {'Idempotency-Key': request.idempotencyKey}, maxRetries: 0, signal: callSignal}));
				return {jobId: video.id};
			} catch (error) {
				throw toProviderError(error, {action: 'create', create: true, signal});
			}
		},
		listJobs: async ({sinceInSeconds}, {signal} = {}) => {
			try {
				return await withCallSignal(signal, async (callSignal) => {
					const found: ListedJob[] = [];
					// Newest first, page after page, until the jobs are older than the oldest lost create.
					for await (const video of client.videos.list({order: 'desc', limit: 100}, {signal: callSignal})) {
						if (video.created_at < sinceInSeconds) {
							break;
						}
						found.push({jobId: video.id, model: video.model, prompt: video.prompt ?? '', lengthInSeconds: Number(video.seconds), size: video.size, createdAtInSeconds: video.created_at});
					}
					return found;
				});
			} catch (error) {
				throw toProviderError(error, {action: 'list', create: false, signal});
			}
		},
		poll: async ({jobId}, {signal} = {}) => {
			try {
				return stateOf(await withCallSignal(signal, (callSignal) => client.videos.retrieve(jobId, {signal: callSignal})));
			} catch (error) {
				throw toProviderError(error, {action: 'retrieve', create: false, signal});
			}
		},
		download: async ({jobId}, targetPath, {signal} = {}) => {
			await withCallSignal(signal, async (callSignal) => {
				let response: Response;
				try {
					response = await client.videos.downloadContent(jobId, {variant: 'video'}, {signal: callSignal});
				} catch (error) {
					throw toProviderError(error, {action: 'download', create: false, signal});
				}
				const expected = Number(response.headers.get('content-length') ?? Number.NaN);
				const file = await open(targetPath, 'w');
				let written = 0;
				try {
					if (!response.body) {
						throw new Error('empty body');
					}
					for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
						await file.write(chunk);
						written += chunk.byteLength;
					}
				} catch (error) {
					if (signal?.aborted) {
						throw new ProviderError({code: 'aborted', message: 'download: stopped by the user', kind: 'aborted'});
					}
					throw new ProviderError({code: 'download_broken', message: `download broke after ${written} bytes: ${error instanceof Error ? error.message : String(error)}`, kind: 'transient'});
				} finally {
					await file.close();
				}
				if (Number.isFinite(expected) && written !== expected) {
					throw new ProviderError({code: 'download_truncated', message: `download ended at ${written} of ${expected} bytes`, kind: 'transient'});
				}
			});
		},
	};
};
