import {secondsToFrame} from '../music/seconds-to-frame.ts';
import {snapToGrid} from '../music/snap-to-grid.ts';
import {beatsPerBarAt, beatsToSeconds, secondsToBeats, type TempoMap} from '../music/tempo-map.ts';
import {type Shot, shotSchema} from '../schemas/shot-schema.ts';
import type {CutEvery} from '../schemas/video-schema.ts';
import type {Transition} from '../schemas/transition-schema.ts';
import type {CompileContext} from './compile-context.ts';
import {timelineMessages as m} from './messages.ts';
import {loudnessAtSeconds} from './place-envelopes.ts';
import type {PlacedSection} from './resolve-sections.ts';

/** A shot's slot between two cuts, before transitions widen what is visible. */
export type PlacedSlot = {
	readonly id: string;
	readonly sectionId: string;
	readonly indexInSection: number;
	readonly path: readonly PropertyKey[];
	/** Where the shot's clip or take was written: `…shots[2].clip`, or `…cutEvery.clips[1]` for a pool entry. */
	readonly sourcePath: readonly PropertyKey[];
	/** Where the shot's settings were written: the shot itself, or `…cutEvery.shot` for a pool. */
	readonly settingsPath: readonly PropertyKey[];
	readonly shot: Shot | null;
	readonly fillerColor: string | null;
	/** Exact time of the cut that starts the slot; transitions are measured in beats around it. */
	readonly cutInSeconds: number;
	readonly cutInFrame: number;
	readonly cutOutFrame: number;
	readonly transitionIn: Transition | null;
	/** Where the transition into this slot was written (the shot, its section or the video's defaults), for messages. */
	readonly transitionPath: readonly PropertyKey[];
};

// A length in beats or bars is walked on the beat grid from the cursor, so a shot that starts on a beat
// ends on a beat even across a tempo change; seconds are added as they are.
const stepFrom = (map: TempoMap, fromInSeconds: number, shot: Shot, direction: 1 | -1): number => {
	if (shot.lengthInSeconds !== undefined) {
		const cut = fromInSeconds + direction * shot.lengthInSeconds;
		return shot.snap === undefined ? cut : snapToGrid(map, cut, shot.snap);
	}
	const fromInBeats = secondsToBeats(map, fromInSeconds);
	const lengthInBeats = shot.lengthInBeats ?? (shot.lengthInBars as number) * beatsPerBarAt(map, direction === 1 ? fromInBeats : fromInBeats - 1e-6);
	return beatsToSeconds(map, fromInBeats + direction * lengthInBeats);
};

const hasLength = (shot: Shot): boolean => shot.lengthInBeats !== undefined || shot.lengthInBars !== undefined || shot.lengthInSeconds !== undefined;

/** Cut times (seconds) of a section's shots, first cut at the section start and last at its end; null when they do not fit. */
const sectionCuts = (context: CompileContext, section: PlacedSection, shots: readonly Shot[], path: readonly PropertyKey[]): number[] | null => {
	const {tempoMap, diagnostics, video} = context;
	const fillIndices = shots.flatMap((shot, index) => (hasLength(shot) ? [] : [index]));
	if (fillIndices.length > 1) {
		diagnostics.error([...path, 'shots', fillIndices[1] as number], m.twoFillShots());
		return null;
	}
	const fillIndex = fillIndices[0] ?? shots.length;
	// Shots before the filler are laid from the section start, shots after it back from the section end,
	// so both groups sit on the beat grid and the filler takes whatever is between.
	const cuts: number[] = [section.startInSeconds];
	for (const shot of shots.slice(0, fillIndex)) {
		cuts.push(stepFrom(tempoMap, cuts[cuts.length - 1] as number, shot, 1));
	}
	const tail: number[] = [section.endInSeconds];
	for (const shot of shots.slice(fillIndex + 1).reverse()) {
		tail.unshift(stepFrom(tempoMap, tail[0] as number, shot, -1));
	}
	const sectionInSeconds = section.endInSeconds - section.startInSeconds;
	const frameOf = (seconds: number): number => secondsToFrame(seconds, video.fps);
	if (fillIndex === shots.length) {
		const endFrame = frameOf(cuts[cuts.length - 1] as number);
		if (endFrame > section.endFrame) {
			diagnostics.error([...path, 'shots'], m.shotsOverflow((cuts[cuts.length - 1] as number) - section.startInSeconds, sectionInSeconds), m.shotsOverflowFix());
			return null;
		}
		if (endFrame < section.endFrame) {
			diagnostics.error([...path, 'shots'], m.shotsUnderflow((cuts[cuts.length - 1] as number) - section.startInSeconds, sectionInSeconds), m.shotsUnderflowFix());
			return null;
		}
		cuts[cuts.length - 1] = section.endInSeconds;
		return cuts;
	}
	const headEnd = cuts[cuts.length - 1] as number;
	const tailStart = tail[0] as number;
	if (frameOf(tailStart) <= frameOf(headEnd)) {
		const needed = headEnd - section.startInSeconds + (section.endInSeconds - tailStart);
		diagnostics.error([...path, 'shots'], m.shotsOverflow(needed, sectionInSeconds), m.shotsOverflowFix());
		return null;
	}
	return [...cuts, ...tail];
};

