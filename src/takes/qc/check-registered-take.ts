import path from 'node:path';
import type {Registry, Take, TakeQc} from '../take-schema.ts';
import {checkTakeQuality} from './check-take-quality.ts';

/**
 * QC of a take that has a file and facts, against what was asked (the take's own length and size for generated
 * takes; `expected` for imported ones, from the shot list) and the hashes of every other take in the registry.
 */
export const checkRegisteredTake = async ({take, registry, publicDir, expected}: {
	take: Take;
	registry: Registry;
	publicDir: string;
	expected?: {lengthInSeconds: number; size: string} | null;
}): Promise<TakeQc> => {
	if (take.file === null || take.facts === null) {
		throw new Error(`songreel bug: take ${take.id} has no file to check`);
	}
	const others = registry.takes.filter((t) => t.id !== take.id && t.qc !== null && t.rejectedReason === null).map((t) => ({takeId: t.id, hashes: (t.qc as TakeQc).hashes}));
	return checkTakeQuality({
		file: path.join(publicDir, take.file),
		facts: take.facts,
		expected: expected !== undefined ? expected : take.provider === 'folder' ? null : {lengthInSeconds: take.params.lengthInSeconds, size: take.params.size},
		others,
	});
};
