import {ApiError, GenerateVideosOperation, GoogleGenAI} from '@google/genai';
import {withCallSignal} from './abortable.ts';
import {type ClipProvider, type JobState, type ProviderCapabilities, ProviderError} from './clip-provider.ts';
import {readReferenceImage} from './reference-image.ts';
import {retryAfterInMs} from './openai-provider.ts';

/** Settings of Google's Gemini API for Veo (`@google/genai`). */
export type VeoProviderOptions = {
	readonly apiKey: string;
	/** Default https://generativelanguage.googleapis.com; tests point it at a fake. */
	readonly baseURL?: string;
	readonly pricePerSecondUsd: number;
	readonly timeoutInMs?: number;
};

/** Lengths (seconds) and sizes each Veo model makes through the Gemini API (aspect 16:9 or 9:16 at 720p or 1080p). */
export const VEO_MODELS: Record<string, {lengthsInSeconds: readonly number[]; sizes: readonly string[]}> = {
	'veo-3.1-generate-preview': {lengthsInSeconds: [4, 6, 8], sizes: ['1280x720', '720x1280', '1920x1080', '1080x1920']},
	'veo-3.1-fast-generate-preview': {lengthsInSeconds: [4, 6, 8], sizes: ['1280x720', '720x1280', '1920x1080', '1080x1920']},
	'veo-2.0-generate-001': {lengthsInSeconds: [5, 6, 7, 8], sizes: ['1280x720', '720x1280']},
};

const aspectRatioOf = (size: string): string => {
	const [width, height] = size.split('x').map(Number);
	return (width as number) >= (height as number) ? '16:9' : '9:16';
};
const resolutionOf = (size: string): string => (Math.min(...size.split('x').map(Number)) >= 1080 ? '1080p' : '720p');

// Classified once, here. The SDK retries only when given retryOptions, and none are given: a create is sent once.
const toProviderError = (error: unknown, {action, create, signal}: {action: string; create: boolean; signal?: AbortSignal}): ProviderError => {
	if (error instanceof ProviderError) {
		return error;
	}
	if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
		return new ProviderError({code: 'aborted', message: `${action}: stopped by the user`, kind: create ? 'ambiguous' : 'aborted'});
	}
	const uncertain = create ? 'ambiguous' : 'transient';
	if (error instanceof ApiError) {
		// The SDK puts the JSON error body in the message: {"error": {"code", "message", "status"}}.
		const words = `${action}: ${/"message":\s*"([^"]*)"/.exec(error.message)?.[1] ?? error.message}`;
		const code = /"status":\s*"([A-Z_]+)"/.exec(error.message)?.[1] ?? `http_${error.status}`;
		// Google answers a wrong key with 400 INVALID_ARGUMENT ("API key not valid", reason API_KEY_INVALID).
		if (error.status === 401 || error.status === 403 || (error.status === 400 && /API key not valid|API_KEY_INVALID/.test(error.message))) {
			return new ProviderError({code, message: words, kind: 'auth'});
		}
		if (error.status === 429) {
			// RESOURCE_EXHAUSTED is answered before an operation is started.
			return new ProviderError({code, message: words, kind: 'transient', retryAfterInMs: retryAfterInMs(undefined)});
		}
		if (error.status >= 500 || error.status === 408 || error.status === 409) {
			return new ProviderError({code, message: words, kind: uncertain});
		}
		if (error.status === 404 && !create) {
			return new ProviderError({code, message: words, kind: 'transient'});
		}
		return new ProviderError({code, message: words, kind: 'permanent'});
	}
	return new ProviderError({code: 'unexpected', message: `${action}: ${error instanceof Error ? error.message : String(error)}`, kind: uncertain});
};

/**
 * Google Veo through the Gemini API's official SDK: `models.generateVideos` starts a long-running operation (with
 * the reference image as its first frame when there is one), `operations.getVideosOperation` follows it, and
 * `files.download` fetches the video. The Gemini API lists no video operations and honours no idempotency key, so a
 * create whose answer was lost cannot be reconciled: the take is marked for a person to check (`ask`). Billed:
 * the seconds of a finished video; operations that failed or were filtered for safety bill nothing.
 */
