import {createReadStream} from 'node:fs';
import {open} from 'node:fs/promises';
import OpenAI from 'openai';
import type {VideoCreateParams} from 'openai/resources/videos';
import {type ClipProvider, type JobState, ProviderError} from './clip-provider.ts';

/** Settings of an OpenAI-compatible `/v1/videos` endpoint. */
export type OpenAiProviderOptions = {
	/** e.g. a gateway's https://…/v1; OpenAI's own Sora API was shut down on 2026-09-24. */
	readonly baseURL: string;
	readonly apiKey: string;
	readonly pricePerSecondUsd: number;
	/** Retries of one HTTP call inside the SDK (429 with Retry-After, 5xx, timeouts), each with the same idempotency key. */
	readonly maxRetries?: number;
	readonly timeoutInMs?: number;
	/** Whether the endpoint honours Idempotency-Key on create (default true). When false, a create is never repeated. */
	readonly trustsIdempotencyKey?: boolean;
};

const PERMANENT_STATUS = new Set([400, 401, 403, 404, 422]);

// The SDK has already retried what is worth retrying; what reaches here is classified once.
const toProviderError = (error: unknown, action: string): ProviderError => {
	if (error instanceof ProviderError) {
		return error;
	}
	if (error instanceof OpenAI.APIError && error.status !== undefined) {
		const body = error.error as {code?: string; message?: string} | undefined;
		return new ProviderError({
			code: body?.code ?? `http_${error.status}`,
			message: `${action}: ${body?.message ?? error.message}`,
			permanent: PERMANENT_STATUS.has(error.status),
		});
	}
	return new ProviderError({code: 'connection', message: `${action}: ${error instanceof Error ? error.message : String(error)}`, permanent: false});
};

/** The `openai` SDK's videos resource against any OpenAI-compatible endpoint. */
export const createOpenAiProvider = (options: OpenAiProviderOptions): ClipProvider => {
	const trustsKey = options.trustsIdempotencyKey ?? true;
	const client = new OpenAI({baseURL: options.baseURL, apiKey: options.apiKey, maxRetries: options.maxRetries ?? 4, timeout: options.timeoutInMs ?? 60_000});
	return {
		name: 'openai',
		idempotentCreate: trustsKey,
		estimateCostUsd: (request) => request.lengthInSeconds * options.pricePerSecondUsd,
		submit: async (request) => {
			const body: VideoCreateParams = {
				prompt: request.prompt,
				model: request.model,
				seconds: String(request.lengthInSeconds) as VideoCreateParams['seconds'],
				size: request.size as VideoCreateParams['size'],
				...(request.referenceImage ? {input_reference: createReadStream(request.referenceImage)} : {}),
			};
			try {
				// The SDK sends no Idempotency-Key of its own; ours is stable per take, so the SDK's retries (and a
				// resumed run) repeat the same key. Endpoints that ignore it are run with trustsIdempotencyKey: false.
				const video = await client.videos.create(body, {
					headers: {'Idempotency-Key': request.idempotencyKey},
					...(trustsKey ? {} : {maxRetries: 0}),
				});
				return {jobId: video.id};
			} catch (error) {
				const classified = toProviderError(error, 'create');
				if (!trustsKey && !classified.permanent && !(error instanceof OpenAI.RateLimitError)) {
					// The job may exist: without a key the endpoint honours, trying again could pay twice.
					throw new ProviderError({code: 'ambiguous_create', message: `${classified.message}; the job may have been created: check the provider's dashboard, then use --retry-failed`, permanent: true});
				}
				throw classified;
			}
		},
		poll: async ({jobId}): Promise<JobState> => {
			try {
				const video = await client.videos.retrieve(jobId);
				return {status: video.status, progress: video.progress ?? 0, error: video.error ? {code: video.error.code, message: video.error.message} : null};
			} catch (error) {
				throw toProviderError(error, 'retrieve');
			}
		},
		download: async ({jobId}, targetPath) => {
			let response: Response;
			try {
				response = await client.videos.downloadContent(jobId, {variant: 'video'});
			} catch (error) {
				const classified = toProviderError(error, 'download');
				const notFound = error instanceof OpenAI.NotFoundError;
				throw notFound ? new ProviderError({code: 'expired', message: `${classified.message} (the video expired or was deleted)`, permanent: true}) : classified;
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
				throw new ProviderError({code: 'download_broken', message: `download broke after ${written} bytes: ${error instanceof Error ? error.message : String(error)}`, permanent: false});
			} finally {
				await file.close();
			}
			if (Number.isFinite(expected) && written !== expected) {
				throw new ProviderError({code: 'download_truncated', message: `download ended at ${written} of ${expected} bytes`, permanent: false});
			}
		},
	};
};
