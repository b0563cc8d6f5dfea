import {secondsToFrame} from '../music/seconds-to-frame.ts';
import {type Problem, SongreelInputError} from '../problems/problem.ts';
import type {Song} from '../schemas/song-schema.ts';
import type {Video} from '../schemas/video-schema.ts';
import {checkInvariants} from './check-invariants.ts';
import {checkSync} from './check-sync.ts';
import type {CompileContext} from './compile-context.ts';
import {createDiagnostics} from './diagnostics.ts';
import {timelineMessages as m} from './messages.ts';
import {planClipSegments} from './plan-clip-segments.ts';
import {placeEffects} from './place-effects.ts';
import {normalizeTempo} from './normalize-tempo.ts';
import {placeEnvelopes} from './place-envelopes.ts';
import {placeGrid} from './place-grid.ts';
import {placeLayers} from './place-layers.ts';
import {placeLyrics} from './place-lyrics.ts';
import {placeShots} from './place-shots.ts';
import {placeTransitions} from './place-transitions.ts';
import type {ResolvedFocus, ResolvedKenBurns, ResolvedShot, ResolvedTimeline} from './resolved-timeline.ts';
import {generatedShotId} from '../schemas/generate-schema.ts';
import type {Focus, KenBurns} from '../schemas/shot-schema.ts';
import {beatsToSeconds, secondsToBeats, type TempoMap} from '../music/tempo-map.ts';
import {resolveSections} from './resolve-sections.ts';
import {isMissing, type TimelineFacts} from './timeline-facts.ts';

// The move spans the whole visible shot, transitions included, so it does not stall during a blend.
const kenBurnsKeyframes = (kenBurns: KenBurns, durationInFrames: number): ResolvedKenBurns => {
	const frames = [0, Math.max(1, durationInFrames - 1)];
	return {
		scale: {frames, values: [kenBurns.fromScale, kenBurns.toScale]},
		xPercent: {frames, values: [kenBurns.fromXPercent, kenBurns.toXPercent]},
		yPercent: {frames, values: [kenBurns.fromYPercent, kenBurns.toYPercent]},
	};
};

// A focus point holds for the whole shot; keyframes are given in beats from the cut in and placed on the beat grid,
// rounded from their exact time like every cut. Two keyframes that round to one frame keep the later one.
const focusKeyframes = ({focus, tempoMap, cutInSeconds, fromFrame, durationInFrames, fps}: {readonly focus: Focus | undefined; readonly tempoMap: TempoMap; readonly cutInSeconds: number; readonly fromFrame: number; readonly durationInFrames: number; readonly fps: number}): ResolvedFocus => {
	if (focus?.keyframes === undefined) {
		return {xPercent: {frames: [0], values: [focus?.x ?? 50]}, yPercent: {frames: [0], values: [focus?.y ?? 50]}};
	}
	const cutInBeats = secondsToBeats(tempoMap, cutInSeconds);
	const frames: number[] = [];
	const xs: number[] = [];
	const ys: number[] = [];
	for (const keyframe of focus.keyframes) {
		const frame = Math.min(durationInFrames - 1, Math.max(0, secondsToFrame(beatsToSeconds(tempoMap, cutInBeats + keyframe.atBeat), fps) - fromFrame));
		if (frames.length > 0 && frame <= (frames[frames.length - 1] as number)) {
			frames.pop();
			xs.pop();
			ys.pop();
		}
		frames.push(frame);
		xs.push(keyframe.x);
		ys.push(keyframe.y);
	}
	return {xPercent: {frames, values: xs}, yPercent: {frames, values: ys}};
};

/** Input of `compileTimeline`: validated song and video, facts about files, and where messages should point. */
export type CompileInput = {
	readonly song: Song;
	readonly video: Video;
	readonly facts: TimelineFacts;
	/** The file named in messages (default "remotion/compositions.ts"). */
	readonly file?: string;
	readonly songPath?: readonly PropertyKey[];
	readonly videoPath?: readonly PropertyKey[];
};

/** A compiled timeline and the recoverable problems met on the way. */
export type CompileResult = {
	readonly timeline: ResolvedTimeline;
	readonly warnings: readonly Problem[];
};

/*
 * compileTimeline: song map + video plan + facts -> ResolvedTimeline, all in integer frames.
 *
 *   normalize            tempo map, song length in frames (round(seconds * fps))
 *   resolve sections     each section's exact start/end seconds and frames; they must tile the song
 *   place shots          cuts walked on the beat grid from each section's start (and back from its end
 *                        around a "fill" shot); every cut is rounded from its exact time, never by
 *                        adding rounded lengths, so bar 97 is the same frame however it is reached
 *   place transitions    overlap centred on the cut: shots are widened by half the transition on each
 *                        side, so TransitionSeries' shortening is compensated and cuts stay on beats
 *   check sync           warnings for cuts off the beat grid
 *   plan clip segments   how each clip fills its visible frames (play, loop, freeze, slow)
 *   place lyrics         lines and words to frames, style from the section a line starts in
 *   place effects        beat pulses and downbeat flashes from the beat grid, as keyframes
 *   place layers         the project's own components over the picture, from sections and positions
 *   place grid           every beat as an exact frame position with bar and beat, for the hooks
 *   place envelopes      loudness and onsets per frame from the song's analysis file, when there is one
 *   check invariants     a failed check is a songreel bug, not a user error
 *
 * Every problem is collected, then thrown together as one SongreelInputError.
 */
