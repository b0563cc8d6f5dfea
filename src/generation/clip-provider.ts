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
	/** Stable per take: a provider that sees the same key twice returns the first job instead of making a second. */
	readonly idempotencyKey: string;
};

/** A job as the provider last reported it. */
export type JobState = {
	readonly status: 'queued' | 'in_progress' | 'completed' | 'failed';
	readonly progress: number;
	readonly error: {readonly code: string; readonly message: string} | null;
};

/** A failure from a provider; `permanent` ones (moderation, bad request) are not retried unless the user asks. */
export class ProviderError extends Error {
	readonly code: string;
	readonly permanent: boolean;

	constructor({code, message, permanent}: {code: string; message: string; permanent: boolean}) {
		super(message);
		this.name = 'ProviderError';
		this.code = code;
		this.permanent = permanent;
	}
}

/** A text-to-video service behind songreel's generator: submit, poll, download and estimate cost. */
export type ClipProvider = {
	readonly name: string;
	/** True when submitting the same request (same idempotency key) twice yields one job; resumes rely on it. */
	readonly idempotentCreate: boolean;
	readonly estimateCostUsd: (request: ClipRequest) => number;
	readonly submit: (request: ClipRequest) => Promise<{readonly jobId: string}>;
	readonly poll: (job: {readonly jobId: string; readonly request: ClipRequest}) => Promise<JobState>;
	/** Writes the finished clip to `targetPath`; throws a transient ProviderError when the transfer breaks. */
	readonly download: (job: {readonly jobId: string; readonly request: ClipRequest}, targetPath: string) => Promise<void>;
};

/** Parses "WIDTHxHEIGHT". */
export const parseSize = (size: string): {width: number; height: number} => {
	const [width, height] = size.split('x').map(Number);
	return {width: width as number, height: height as number};
};
