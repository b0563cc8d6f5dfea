import {access} from 'node:fs/promises';
import path from 'node:path';
import {compileProjectVideos} from '../project/compile-project-video.ts';
import type {ProjectPaths} from '../project/load-project.ts';
import type {Project} from '../schemas/project-schema.ts';
import type {ShotList} from '../schemas/shot-list-schema.ts';
import type {Video} from '../schemas/video-schema.ts';
import {extractFrameAt} from '../takes/extract-frame-at.ts';
import type {RegistryStore} from '../takes/registry-store.ts';
import {resolveTakeRef} from '../takes/resolve-take.ts';
import type {ClipProvider} from './clip-provider.ts';
import type {GenerationPlan} from './plan-generation.ts';
import {planSlots, type SlotPlan} from './plan-slots.ts';

/** A round of generation from the edit: the video's generated slots as the timeline compiled now, and the takes to make or resume. */
export type EditRound = {readonly slots: readonly SlotPlan[]; readonly plan: GenerationPlan};

/**
 * Compiles the video as it stands (slots without a take show the background) and plans its generated slots
 * (only `shotIds` when given). The registry is read from `store`, which holds what the file holds.
 */
export const planEditRound = async ({paths, project, video, shotList, shotListFromFile, provider, store, options, shotIds}: {
	paths: ProjectPaths;
	project: Project;
	video: Video;
	shotList: ShotList;
	shotListFromFile: boolean;
	provider: ClipProvider;
	store: RegistryStore;
	options: {readonly takesPerShot: number | null; readonly retryFailed: boolean; readonly providerName: string};
	shotIds: readonly string[];
}): Promise<EditRound> => {
	const [check] = await compileProjectVideos({project, videos: [video], paths});
	if (check?.error) {
		throw check.error;
	}
	const timeline = (check?.result as NonNullable<NonNullable<typeof check>['result']>).timeline;
	const {slots, plan} = planSlots({video, timeline, registry: store.current(), shotList, shotListFromFile, provider, options, file: path.relative(paths.root, paths.compositionsFile), publicDir: paths.publicDir, now: new Date().toISOString()});
	if (shotIds.length === 0) {
		return {slots, plan};
	}
	const wanted = new Set(shotIds);
	const keep = <T extends {readonly shotId: string}>(items: readonly T[]): T[] => items.filter((item) => wanted.has(item.shotId));
	const newTakes = keep(plan.newTakes);
	const continued = keep(plan.continued);
	return {
		slots: keep(slots),
		plan: {newTakes, continued, estimatedUsd: [...newTakes, ...continued.filter((take) => take.jobId === null)].reduce((sum, take) => sum + take.estimatedCostUsd, 0)},
	};
};

/** A pick songreel made for a slot: the best complete take (rating, then QC score, then newest). */
export type AutoPick = {readonly shotId: string; readonly takeId: string; readonly why: string};

/** Picks the best complete take for each of these shots that has none picked; returns what it picked. */
export const autoPickSlots = async (store: RegistryStore, shotIds: readonly string[]): Promise<AutoPick[]> => {
	const picks: AutoPick[] = [];
	for (const shotId of shotIds) {
		const registry = store.current();
		if (registry.picks[shotId] !== undefined) {
			continue;
		}
		const resolved = resolveTakeRef(registry, shotId);
		if ('error' in resolved) {
			continue;
		}
		const take = registry.takes.find((t) => t.id === resolved.takeId);
		const why = [take?.rating ? `rated ${take.rating}` : null, take?.qc ? `qc ${take.qc.score.toFixed(2)}` : null].filter((part) => part !== null).join(', ');
		picks.push({shotId, takeId: resolved.takeId, why});
	}
	if (picks.length > 0) {
		await store.update((registry) => ({...registry, picks: {...registry.picks, ...Object.fromEntries(picks.map((pick) => [pick.shotId, pick.takeId]))}}));
	}
	return picks;
};

/** Writes the first frame of each ready slot that continues from the previous shot (the last frame the edit shows of it), unless it exists. */
export const writeStartFrames = async (slots: readonly SlotPlan[], publicDir: string): Promise<number> => {
	let written = 0;
	for (const slot of slots) {
		if (slot.state !== 'ready' || slot.startFrame === null) {
			continue;
		}
		const target = path.join(publicDir, slot.startFrame.imagePath);
		try {
			await access(target);
		} catch {
			await extractFrameAt(path.join(publicDir, slot.startFrame.src), slot.startFrame.atSeconds, target);
			written++;
		}
	}
	return written;
};