// The most specific setting wins: the shot's own, then its section's (into the section, or between its
// shots), then the video's default.
const transitionInto = (context: CompileContext, sectionId: string, indexInSection: number, shot: Shot | null, shotPath: readonly PropertyKey[]): {transitionIn: Transition | null; transitionPath: readonly PropertyKey[]} => {
	const {video, videoPath} = context;
	const plan = video.sections[sectionId];
	const sectionKey = indexInSection === 0 ? 'transitionIn' : 'transition';
	const candidates: [Transition | undefined, readonly PropertyKey[]][] = [
		[shot?.transitionIn, [...shotPath, 'transitionIn']],
		[plan?.[sectionKey], [...videoPath, 'sections', sectionId, sectionKey]],
		[video.defaults.transition, [...videoPath, 'defaults', 'transition']],
	];
	const [chosen, transitionPath] = candidates.find(([candidate]) => candidate !== undefined) as [Transition, readonly PropertyKey[]];
	return {transitionIn: chosen.type === 'none' ? null : chosen, transitionPath};
};

/**
 * Turns "a cut every N beats from this pool" into shots: as many N-beat shots as fit, cycling through the
 * pool (clips, then takes), the last one filling what is left of the section.
 */
const expandCutEvery = (context: CompileContext, cutEvery: CutEvery, section: PlacedSection, loudPath: readonly PropertyKey[]): Shot[] => {
	const {tempoMap} = context;
	if (cutEvery.loud && loudnessAtSeconds(context, section.startInSeconds) === null) {
		context.diagnostics.warn(loudPath, m.cutEveryWithoutAnalysis(cutEvery.lengthInBeats));
	}
	const startInBeats = secondsToBeats(tempoMap, section.startInSeconds);
	const endInBeats = secondsToBeats(tempoMap, section.endInSeconds);
	// Each shot's length is decided where it starts: shorter in loud passages when the section asks (`loud`).
	const lengths: number[] = [];
	for (let at = startInBeats; at < endInBeats - 1e-6; ) {
		const loudness = cutEvery.loud ? loudnessAtSeconds(context, beatsToSeconds(tempoMap, at)) : null;
		const length = cutEvery.loud && loudness !== null && loudness >= cutEvery.loud.above ? cutEvery.loud.lengthInBeats : cutEvery.lengthInBeats;
		lengths.push(length);
		at += length;
	}
	const count = Math.max(1, lengths.length);
	const pool = [...(cutEvery.clips ?? []).map((clip) => ({clip})), ...(cutEvery.takes ?? []).map((take) => ({take}))];
	return Array.from({length: count}, (_, i) =>
		shotSchema.parse({...cutEvery.shot, ...pool[i % pool.length], ...(i < count - 1 ? {lengthInBeats: lengths[i]} : {})}),
	);
};

// The pool entry the i-th generated shot of a cutEvery section plays: clips first, then takes, cycling.
const cutEveryPoolPath = (cutEvery: CutEvery, index: number, path: readonly PropertyKey[]): PropertyKey[] => {
	const clips = cutEvery.clips ?? [];
	const poolIndex = index % (clips.length + (cutEvery.takes?.length ?? 0));
	return poolIndex < clips.length ? [...path, 'clips', poolIndex] : [...path, 'takes', poolIndex - clips.length];
};

/** Lays every section's shots between the section's cuts; reports shots that do not fill their section exactly. */
export const placeShots = (context: CompileContext, sections: readonly PlacedSection[]): PlacedSlot[] => {
	const {video, videoPath, diagnostics} = context;
	const songIds = context.song.sections.map((section) => section.id);
	for (const planId of Object.keys(video.sections)) {
		if (!songIds.includes(planId)) {
			diagnostics.error([...videoPath, 'sections', planId], m.unknownSection(planId, songIds));
		}
	}
	const slots: PlacedSlot[] = [];
	for (const section of sections) {
		const path = [...videoPath, 'sections', section.id];
		const plan = video.sections[section.id];
		if (!plan) {
			diagnostics.error(path, m.sectionWithoutPlan(section.id), m.sectionWithoutPlanFix(section.id));
			continue;
		}
		if (plan.filler !== undefined) {
			slots.push({
				id: `${section.id}/filler`,
				sectionId: section.id,
				indexInSection: 0,
				path,
				sourcePath: [...path, 'filler'],
				settingsPath: path,
				shot: null,
				fillerColor: plan.filler,
				cutInSeconds: section.startInSeconds,
				cutInFrame: section.startFrame,
				cutOutFrame: section.endFrame,
				...transitionInto(context, section.id, 0, null, path),
			});
			continue;
		}
		const shots = plan.cutEvery ? expandCutEvery(context, plan.cutEvery, section, [...path, 'cutEvery', 'loud']) : (plan.shots ?? []);
		const cuts = sectionCuts(context, section, shots, path);
		if (!cuts) {
			continue;
		}
		shots.forEach((shot, index) => {
			const cutInFrame = index === 0 ? section.startFrame : secondsToFrame(cuts[index] as number, video.fps);
			const cutOutFrame = index === shots.length - 1 ? section.endFrame : secondsToFrame(cuts[index + 1] as number, video.fps);
			const shotPath = plan.cutEvery ? [...path, 'cutEvery', `shot ${index + 1}`] : [...path, 'shots', index];
			const sourcePath = plan.cutEvery ? cutEveryPoolPath(plan.cutEvery, index, [...path, 'cutEvery']) : [...shotPath, shot.take === undefined ? 'clip' : 'take'];
			const settingsPath = plan.cutEvery ? [...path, 'cutEvery', 'shot'] : shotPath;
			if (cutOutFrame <= cutInFrame) {
				diagnostics.error(shotPath, m.shotTooShort());
				return;
			}
			slots.push({
				id: `${section.id}/${index + 1}`,
				sectionId: section.id,
				indexInSection: index,
				path: shotPath,
				sourcePath,
				settingsPath,
				shot,
				fillerColor: null,
				cutInSeconds: cuts[index] as number,
				cutInFrame,
				cutOutFrame,
				...transitionInto(context, section.id, index, shot, shotPath),
			});
		});
	}
	return slots;
};
