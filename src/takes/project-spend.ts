import type {Registry} from './take-schema.ts';

/** Money of a project: what the ledger says was billed, and the estimate of jobs that exist but are not over yet. */
export const projectSpend = (registry: Registry): {readonly billedUsd: number; readonly inFlightUsd: number} => {
	const ledgered = new Set(registry.ledger.map((entry) => entry.jobId));
	return {
		billedUsd: registry.ledger.reduce((sum, entry) => sum + entry.usd, 0),
		inFlightUsd: registry.takes.filter((take) => take.jobId !== null && !ledgered.has(take.jobId)).reduce((sum, take) => sum + take.estimatedCostUsd, 0),
	};
};

/** Every job id the project has owned: on a take now, or in the ledger. Reconciliation never adopts one of these. */
export const ownedJobIds = (registry: Registry): Set<string> =>
	new Set([...registry.takes.flatMap((take) => (take.jobId === null ? [] : [take.jobId])), ...registry.ledger.map((entry) => entry.jobId)]);
