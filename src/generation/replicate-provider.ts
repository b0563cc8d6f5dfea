import Replicate, {type Prediction} from 'replicate';
import {withCallSignal} from './abortable.ts';
import {type ClipProvider, type ClipRequest, type JobState, type ListedJob, type ProviderCapabilities, ProviderError} from './clip-provider.ts';
import {readReferenceImage} from './reference-image.ts';
import {classifyJobFailure} from './classify-job-failure.ts';
import {retryAfterInMs} from './openai-provider.ts';
import {writeResponseToFile} from './write-response-to-file.ts';

/** Settings of Replicate's HTTP API (`replicate` SDK). */
export type ReplicateProviderOptions = {
	readonly apiToken: string;
	/** Default https://api.replicate.com/v1; tests point it at a fake. */
	readonly baseUrl?: string;
	/** What a second of output costs; 0 takes the model's list price (`REPLICATE_MODELS`). */
	readonly pricePerSecondUsd: number;
	readonly timeoutInMs?: number;
};

/** What songreel knows of one video model on Replicate: what it accepts, how its input is written and its list price. */
export type ReplicateModel = {
	readonly lengthsInSeconds: readonly number[];
	readonly sizes: readonly string[];
	/** The model makes video only from a start image (image-to-video). */
	readonly imageRequired: boolean;
	/** List price of a second of output video at this size (Replicate bills these models per output second). */
	readonly listPricePerSecondUsd: (size: string) => number;
	/** The prediction's `input` for a request; `image` is a data URI or null. */
	readonly input: (request: ClipRequest, image: string | null) => Record<string, unknown>;
	/** Reads length and size back from a listed prediction's input; null when they are not there (data removed). */
	readonly paramsOf: (input: Record<string, unknown>) => {lengthInSeconds: number; size: string} | null;
};

const SIZES_BY_KEY: Record<string, string> = {'16:9/720p': '1280x720', '9:16/720p': '720x1280', '16:9/1080p': '1920x1080', '9:16/1080p': '1080x1920'};
const aspectRatioOf = (size: string): string => {
	const [width, height] = size.split('x').map(Number);
	return (width as number) >= (height as number) ? '16:9' : '9:16';
};
const resolutionOf = (size: string): string => (Math.min(...size.split('x').map(Number)) >= 1080 ? '1080p' : '720p');

// Veo 3.1 on Replicate: prompt, duration 4/6/8, aspect_ratio 16:9|9:16, resolution 720p|1080p, image (first frame),
// seed, generate_audio. songreel asks for no audio: the song is the soundtrack, and silent seconds cost less.
const veo = (listPricePerSecondUsd: number): ReplicateModel => ({
	lengthsInSeconds: [4, 6, 8],
	sizes: ['1280x720', '720x1280', '1920x1080', '1080x1920'],
	imageRequired: false,
	listPricePerSecondUsd: () => listPricePerSecondUsd,
	input: (request, image) => ({
		prompt: request.prompt,
		duration: request.lengthInSeconds,
		aspect_ratio: aspectRatioOf(request.size),
		resolution: resolutionOf(request.size),
		seed: request.seed,
		generate_audio: false,
		...(image ? {image} : {}),
	}),
	paramsOf: (input) => {
		const size = SIZES_BY_KEY[`${String(input.aspect_ratio ?? '16:9')}/${String(input.resolution ?? '1080p')}`];
		return typeof input.duration === 'number' && size ? {lengthInSeconds: input.duration, size} : null;
	},
});

/**
 * Video models declared for `--provider replicate`, by Replicate's `owner/name`. Lengths, sizes and inputs are the
 * models' own input schemas on Replicate; prices are list prices per second of output video without audio (see
 * README: the shot list's `pricePerSecondUsd` overrides them).
 */