export const compileTimeline = (input: CompileInput): CompileResult => {
	const {song, video, facts} = input;
	const diagnostics = createDiagnostics(input.file ?? 'remotion/compositions.ts');
	const songPath = input.songPath ?? ['song'];
	const videoPath = input.videoPath ?? ['videos', video.id];
	const fail = (): never => {
		throw new SongreelInputError([...diagnostics.errors]);
	};

	// normalize
	const tempoMap = normalizeTempo({song, facts, songPath, diagnostics});
	if (isMissing(facts.song)) {
		diagnostics.error([...songPath, 'audio'], m.audioMissing(song.audio, facts.song.error), m.audioMissingFix());
	}
	if (tempoMap === null || isMissing(facts.song)) {
		return fail();
	}
	const songDurationInSeconds = facts.song.durationInSeconds;
	const context: CompileContext = {
		song,
		video,
		facts,
		tempoMap,
		songDurationInSeconds,
		durationInFrames: Math.max(1, secondsToFrame(songDurationInSeconds, video.fps)),
		songPath,
		videoPath,
		diagnostics,
	};

	const placedSections = resolveSections(context);
	if (diagnostics.errors.length > 0) {
		return fail();
	}
	const sections = placedSections.map(({id, startFrame, endFrame}) => ({id, startFrame, endFrame}));
	const slots = placeShots(context, placedSections);
	const transitions = placeTransitions(context, slots);
	checkSync(context, slots);

	const shots = slots.map((slot, index): ResolvedShot | null => {
		const into = transitions[index] ?? null;
		const outOf = transitions[index + 1] ?? null;
		const fromFrame = slot.cutInFrame - (into ? Math.floor(into.durationInFrames / 2) : 0);
		const durationInFrames = slot.cutOutFrame + (outOf ? Math.ceil(outOf.durationInFrames / 2) : 0) - fromFrame;
		const base = {id: slot.id, sectionId: slot.sectionId, indexInSection: slot.indexInSection, cutInFrame: slot.cutInFrame, cutOutFrame: slot.cutOutFrame, fromFrame, durationInFrames, transitionIn: into};
		if (slot.shot === null) {
			return {...base, visual: {kind: 'filler', color: slot.fillerColor ?? video.background}};
		}
		if (slot.shot.component !== undefined) {
			return {...base, visual: {kind: 'component', component: slot.shot.component, props: slot.shot.props ?? {}}};
		}
		let shot = slot.shot;
		if (shot.generate !== undefined) {
			// A generated slot plays its picked take; until one exists it shows the background, so the cut can be
			// watched and its slots measured before anything is paid for.
			const takeShotId = generatedShotId({videoId: video.id, sectionId: slot.sectionId, indexInSection: slot.indexInSection, generate: shot.generate});
			const resolved = facts.takes?.[takeShotId];
			if (resolved === undefined || isMissing(resolved)) {
				diagnostics.warn([...slot.path, 'generate'], m.generatedSlotEmpty(takeShotId, video.id));
				return {...base, visual: {kind: 'filler', color: video.background}};
			}
			shot = {...shot, take: takeShotId};
		}
		const clip = planClipSegments(context, {shot, durationInFrames, path: slot.settingsPath, sourcePath: shot.generate === undefined ? slot.sourcePath : [...slot.path, 'generate']});
		if (clip === null) {
			return null;
		}
		return {
			...base,
			visual: {
				kind: 'clip',
				src: clip.src,
				fit: shot.fit ?? video.defaults.fit,
				volume: shot.clipVolume,
				segments: clip.segments,
				kenBurns: shot.kenBurns ? kenBurnsKeyframes(shot.kenBurns, durationInFrames) : null,
				focus: focusKeyframes({focus: shot.focus, tempoMap: context.tempoMap, cutInSeconds: slot.cutInSeconds, fromFrame, durationInFrames, fps: video.fps}),
			},
		};
	});
	const lyrics = placeLyrics(context, sections);
	const layers = placeLayers(context, placedSections);
	if (diagnostics.errors.length > 0) {
		return fail();
	}

	const timeline: ResolvedTimeline = {
		id: video.id,
		width: video.width,
		height: video.height,
		fps: video.fps,
		durationInFrames: context.durationInFrames,
		background: video.background,
		clipElement: video.clipElement,
		audio: {src: song.audio},
		sections,
		shots: shots as ResolvedShot[],
		lyrics,
		effects: placeEffects(context, placedSections),
		layers,
		beats: placeGrid(context),
		envelopes: placeEnvelopes(context),
	};
	checkInvariants(timeline);
	return {timeline, warnings: diagnostics.warnings};
};
