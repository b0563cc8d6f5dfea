// Pure: a compiled timeline as the edit decisions an editing application reads. No IO here.
import {type ClipPlacement, clipPlacement} from '../draw/clip-placement.ts';
import {focusAt} from '../draw/focus-at.ts';
import type {ResolvedFocus, ResolvedTimeline, ResolvedTransition} from '../timeline/resolved-timeline.ts';

/** A clip file's size in pixels, as probed. */
export type ClipSize = {readonly width: number; readonly height: number};

const CENTRED: ResolvedFocus = {xPercent: {frames: [0], values: [50]}, yPercent: {frames: [0], values: [50]}};

/** A stretch of the picture track: a clip at a speed (0 holds one frame), or a gap where songreel draws something no NLE can load. */
export type EditEvent = {
	readonly name: string;
	readonly shotId: string;
	readonly sectionId: string;
	/** Under public/; null for a gap (a filler colour, a React component or any other non-clip shot). */
	readonly src: string | null;
	/** What the gap stands for, when `src` is null (`filler #000000`, `component`). */
	readonly gapReason: string | null;
	/** Timeline frames, end exclusive: the shot's slot between cuts (or a part of it, where the clip loops or freezes). */
	readonly recordInFrame: number;
	readonly recordOutFrame: number;
	/** Source position at `recordInFrame`, in frames at the timeline's rate (it may fall between frames under a speed change). */
	readonly sourceInFrame: number;
	readonly speed: number;
	/** The transition into this event, centred on its cut; only on the first event of a shot. */
	readonly transitionIn: ResolvedTransition | null;
	/** How the clip is reframed into the timeline's frame; null for a gap. */
	readonly reframe: EditReframe | null;
};

/** A focus point at a timeline frame, with where the clip lands there (null when the clip's size is unknown). */
export type EditReframeKey = {
	readonly frame: number;
	readonly xPercent: number;
	readonly yPercent: number;
	readonly placement: ClipPlacement | null;
};

/**
 * How a clip event fills the frame, as songreel draws it: `fit` (cover crops, contain letterboxes) and the focus point
 * (CSS object-position, percent of the clip) at the event's first frame, at every focus keyframe inside it and at its
 * last frame; one key when the focus holds still. Placements (scale and the clip centre's offset from the frame's) need
 * the clip's size.
 */
export type EditReframe = {
	readonly fit: 'cover' | 'contain';
	readonly clipWidth: number | null;
	readonly clipHeight: number | null;
	readonly keys: readonly EditReframeKey[];
};

/** A named point (or range) on the timeline. */
export type EditMarker = {
	readonly kind: 'section' | 'downbeat' | 'lyric';
	readonly name: string;
	readonly frame: number;
	readonly durationInFrames: number;
};

/** Everything an export writes: picture events, the song, markers, all in the timeline's integer frames. */
export type EditPlan = {
	readonly name: string;
	readonly fps: number;
	readonly width: number;
	readonly height: number;
	readonly durationInFrames: number;
	readonly events: readonly EditEvent[];
	readonly song: {readonly src: string; readonly durationInFrames: number};
	readonly markers: readonly EditMarker[];
};

/**
 * Turns a timeline into edit events: each shot's slot (cut to cut), split where its clip segments change (a loop restarts
 * the source, a freeze holds a frame), with source positions from the segments' `trimBeforeInFrames` and `playbackRate`.
 * Transitions stay centred on their cuts, as the timeline draws them; the frames either side come from the clips' handles.
 * Markers: section starts, lyric lines, and `downbeatFrames` when given. Each clip event carries its reframing (fit and
 * focus, with placements where `clipSizes` knows the clip's size).
 */