export const REPLICATE_MODELS: Record<string, ReplicateModel> = {
	'google/veo-3.1-fast': veo(0.1),
	'google/veo-3.1': veo(0.2),
	// Kling v2.1 is image-to-video only (start_image required), 5 or 10 s, mode standard (720p) or pro (1080p); the
	// picture has the start image's aspect, and the input does not say which, so only landscape sizes are declared.
	'kwaivgi/kling-v2.1': {
		lengthsInSeconds: [5, 10],
		sizes: ['1280x720', '1920x1080'],
		imageRequired: true,
		listPricePerSecondUsd: (size) => (resolutionOf(size) === '1080p' ? 0.09 : 0.05),
		input: (request, image) => ({prompt: request.prompt, duration: request.lengthInSeconds, mode: resolutionOf(request.size) === '1080p' ? 'pro' : 'standard', ...(image ? {start_image: image} : {})}),
		paramsOf: (input) => (typeof input.duration === 'number' && typeof input.mode === 'string' ? {lengthInSeconds: input.duration, size: input.mode === 'pro' ? '1920x1080' : '1280x720'} : null),
	},
};


type SdkApiError = Error & {response: Response};
const isApiError = (error: unknown): error is SdkApiError => error instanceof Error && error.name === 'ApiError' && (error as Partial<SdkApiError>).response instanceof Response;

// The SDK puts the response body in its message: "Request to URL failed with status 422 Unprocessable Entity: BODY.".
// Replicate answers errors as problem details: {"title", "detail", "status"} (422s add "invalid_fields").
const detailOf = (error: SdkApiError): string => {
	const body = /failed with status \d+[^:]*: ([\s\S]*)\.$/.exec(error.message)?.[1] ?? '';
	try {
		const parsed = JSON.parse(body) as {detail?: unknown; title?: unknown};
		const detail = typeof parsed.detail === 'string' ? parsed.detail.trim() : typeof parsed.title === 'string' ? parsed.title : '';
		if (detail) {
			return detail;
		}
	} catch {
		// Not JSON (a proxy's HTML page): keep the status line.
	}
	return `HTTP ${error.response.status}${body ? `: ${body.slice(0, 200)}` : ''}`;
};

// Classified once, here. A create is sent once (see onceFetch): any answer other than a clear refusal may hide a
// prediction that exists and is billed, so it is `ambiguous` and reconciled from the prediction list.
const toProviderError = (error: unknown, {action, create, signal}: {action: string; create: boolean; signal?: AbortSignal}): ProviderError => {
	if (error instanceof ProviderError) {
		return error;
	}
	if (signal?.aborted) {
		return new ProviderError({code: 'aborted', message: `${action}: stopped by the user`, kind: create ? 'ambiguous' : 'aborted'});
	}
	const uncertain = create ? 'ambiguous' : 'transient';
	if (isApiError(error)) {
		const status = error.response.status;
		const words = `${action}: ${detailOf(error)}`;
		const code = `http_${status}`;
		if (status === 401 || status === 403) {
			return new ProviderError({code, message: words, kind: 'auth'});
		}
		if (status === 429) {
			// Throttled before anything was made: safe to send again after the pause asked for.
			return new ProviderError({code, message: words, kind: 'transient', retryAfterInMs: retryAfterInMs(error.response.headers)});
		}
		if (status >= 500 || status === 408 || status === 409) {
			return new ProviderError({code, message: words, kind: uncertain, retryAfterInMs: retryAfterInMs(error.response.headers)});
		}
		if (status === 404 && !create) {
			return new ProviderError({code, message: words, kind: 'transient'});
		}
		return new ProviderError({code, message: words, kind: 'permanent'});
	}
	const name = error instanceof Error ? error.name : '';
	if (name === 'TimeoutError') {
		return new ProviderError({code: 'timeout', message: `${action}: no answer in time`, kind: uncertain});
	}
	const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
	return new ProviderError({code: 'connection', message: `${action}: connection failed (${cause})`, kind: uncertain});
};

/**
 * A fetch for the SDK that reaches the network at most once per request. `replicate` 1.4.0 wraps every request in
 * five automatic retries that cannot be turned off: 429 (and 5xx on GET) answers, and any thrown error — a reset
 * or a timeout, on a POST too — are sent again, so a create whose answer was lost would be made again and paid
 * twice. The SDK passes the same init object to every retry of one request, so the first answer (or failure) is
 * handed back to its retries instead; songreel's runner does the retrying, with Retry-After and the abort signal.
 */