export const createVeoProvider = (options: VeoProviderOptions, model: string): ClipProvider => {
	const client = new GoogleGenAI({apiKey: options.apiKey, httpOptions: {timeout: options.timeoutInMs ?? 120_000, ...(options.baseURL ? {baseUrl: options.baseURL} : {})}});
	const known = VEO_MODELS[model];
	const capabilities: ProviderCapabilities = {lengthsInSeconds: known?.lengthsInSeconds ?? null, sizes: known?.sizes ?? null, imageTypes: ['png', 'jpeg'], pricePerSecondUsd: options.pricePerSecondUsd};
	const operationOf = (jobId: string): GenerateVideosOperation => Object.assign(new GenerateVideosOperation(), {name: jobId});
	const retrieve = async (jobId: string, signal?: AbortSignal): Promise<GenerateVideosOperation> => {
		try {
			return await withCallSignal(signal, (callSignal) => client.operations.getVideosOperation({operation: operationOf(jobId), config: {abortSignal: callSignal}}));
		} catch (error) {
			throw toProviderError(error, {action: 'retrieve', create: false, signal});
		}
	};
	return {
		name: 'veo',
		capabilities,
		estimateCostUsd: (request) => request.lengthInSeconds * options.pricePerSecondUsd,
		lostCreates: 'ask',
		listJobs: null,
		submit: async (request, {signal} = {}) => {
			let image: {imageBytes: string; mimeType: string} | undefined;
			if (request.referenceImage) {
				const {bytes, mimeType} = await readReferenceImage(request.referenceImage);
				image = {imageBytes: bytes.toString('base64'), mimeType};
			}
			try {
				const operation = await withCallSignal(signal, (callSignal) =>
					client.models.generateVideos({
						model: request.model,
						prompt: request.prompt,
						...(image ? {image} : {}),
						config: {numberOfVideos: 1, durationSeconds: request.lengthInSeconds, aspectRatio: aspectRatioOf(request.size), resolution: resolutionOf(request.size), abortSignal: callSignal},
					}),
				);
				if (!operation.name) {
					throw new ProviderError({code: 'no_operation', message: 'create: the answer named no operation', kind: 'ambiguous'});
				}
				return {jobId: operation.name};
			} catch (error) {
				throw toProviderError(error, {action: 'create', create: true, signal});
			}
		},
		poll: async ({jobId, request}, {signal} = {}): Promise<JobState> => {
			const operation = await retrieve(jobId, signal);
			if (!operation.done) {
				const progress = Number((operation.metadata as {progressPercent?: number} | undefined)?.progressPercent ?? 0);
				return {status: progress > 0 ? 'in_progress' : 'queued', progress, error: null, retryable: false, billedUsd: null};
			}
			if (operation.error) {
				const code = String(operation.error.status ?? operation.error.code ?? 'FAILED');
				const message = String(operation.error.message ?? 'the operation failed');
				// INTERNAL and UNAVAILABLE inside the service: a new operation may succeed.
				return {status: 'failed', progress: 100, error: {code, message}, retryable: /INTERNAL|UNAVAILABLE|try again/i.test(`${code} ${message}`), billedUsd: 0};
			}
			const videos = operation.response?.generatedVideos ?? [];
			if (videos.length === 0) {
				const reasons = operation.response?.raiMediaFilteredReasons?.join('; ');
				return {status: 'failed', progress: 100, error: {code: 'filtered', message: reasons ? `filtered by safety rules: ${reasons}` : 'the operation made no video'}, retryable: false, billedUsd: 0};
			}
			return {status: 'completed', progress: 100, error: null, retryable: false, billedUsd: request.lengthInSeconds * options.pricePerSecondUsd};
		},
		download: async ({jobId}, targetPath, {signal} = {}) => {
			const operation = await retrieve(jobId, signal);
			const video = operation.response?.generatedVideos?.[0];
			if (!video?.video?.uri && !video?.video?.videoBytes) {
				throw new ProviderError({code: 'no_output', message: `download: operation ${jobId} has no video`, kind: 'transient'});
			}
			try {
				await withCallSignal(signal, (callSignal) => client.files.download({file: video, downloadPath: targetPath, config: {abortSignal: callSignal}}));
			} catch (error) {
				throw toProviderError(error, {action: 'download', create: false, signal});
			}
		},
	};
};
