/** One clip to generate, with everything a provider needs to make it (and make it again, identically, offline). */
export type ClipRequest = {
	readonly takeId: string;
	readonly prompt: string;
	readonly model: string;
	readonly lengthInSeconds: number;
	readonly size: string;
	readonly seed: number;
	/** Absolute path of a reference image, when the shot has one. */
	readonly referenceImage: string | null;
	/** Stable per take and attempt; sent where a provider takes one, never relied on (most honour none). */
	readonly idempotencyKey: string;
};

/** A job as the provider last reported it. `billedUsd` is set once the job is over: what the provider charges for it. */
export type JobState = {
	readonly status: 'queued' | 'in_progress' | 'completed' | 'failed';
	readonly progress: number;
	readonly error: {readonly code: string; readonly message: string} | null;
	/** For a failed job: whether making a new job may succeed (an internal error), or not (moderation). */
	readonly retryable: boolean;
	readonly billedUsd: number | null;
};

/** A job as the provider lists it, for matching creates whose answer was lost to the takes that sent them. */
export type ListedJob = {
	readonly jobId: string;
	readonly model: string;
	readonly prompt: string;
	readonly lengthInSeconds: number;
	readonly size: string;
	readonly createdAtInSeconds: number;
};

/**
 * How a failure is handled:
 * - `transient`: nothing is lost, try again after a pause (429, 5xx on a read, a dropped download);
 * - `ambiguous`: a create whose answer was lost; the job may exist, so list the provider's jobs before creating again;
 * - `permanent`: recorded with the provider's words and not retried unless asked (moderation, bad request, expired);
 * - `auth`: the key is wrong or lacks access; the run stops at once and leaves takes as they were;
 * - `aborted`: the user stopped the run.
 */
export type ProviderErrorKind = 'transient' | 'ambiguous' | 'permanent' | 'auth' | 'aborted';

/** A failure from a provider, classified once where the vendor's SDK error is understood. */
export class ProviderError extends Error {
	readonly code: string;
	readonly kind: ProviderErrorKind;
	/** How long the provider asked to wait (Retry-After), when it did. */
	readonly retryAfterInMs: number | null;

	constructor({code, message, kind, retryAfterInMs = null}: {code: string; message: string; kind: ProviderErrorKind; retryAfterInMs?: number | null}) {
		super(message);
		this.name = 'ProviderError';
		this.code = code;
		this.kind = kind;
		this.retryAfterInMs = retryAfterInMs;
	}

	get permanent(): boolean {
		return this.kind === 'permanent';
	}
}

/** A start image's type, named by its file's extension. */
export type ImageType = 'png' | 'jpeg' | 'webp';

/** What a provider accepts and charges: the planner rounds lengths up to an allowed one and checks sizes. */
export type ProviderCapabilities = {
	/** Lengths a job may ask for, ascending; null when any length is accepted. */
	readonly lengthsInSeconds: readonly number[] | null;
	/** Sizes a job may ask for; null when any is accepted. */
	readonly sizes: readonly string[] | null;
	/** The start-image types it takes (`referenceImage`, `continueFrom`); none when it makes video from text only. */
	readonly imageTypes: readonly ImageType[];
	readonly pricePerSecondUsd: number;
};

/** Options of every call: the run's abort signal reaches each HTTP request. */
export type CallOptions = {readonly signal?: AbortSignal};

/** A text-to-video service behind songreel's generator: submit, list, poll, download and estimate cost. */
export type ClipProvider = {
	readonly name: string;
	readonly capabilities: ProviderCapabilities;
	readonly estimateCostUsd: (request: ClipRequest) => number;
	/** Sends one create, never repeated by the provider's client: a lost answer is reported as `ambiguous`. */
	readonly submit: (request: ClipRequest, options?: CallOptions) => Promise<{readonly jobId: string}>;
	/**
	 * What a create whose answer was lost means: `reconcile` — the provider lists its jobs (`listJobs`), so the job is
	 * found or known not to exist; `resend` — the same request always makes the same job (offline); `ask` — the
	 * provider lists nothing and honours no key (Runway), so only a person looking at its dashboard can tell.
	 */
	readonly lostCreates: 'reconcile' | 'resend' | 'ask';
	/** Jobs created at or after `sinceInSeconds` (Unix time), to reconcile lost creates; null unless `lostCreates` is `reconcile`. */
	readonly listJobs: ((query: {readonly sinceInSeconds: number}, options?: CallOptions) => Promise<readonly ListedJob[]>) | null;
	readonly poll: (job: {readonly jobId: string; readonly request: ClipRequest}, options?: CallOptions) => Promise<JobState>;
	/** Writes the finished clip to `targetPath`; throws a transient ProviderError when the transfer breaks. */
	readonly download: (job: {readonly jobId: string; readonly request: ClipRequest}, targetPath: string, options?: CallOptions) => Promise<void>;
};

/** Parses "WIDTHxHEIGHT". */
export const parseSize = (size: string): {width: number; height: number} => {
	const [width, height] = size.split('x').map(Number);
	return {width: width as number, height: height as number};
};