const onceFetch = (timeoutInMs: number): typeof fetch => {
	const sent = new WeakMap<object, Promise<Response>>();
	return (url, init) => {
		const key = init ?? {};
		let answer = sent.get(key);
		if (answer === undefined) {
			const signals = [AbortSignal.timeout(timeoutInMs), ...(init?.signal ? [init.signal] : [])];
			answer = fetch(url, {...init, signal: AbortSignal.any(signals)});
			// Retries read the same answer; a failure is handled by whoever awaits it last.
			answer.catch(() => undefined);
			sent.set(key, answer);
		}
		return answer;
	};
};

const outputUrlOf = (output: unknown): string | null => {
	if (typeof output === 'string') {
		return output;
	}
	if (Array.isArray(output)) {
		return output.find((item): item is string => typeof item === 'string') ?? null;
	}
	return null;
};

const failureOf = (message: string): {code: string; retryable: boolean} => {
	// Replicate's documented error codes appear in the text, e.g. "(E005)" for input or output flagged as sensitive,
	// whose text still says "try again with different inputs": that is a refusal, never retried as it is.
	const code = /\b(E\d{3,4})\b/.exec(message)?.[1] ?? 'prediction_failed';
	const flagged = code === 'E005' || /flagged as sensitive|nsfw/i.test(message);
	const classified = classifyJobFailure({code, message});
	return {code, retryable: !flagged && (classified.retryable || /\bretry\b|interrupted|internal error/i.test(message))};
};

/**
 * Replicate's HTTP API through its official SDK: a prediction is created on the model's endpoint
 * (`POST /v1/models/{owner}/{name}/predictions`, no `Prefer: wait`), polled by id, and its output file downloaded
 * from the URL in `output`. Replicate honours no idempotency key but lists predictions (newest first, with their
 * input, for the hour it keeps inputs), so a create whose answer was lost is reconciled from the list. The models
 * declared here are billed per second of output: a succeeded prediction bills its length at the price; failed and
 * canceled ones make no output and bill nothing.
 */
