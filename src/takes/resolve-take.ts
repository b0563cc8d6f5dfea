import type {Registry, Take} from './take-schema.ts';

/** A take reference resolved to its file, with a warning when songreel had to choose for the user. */
export type ResolvedTakeRef = {readonly takeId: string; readonly src: string; readonly warning: string | null} | {readonly error: string};

const usable = (take: Take): boolean => take.status === 'complete' && take.file !== null && take.rejectedReason === null;

// A take not checked yet ranks below a clean one and above one with faults.
const qcScore = (take: Take): number => take.qc?.score ?? 0.9;

/**
 * Resolves what a compositions file names in `take`: a take id ("rooftop/t3") is that take; a shot id
 * ("rooftop") is the shot's picked take, or else its best-rated complete take (then the best automatic QC
 * score, then the newest), with a warning.
 */
export const resolveTakeRef = (registry: Registry, ref: string): ResolvedTakeRef => {
	if (ref.includes('/')) {
		const take = registry.takes.find((t) => t.id === ref);
		if (!take) {
			return {error: `take "${ref}" is not in the registry; run "songreel takes ${ref.split('/')[0]}" to see takes`};
		}
		if (!usable(take)) {
			return {error: `take "${ref}" is ${take.rejectedReason !== null ? `rejected (${take.rejectedReason})` : take.status}, not a complete take`};
		}
		return {takeId: take.id, src: take.file as string, warning: null};
	}
	const picked = registry.picks[ref];
	if (picked !== undefined) {
		return resolveTakeRef(registry, picked);
	}
	const candidates = registry.takes.filter((t) => t.shotId === ref && usable(t));
	if (candidates.length === 0) {
		const any = registry.takes.some((t) => t.shotId === ref);
		return {error: any ? `shot "${ref}" has no complete take yet; run "songreel generate --shots ${ref}"` : `shot "${ref}" has no takes; add it to the shot list and run "songreel generate --shots ${ref}"`};
	}
	const best = [...candidates].sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0) || qcScore(b) - qcScore(a) || (b.completedAt ?? '').localeCompare(a.completedAt ?? ''))[0] as Take;
	const why = [best.rating ? `rated ${best.rating}` : null, best.qc ? `qc ${best.qc.score.toFixed(2)}` : null].filter((part) => part !== null);
	return {takeId: best.id, src: best.file as string, warning: `shot "${ref}" has no pick; using take "${best.id}"${why.length > 0 ? ` (${why.join(', ')})` : ''}; run "songreel pick ${ref} <take>" to choose`};
};