export const buildEditPlan = ({timeline, downbeatFrames = [], clipSizes = {}}: {readonly timeline: ResolvedTimeline; readonly downbeatFrames?: readonly number[]; readonly clipSizes?: Readonly<Record<string, ClipSize>>}): EditPlan => {
	const events: EditEvent[] = [];
	for (const shot of timeline.shots) {
		const base = {shotId: shot.id, sectionId: shot.sectionId};
		const visual = shot.visual as {kind: string; src?: string; color?: string; fit?: 'cover' | 'contain'; focus?: ResolvedFocus; segments?: readonly {kind: string; fromFrame: number; durationInFrames: number; trimBeforeInFrames: number; playbackRate: number}[]};
		if (visual.kind !== 'clip' || visual.src === undefined || visual.segments === undefined) {
			// Not a clip (a filler colour, or a kind added later such as a React component): a gap the editor fills.
			events.push({...base, name: shot.id, src: null, gapReason: visual.kind === 'filler' ? `filler ${visual.color ?? ''}`.trim() : visual.kind, recordInFrame: shot.cutInFrame, recordOutFrame: shot.cutOutFrame, sourceInFrame: 0, speed: 1, transitionIn: shot.transitionIn, reframe: null});
			continue;
		}
		const size = clipSizes[visual.src] ?? null;
		const reframeOf = (from: number, to: number): EditReframe => {
			const fit = visual.fit ?? 'cover';
			const focus = visual.focus ?? CENTRED;
			// The event's first and last frames and the focus keyframes between them, in timeline frames.
			const inner = [...focus.xPercent.frames, ...focus.yPercent.frames].map((frameInShot) => shot.fromFrame + frameInShot).filter((frame) => frame > from && frame < to - 1);
			const frames = [...new Set([from, ...inner, to - 1])].sort((a, b) => a - b);
			const keys = frames.map((frame): EditReframeKey => {
				const {xPercent, yPercent} = focusAt(focus, frame - shot.fromFrame);
				return {frame, xPercent, yPercent, placement: size === null ? null : clipPlacement({frameWidth: timeline.width, frameHeight: timeline.height, clipWidth: size.width, clipHeight: size.height, fit, xPercent, yPercent})};
			});
			const still = keys.every((key) => key.xPercent === keys[0]?.xPercent && key.yPercent === keys[0]?.yPercent);
			return {fit, clipWidth: size?.width ?? null, clipHeight: size?.height ?? null, keys: still ? keys.slice(0, 1) : keys};
		};
		let first = true;
		for (const segment of visual.segments) {
			const from = Math.max(shot.cutInFrame, shot.fromFrame + segment.fromFrame);
			const to = Math.min(shot.cutOutFrame, shot.fromFrame + segment.fromFrame + segment.durationInFrames);
			if (to <= from) {
				continue;
			}
			const freeze = segment.kind === 'freeze';
			const intoSegment = from - (shot.fromFrame + segment.fromFrame);
			events.push({
				...base,
				name: shot.id,
				src: visual.src,
				gapReason: null,
				recordInFrame: from,
				recordOutFrame: to,
				sourceInFrame: freeze ? segment.trimBeforeInFrames : segment.trimBeforeInFrames + intoSegment * segment.playbackRate,
				speed: freeze ? 0 : segment.playbackRate,
				transitionIn: first ? shot.transitionIn : null,
				reframe: reframeOf(from, to),
			});
			first = false;
		}
	}
	const markers: EditMarker[] = [
		...timeline.sections.map((section) => ({kind: 'section' as const, name: section.id, frame: section.startFrame, durationInFrames: 0})),
		...downbeatFrames.filter((frame) => frame >= 0 && frame < timeline.durationInFrames).map((frame, index) => ({kind: 'downbeat' as const, name: `bar ${index + 1}`, frame, durationInFrames: 0})),
		...timeline.lyrics.map((line) => ({kind: 'lyric' as const, name: line.text, frame: line.startFrame, durationInFrames: line.endFrame - line.startFrame})),
	].sort((a, b) => a.frame - b.frame);
	return {name: timeline.id, fps: timeline.fps, width: timeline.width, height: timeline.height, durationInFrames: timeline.durationInFrames, events, song: {src: timeline.audio.src, durationInFrames: timeline.durationInFrames}, markers};
};
