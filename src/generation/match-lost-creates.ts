import type {ListedJob} from './clip-provider.ts';

/** A take whose create may have reached the provider without its answer reaching songreel. */
export type LostCreate = {
	readonly takeId: string;
	readonly model: string;
	readonly prompt: string;
	readonly lengthInSeconds: number;
	readonly size: string;
	/** When songreel was about to send the create (Unix milliseconds), written before it was sent. */
	readonly submittedAtInMs: number;
};

// Multipart forms send line breaks as CRLF, so a provider lists the prompt with the line breaks it received.
const requestKey = (request: {model: string; prompt: string; lengthInSeconds: number; size: string}): string =>
	JSON.stringify([request.model, request.prompt.replace(/\r\n?/g, '\n').trim(), request.lengthInSeconds, request.size]);

/**
 * Pairs lost creates with the provider's jobs that they made: same model, prompt, length and size, created no
 * earlier than the take's submit time (less `clockSkewInSeconds`, as the provider's clock is not ours and its
 * times are whole seconds), not owned by any take or ledger entry. Takes with identical requests are
 * interchangeable, so any one-to-one pairing is right; the latest-submitted take chooses first, because every job
 * it may take any earlier take may take too. Takes left unpaired made no job and may be created again.
 */
export const matchLostCreates = ({lost, jobs, ownedJobIds, clockSkewInSeconds}: {
	lost: readonly LostCreate[];
	jobs: readonly ListedJob[];
	ownedJobIds: ReadonlySet<string>;
	clockSkewInSeconds: number;
}): Map<string, string> => {
	const free = jobs.filter((job) => !ownedJobIds.has(job.jobId)).sort((a, b) => a.createdAtInSeconds - b.createdAtInSeconds || a.jobId.localeCompare(b.jobId));
	const taken = new Set<string>();
	const pairs = new Map<string, string>();
	for (const take of [...lost].sort((a, b) => b.submittedAtInMs - a.submittedAtInMs || a.takeId.localeCompare(b.takeId))) {
		const earliest = Math.floor(take.submittedAtInMs / 1000) - clockSkewInSeconds;
		const key = requestKey(take);
		const job = free.find((candidate) => !taken.has(candidate.jobId) && candidate.createdAtInSeconds >= earliest && requestKey(candidate) === key);
		if (job) {
			taken.add(job.jobId);
			pairs.set(take.takeId, job.jobId);
		}
	}
	return pairs;
};