export const createReplicateProvider = (options: ReplicateProviderOptions, model: string): ClipProvider => {
	const known = REPLICATE_MODELS[model];
	if (!known) {
		throw new Error(`replicate: model "${model}" is not declared (declared: ${Object.keys(REPLICATE_MODELS).join(', ')})`);
	}
	// The image goes as a data URI string, which the SDK's default file strategy leaves alone (it uploads only Blobs
	// and Buffers). Its 'data-uri' strategy is broken in 1.4.0: it encodes the client object as the input.
	const client = new Replicate({auth: options.apiToken, fetch: onceFetch(options.timeoutInMs ?? 120_000), useFileOutput: false, ...(options.baseUrl ? {baseUrl: options.baseUrl} : {})});
	const specOf = (name: string): ReplicateModel => {
		const spec = REPLICATE_MODELS[name];
		if (!spec) {
			throw new ProviderError({code: 'unknown_model', message: `replicate: model "${name}" is not declared (declared: ${Object.keys(REPLICATE_MODELS).join(', ')})`, kind: 'permanent'});
		}
		return spec;
	};
	const priceOf = (request: {model: string; size: string}): number => (options.pricePerSecondUsd > 0 ? options.pricePerSecondUsd : specOf(request.model).listPricePerSecondUsd(request.size));
	const capabilities: ProviderCapabilities = {lengthsInSeconds: known.lengthsInSeconds, sizes: known.sizes, imageTypes: ['png', 'jpeg', 'webp'], pricePerSecondUsd: options.pricePerSecondUsd > 0 ? options.pricePerSecondUsd : known.listPricePerSecondUsd(known.sizes[0] as string)};
	const retrieve = async (jobId: string, signal?: AbortSignal): Promise<Prediction> => {
		try {
			return await withCallSignal(signal, (callSignal) => client.predictions.get(jobId, {signal: callSignal}));
		} catch (error) {
			throw toProviderError(error, {action: 'retrieve', create: false, signal});
		}
	};
	return {
		name: 'replicate',
		capabilities,
		estimateCostUsd: (request) => request.lengthInSeconds * priceOf(request),
		lostCreates: 'reconcile',
		submit: async (request, {signal} = {}) => {
			const spec = specOf(request.model);
			if (spec.imageRequired && !request.referenceImage) {
				throw new ProviderError({code: 'image_required', message: `create: ${request.model} makes video only from a start image; give the shot a referenceImage (or continueFrom), or use google/veo-3.1-fast`, kind: 'permanent'});
			}
			let image: string | null = null;
			if (request.referenceImage) {
				const {bytes, mimeType} = await readReferenceImage(request.referenceImage);
				image = `data:${mimeType};base64,${bytes.toString('base64')}`;
			}
			try {
				const prediction = await withCallSignal(signal, (callSignal) => client.predictions.create({model: request.model, input: spec.input(request, image), signal: callSignal}));
				if (typeof prediction.id !== 'string' || prediction.id === '') {
					throw new ProviderError({code: 'no_prediction', message: 'create: the answer named no prediction', kind: 'ambiguous'});
				}
				return {jobId: prediction.id};
			} catch (error) {
				throw toProviderError(error, {action: 'create', create: true, signal});
			}
		},
		listJobs: async ({sinceInSeconds}, {signal} = {}) => {
			try {
				return await withCallSignal(signal, async (callSignal) => {
					const found: ListedJob[] = [];
					// Newest first, page after page (a cursor in `next`), until the predictions are older than the oldest lost create.
					for await (const page of client.paginate(() => client.predictions.list({signal: callSignal}), {signal: callSignal})) {
						let older = false;
						for (const prediction of page) {
							const createdAtInSeconds = Math.floor(Date.parse(prediction.created_at) / 1000);
							if (createdAtInSeconds < sinceInSeconds) {
								older = true;
								break;
							}
							const spec = REPLICATE_MODELS[prediction.model];
							const input = (prediction.input ?? {}) as Record<string, unknown>;
							// A prediction whose input was removed (after an hour) or of another model cannot be this run's.
							const params = spec && typeof input.prompt === 'string' ? spec.paramsOf(input) : null;
							if (params) {
								found.push({jobId: prediction.id, model: prediction.model, prompt: input.prompt as string, ...params, createdAtInSeconds});
							}
						}
						if (older) {
							break;
						}
					}
					return found;
				});
			} catch (error) {
				throw toProviderError(error, {action: 'list', create: false, signal});
			}
		},
		poll: async ({jobId, request}, {signal} = {}): Promise<JobState> => {
			const prediction = await retrieve(jobId, signal);
			switch (prediction.status) {
				case 'starting':
					return {status: 'queued', progress: 0, error: null, retryable: false, billedUsd: null};
				case 'processing':
					return {status: 'in_progress', progress: 0, error: null, retryable: false, billedUsd: null};
				case 'succeeded':
					return {status: 'completed', progress: 100, error: null, retryable: false, billedUsd: request.lengthInSeconds * priceOf(request)};
				case 'failed': {
					const message = typeof prediction.error === 'string' && prediction.error ? prediction.error : 'the prediction failed';
					const failure = failureOf(message);
					return {status: 'failed', progress: 100, error: {code: failure.code, message}, retryable: failure.retryable, billedUsd: 0};
				}
				default:
					// `canceled` (by its creator, from the dashboard or the API) or `aborted`: a person stopped it; not made again on its own.
					return {status: 'failed', progress: 100, error: {code: String(prediction.status), message: `the prediction was ${String(prediction.status)} on Replicate; "songreel generate --retry-failed" makes a new one`}, retryable: false, billedUsd: 0};
			}
		},
		download: async ({jobId}, targetPath, {signal} = {}) => {
			const prediction = await retrieve(jobId, signal);
			if (prediction.data_removed) {
				throw new ProviderError({code: 'expired', message: `download: Replicate removed the output of prediction ${jobId} (kept an hour); generate the take again with --retry-failed`, kind: 'permanent'});
			}
			const url = prediction.status === 'succeeded' ? outputUrlOf(prediction.output) : null;
			if (url === null) {
				throw new ProviderError({code: 'no_output', message: `download: prediction ${jobId} is ${prediction.status} with no output`, kind: 'transient'});
			}
			try {
				// Replicate's docs ask for the token on output URLs too.
				await withCallSignal(signal, (callSignal) => writeResponseToFile({url, targetPath, signal: callSignal, headers: {authorization: `Bearer ${options.apiToken}`}}));
			} catch (error) {
				if (error instanceof ProviderError && error.code === 'http_410') {
					throw new ProviderError({code: 'expired', message: `download: the output of prediction ${jobId} is gone (410); generate the take again with --retry-failed`, kind: 'permanent'});
				}
				throw error;
			}
		},
	};
};
