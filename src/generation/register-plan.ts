import type {RegistryStore} from '../takes/registry-store.ts';
import type {Take} from '../takes/take-schema.ts';
import type {GenerationPlan} from './plan-generation.ts';

/** Writes a plan's takes to the registry before any paid call: new takes added, continued ones replaced. Returns them in run order. */
export const registerPlan = async (store: RegistryStore, plan: GenerationPlan): Promise<Take[]> => {
	const work = [...plan.continued, ...plan.newTakes];
	if (work.length > 0) {
		const replaced = new Set(plan.continued.map((take) => take.id));
		await store.update((registry) => ({...registry, takes: [...registry.takes.filter((take) => !replaced.has(take.id)), ...work]}));
	}
	return work;
};
