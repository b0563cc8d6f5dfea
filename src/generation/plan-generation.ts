import {createHash} from 'node:crypto';
import path from 'node:path';
import {composePrompt} from './compose-prompt.ts';
import type {ShotList} from '../schemas/shot-list-schema.ts';
import {highestTakeNumber} from '../takes/parse-registry.ts';
import type {Registry, Take} from '../takes/take-schema.ts';
import type {ClipRequest} from './clip-provider.ts';

/** Options of a generate run as the user gives them. */
export type GenerationOptions = {
	readonly shotIds: readonly string[];
	readonly takesPerShot: number | null;
	readonly retryFailed: boolean;
	readonly providerName: string;
	readonly model: string;
};

/** What a run will do: takes to create, takes to pick up where a previous run stopped, and the money at stake. */
export type GenerationPlan = {
	readonly newTakes: readonly Take[];
	/** Takes already in the registry that this run continues (resumed jobs, retried failures). */
	readonly continued: readonly Take[];
	/** Cost of the create calls this run may make (new takes and continued takes that have no job yet). */
	readonly estimatedUsd: number;
};

/** The shortest length a provider allows that is at least `wantedInSeconds` (the edit trims the rest); the longest when none is. */
export const allowedLengthInSeconds = (wantedInSeconds: number, lengthsInSeconds: readonly number[] | null): number => {
	if (lengthsInSeconds === null || lengthsInSeconds.length === 0) {
		return wantedInSeconds;
	}
	const sorted = [...lengthsInSeconds].sort((a, b) => a - b);
	return sorted.find((length) => length >= wantedInSeconds - 1e-9) ?? (sorted.at(-1) as number);
};

const seedOf = (takeId: string): number => createHash('sha256').update(takeId).digest().readUInt32BE(0) & 0x7fffffff;

/** Rebuilds the provider request of a take from what the registry holds, so a resumed job is the same job. */
export const requestOfTake = (take: Take, publicDir: string): ClipRequest => ({
	takeId: take.id,
	prompt: take.prompt,
	model: take.model,
	lengthInSeconds: take.params.lengthInSeconds,
	size: take.params.size,
	seed: take.params.seed,
	referenceImage: take.params.referenceImage === null ? null : path.join(publicDir, take.params.referenceImage),
	idempotencyKey: take.idempotencyKey,
});

const UNFINISHED: ReadonlySet<Take['status']> = new Set(['planned', 'submitting', 'queued', 'in_progress', 'downloading']);

/**
 * Decides a run from the shot list and the registry. Existing takes count towards the number wanted, whatever
 * their state: unfinished ones are continued (by job id; a take left `submitting` is reconciled before any new
 * create), failed ones are left alone unless `retryFailed` (then they get a new attempt) or the failure was
 * transient (then they are continued).
 */
export const planGeneration = ({registry, shotList, options, estimateCostUsd, lengthsInSeconds = null, now}: {
	registry: Registry;
	shotList: ShotList;
	options: GenerationOptions;
	estimateCostUsd: (request: ClipRequest) => number;
	/** The provider's allowed lengths: a wanted length is rounded up to one of them. */
	lengthsInSeconds?: readonly number[] | null;
	now: string;
}): GenerationPlan => {
	const shots = options.shotIds.length === 0 ? shotList.shots : shotList.shots.filter((shot) => options.shotIds.includes(shot.id));
	const newTakes: Take[] = [];
	const continued: Take[] = [];
	for (const shot of shots) {
		const existing = registry.takes.filter((take) => take.shotId === shot.id);
		for (const take of existing) {
			if (UNFINISHED.has(take.status) || (take.status === 'failed' && take.error?.permanent === false)) {
				continued.push(take);
			} else if (take.status === 'failed' && options.retryFailed) {
				const attempt = take.attempt + 1;
				// The failed job stays in the ledger (or was never made); the new attempt gets a job of its own.
				continued.push({...take, status: 'planned', attempt, idempotencyKey: `${registry.projectKey}:${take.id}:a${attempt}`, jobId: null, error: null, progress: 0, submittedAt: null});
			}
		}
		const wanted = options.takesPerShot ?? shot.takes ?? shotList.defaults.takes;
		const highest = highestTakeNumber(registry, shot.id);
		for (let n = existing.length; n < wanted; n++) {
			const id = `${shot.id}/t${highest + n - existing.length + 1}`;
			newTakes.push({
				id,
				shotId: shot.id,
				provider: options.providerName,
				model: shot.model ?? options.model,
				prompt: composePrompt(shot, shotList.styleBible),
				params: {
					lengthInSeconds: allowedLengthInSeconds(shot.lengthInSeconds ?? shotList.defaults.lengthInSeconds, lengthsInSeconds),
					size: shot.size ?? shotList.defaults.size,
					seed: seedOf(id),
					referenceImage: shot.referenceImage ?? null,
				},
				idempotencyKey: `${registry.projectKey}:${id}:a1`,
				attempt: 1,
				jobId: null,
				status: 'planned',
				progress: 0,
				estimatedCostUsd: 0,
				costUsd: null,
				createdAt: now,
				submittedAt: null,
				completedAt: null,
				file: null,
				sha256: null,
				facts: null,
				rating: null,
				rejectedReason: null,
				error: null,
				qc: null,
			});
		}
	}
	const priced = (take: Take): Take => ({...take, estimatedCostUsd: estimateCostUsd(requestOfTake(take, ''))});
	const pricedNew = newTakes.map(priced);
	const pricedContinued = continued.map(priced);
	const estimatedUsd = [...pricedNew, ...pricedContinued.filter((take) => take.jobId === null)].reduce((sum, take) => sum + take.estimatedCostUsd, 0);
	return {newTakes: pricedNew, continued: pricedContinued, estimatedUsd};
};
