import {createHash} from 'node:crypto';
import {formatPath, type Problem, SongreelInputError} from '../problems/problem.ts';
import {fillPromptTemplate, type Generate, generatedShotId} from '../schemas/generate-schema.ts';
import type {Shot} from '../schemas/shot-schema.ts';
import type {GenerationShot, ShotList} from '../schemas/shot-list-schema.ts';
import type {Video} from '../schemas/video-schema.ts';
import type {Registry, Take} from '../takes/take-schema.ts';
import type {ResolvedShot, ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import type {ClipRequest, ProviderCapabilities} from './clip-provider.ts';
import {composePrompt} from './compose-prompt.ts';
import {generationMessages as m} from './messages.ts';
import {allowedLengthInSeconds, type GenerationPlan, planGeneration} from './plan-generation.ts';
import {referenceImageProblem} from './reference-image.ts';

/** Where a continuing slot's first frame comes from: a frame of the previous shot's clip, written to `imagePath` (under public/). */
export type StartFrame = {readonly src: string; readonly atSeconds: number; readonly imagePath: string; readonly fromShot: string};

/**
 * One generated slot of a video: where it sits in the compiled timeline, what it asks of the provider, and whether
 * it is `filled` (it has a usable take), `ready` (takes can be made now) or `waiting` (it continues from a previous
 * shot that has no picked take yet).
 */
export type SlotPlan = {
	readonly shotId: string;
	/** The timeline's shot id, like "chorus-1/3". */
	readonly slotId: string;
	readonly sectionId: string;
	readonly indexInSection: number;
	/** The shot's place in the compositions file, for messages. */
	readonly path: string;
	readonly visibleFrames: number;
	/** Clip the slot shows (from `clipStartInSeconds`, at the shot's speed), and the length asked of the provider. */
	readonly wantedInSeconds: number;
	readonly askedInSeconds: number;
	readonly size: string;
	readonly model: string;
	/** The prompt sent for new takes, template filled and style bible added. */
	readonly prompt: string;
	readonly lyric: string;
	readonly referenceImage: string | null;
	readonly startFrame: StartFrame | null;
	readonly state: 'filled' | 'ready' | 'waiting';
	/** For a waiting slot: the generated shot whose pick it waits for. */
	readonly waitsFor: string | null;
	readonly takesWanted: number;
	/** What the slot's new takes cost (waiting slots included: they will be made once the pick exists). */
	readonly estimatedUsd: number;
};

/** Inputs of `planSlots`. */
export type PlanSlotsInput = {
	readonly video: Video;
	readonly timeline: ResolvedTimeline;
	readonly registry: Registry;
	/** The shot list (style bible, defaults, its shots), or only its defaults when the project has none. */
	readonly shotList: ShotList;
	/** Whether the shot list came from a file: its default size is then preferred where the aspect matches. */
	readonly shotListFromFile: boolean;
	readonly provider: {readonly name: string; readonly capabilities: ProviderCapabilities; readonly estimateCostUsd: (request: ClipRequest) => number};
	readonly options: {readonly takesPerShot: number | null; readonly retryFailed: boolean; readonly providerName: string};
	readonly file: string;
	/** The project's public/ folder, where start images (`referenceImage`) are. */
	readonly publicDir: string;
	readonly now: string;
};

const usable = (take: Take): boolean => take.status === 'complete' && take.file !== null && take.rejectedReason === null;

const ASPECT_TOLERANCE = 0.01;
const aspectOf = (size: string): number => {
	const [width, height] = size.split('x').map(Number);
	return (width as number) / (height as number);
};

/**
 * The clip size for a video: among the sizes a provider makes, the one in the video's aspect nearest its area;
 * a provider that makes any size gets the preferred size (the shot list's default) when its aspect matches
 * (smaller, cheaper), else the video's own size. Null when the provider makes nothing in that aspect.
 */
export const sizeForVideo = ({width, height, sizes, preferred}: {width: number; height: number; sizes: readonly string[] | null; preferred: string | null}): string | null => {
	const aspect = width / height;
	const matches = (size: string): boolean => Math.abs(aspectOf(size) / aspect - 1) <= ASPECT_TOLERANCE;
	if (sizes === null) {
		return preferred !== null && matches(preferred) ? preferred : `${width}x${height}`;
	}
	const area = width * height;
	const areaOf = (size: string): number => size.split('x').map(Number).reduce((a, b) => a * b, 1);
	return [...sizes].filter(matches).sort((a, b) => Math.abs(areaOf(a) - area) - Math.abs(areaOf(b) - area))[0] ?? null;
};

/** The lyric line(s) sung during frames [from, to): every line on screen for part of it, joined by " / ". */
export const lyricOver = (timeline: ResolvedTimeline, fromFrame: number, toFrame: number): string =>
	timeline.lyrics
		.filter((line) => line.startFrame < toFrame && line.endFrame > fromFrame)
		.map((line) => line.text.trim())
		.filter((text) => text !== '')
		.join(' / ');

/** The last frame the edit shows of a clip shot, in seconds into its file. */
export const lastShownSecondsOf = (shot: ResolvedShot, fps: number): number | null => {
	if (shot.visual.kind !== 'clip') {
		return null;
	}
	const last = shot.visual.segments.at(-1);
	if (last === undefined) {
		return null;
	}
	const frame = last.kind === 'freeze' ? last.trimBeforeInFrames : last.trimBeforeInFrames + (last.durationInFrames - 1) * last.playbackRate;
	return Math.max(0, frame / fps);
};

const startImagePath = (shotId: string, src: string, atSeconds: number): string =>
	`takes/${shotId}/start-${createHash('sha256').update(`${src}@${atSeconds.toFixed(4)}`).digest('hex').slice(0, 12)}.png`;

/**
 * Plans generation for one video from its compiled timeline: each shot with `generate` gets takes as long as its
 * slot (visible frames, transitions included, at the shot's speed from its clipStartInSeconds), rounded up to a
 * length the provider makes (the edit trims the rest), in the video's aspect, with a prompt whose `{section}` and
 * `{lyric}` come from the slot. Slots that have a usable take are left alone. A slot that continues from the
 * previous shot starts from the last frame the edit shows of it, once that shot has a picked take (or is a clip).
 * Every problem is thrown together, before anything is paid for.
 */
export const planSlots = (input: PlanSlotsInput): {slots: SlotPlan[]; plan: GenerationPlan} => {
	const {video, timeline, registry, shotList, provider, options, file, shotListFromFile} = input;
	const problems: Problem[] = [];
	const problem = (path: readonly PropertyKey[], message: string, fix?: string): void => {
		problems.push(fix === undefined ? {file, path: formatPath(path), message} : {file, path: formatPath(path), message, fix});
	};
	const videoPath = ['videos', video.id];
	const {lengthsInSeconds, sizes, imageTypes} = provider.capabilities;
	const size = sizeForVideo({width: video.width, height: video.height, sizes, preferred: shotListFromFile ? shotList.defaults.size : null});
	const slots: SlotPlan[] = [];
	const generationShots: GenerationShot[] = [];
	const firstById = new Map<string, SlotPlan>();
	timeline.shots.forEach((resolved, timelineIndex) => {
		const shot: Shot | undefined = video.sections[resolved.sectionId]?.shots?.[resolved.indexInSection];
		const generate: Generate | undefined = shot?.generate;
		if (shot === undefined || generate === undefined) {
			return;
		}
		const path = [...videoPath, 'sections', resolved.sectionId, 'shots', resolved.indexInSection];
		const shotId = generatedShotId({videoId: video.id, sectionId: resolved.sectionId, indexInSection: resolved.indexInSection, generate});
		const listed = generate.shot === undefined ? undefined : shotList.shots.find((s) => s.id === generate.shot);
		if (generate.shot !== undefined && listed === undefined) {
			problem([...path, 'generate', 'shot'], m.unknownShotListShot(generate.shot, shotList.shots.map((s) => s.id)), m.unknownShotListShotFix());
			return;
		}
		const characters = generate.characters ?? listed?.characters ?? [];
		characters.forEach((name, i) => {
			if (!(name in shotList.styleBible.characters)) {
				problem([...path, 'generate', 'characters', i], m.unknownCharacter(name, Object.keys(shotList.styleBible.characters)));
			}
		});
		if (size === null) {
			// One line for the video, at its first generated shot: every slot has the same aspect.
			if (!problems.some((p) => p.message === m.noSizeForAspect(provider.name, video.width, video.height, sizes ?? []))) {
				problem(path, m.noSizeForAspect(provider.name, video.width, video.height, sizes ?? []), m.noSizeForAspectFix());
			}
			return;
		}
		const wantedInSeconds = shot.clipStartInSeconds + (resolved.durationInFrames * shot.speed) / timeline.fps;
		let askedInSeconds = lengthsInSeconds === null ? Math.ceil(wantedInSeconds - 1e-6) : allowedLengthInSeconds(wantedInSeconds, lengthsInSeconds);
		if (askedInSeconds < wantedInSeconds - 1e-6 && shot.onShortClip === 'error') {
			problem(path, m.slotTooLong(wantedInSeconds, provider.name, askedInSeconds), m.slotTooLongFix());
			return;
		}
		askedInSeconds = Math.max(askedInSeconds, lengthsInSeconds?.[0] ?? 1);
		const lyric = lyricOver(timeline, resolved.cutInFrame, resolved.cutOutFrame);
		const fields = {section: resolved.sectionId, lyric, video: video.id, shot: listed?.prompt ?? ''};
		const template = generate.prompt ?? (listed as GenerationShot).prompt;
		const prompt = fillPromptTemplate(template, {...fields, shot: fillPromptTemplate(fields.shot, {...fields, shot: ''})});
		const referenceImage = generate.referenceImage ?? (generate.continueFrom === undefined ? (listed?.referenceImage ?? null) : null);
		let startFrame: StartFrame | null = null;
		let waitsFor: string | null = null;
		if (generate.continueFrom === 'previous') {
			const previous = timeline.shots[timelineIndex - 1];
			const previousShot = previous === undefined ? undefined : video.sections[previous.sectionId]?.shots?.[previous.indexInSection];
			if (previous === undefined) {
				problem([...path, 'generate', 'continueFrom'], m.continueFromFirstShot());
				return;
			}
			const previousGenerated = previousShot?.generate === undefined ? null : generatedShotId({videoId: video.id, sectionId: previous.sectionId, indexInSection: previous.indexInSection, generate: previousShot.generate});
			const atSeconds = lastShownSecondsOf(previous, timeline.fps);
			if (previousGenerated !== null && (registry.picks[previousGenerated] === undefined || previous.visual.kind !== 'clip')) {
				// Its take is not chosen yet: this slot's first frame is not known, so it waits.
				waitsFor = previousGenerated;
			} else if (previous.visual.kind !== 'clip' || atSeconds === null) {
				problem([...path, 'generate', 'continueFrom'], m.continueFromNoClip(previous.id, previous.visual.kind === 'component' ? 'a component' : 'a colour'));
				return;
			} else {
				startFrame = {src: previous.visual.src, atSeconds, imagePath: startImagePath(shotId, previous.visual.src, atSeconds), fromShot: previousGenerated ?? previous.id};
			}
		}
		if ((referenceImage !== null || generate.continueFrom !== undefined) && imageTypes.length === 0) {
			problem(path, m.noImageInput(provider.name), m.noImageInputFix());
			return;
		}
		if (referenceImage !== null) {
			const wrong = referenceImageProblem({publicDir: input.publicDir, image: referenceImage, provider});
			if (wrong !== null) {
				// Named where it is written: this shot's generate block, or the shot-list shot it takes the image from.
				problem([...path, 'generate', generate.referenceImage === undefined ? 'shot' : 'referenceImage'], generate.referenceImage === undefined ? m.shotListImage(generate.shot as string, wrong.message) : wrong.message, wrong.fix);
				return;
			}
		}
		const takes = registry.takes.filter((take) => take.shotId === shotId);
		const filled = registry.picks[shotId] !== undefined || takes.some(usable);
		const rejected = takes.filter((take) => take.rejectedReason !== null).length;
		const takesWanted = options.takesPerShot ?? generate.takes ?? listed?.takes ?? shotList.defaults.takes;
		const model = generate.model ?? listed?.model ?? shotList.defaults.model;
		const generationShot: GenerationShot = {
			id: shotId,
			prompt,
			characters,
			// Rejected takes do not count towards the takes wanted: the slot is empty again.
			takes: takesWanted + rejected,
			lengthInSeconds: askedInSeconds,
			size,
			...(startFrame !== null ? {referenceImage: startFrame.imagePath} : referenceImage !== null ? {referenceImage} : {}),
			model,
		};
		const newTakes = Math.max(0, takesWanted + rejected - takes.length);
		const composed = composePrompt(generationShot, shotList.styleBible);
		const request: ClipRequest = {takeId: `${shotId}/t0`, prompt: composed, model, lengthInSeconds: askedInSeconds, size, seed: 0, referenceImage: null, idempotencyKey: ''};
		const slot: SlotPlan = {
			shotId,
			slotId: resolved.id,
			sectionId: resolved.sectionId,
			indexInSection: resolved.indexInSection,
			path: formatPath(path),
			visibleFrames: resolved.durationInFrames,
			wantedInSeconds,
			askedInSeconds,
			size,
			model,
			prompt: composed,
			lyric,
			referenceImage,
			startFrame,
			state: filled ? 'filled' : waitsFor !== null ? 'waiting' : 'ready',
			waitsFor,
			takesWanted,
			estimatedUsd: filled ? 0 : newTakes * provider.estimateCostUsd(request),
		};
		const first = firstById.get(shotId);
		if (first !== undefined) {
			// The same takes can serve two slots (a shared generate.id) only when both want the same clip.
			if (first.askedInSeconds !== askedInSeconds || first.size !== size || first.prompt !== prompt) {
				problem([...path, 'generate', 'id'], m.idSharedByDifferentSlots(shotId, first.path), m.idSharedByDifferentSlotsFix());
			}
			return;
		}
		firstById.set(shotId, slot);
		slots.push(slot);
		if (slot.state === 'ready') {
			generationShots.push(generationShot);
		}
	});
	if (problems.length > 0) {
		throw new SongreelInputError(problems);
	}
	const plan = planGeneration({
		registry,
		shotList: {...shotList, shots: generationShots},
		options: {shotIds: [], takesPerShot: null, retryFailed: options.retryFailed, providerName: options.providerName, model: shotList.defaults.model},
		estimateCostUsd: provider.estimateCostUsd,
		lengthsInSeconds: null,
		now: input.now,
	});
	return {slots, plan};
};
