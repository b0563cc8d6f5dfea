// Pure: a compiled timeline as the edit decisions an editing application reads. No IO here.
import type {ResolvedTimeline, ResolvedTransition} from '../timeline/resolved-timeline.ts';

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
 * Markers: section starts, lyric lines, and `downbeatFrames` when given.
 */
export const buildEditPlan = ({timeline, downbeatFrames = []}: {readonly timeline: ResolvedTimeline; readonly downbeatFrames?: readonly number[]}): EditPlan => {
	const events: EditEvent[] = [];
	for (const shot of timeline.shots) {
		const base = {shotId: shot.id, sectionId: shot.sectionId};
		const visual = shot.visual as {kind: string; src?: string; color?: string; segments?: readonly {kind: string; fromFrame: number; durationInFrames: number; trimBeforeInFrames: number; playbackRate: number}[]};
		if (visual.kind !== 'clip' || visual.src === undefined || visual.segments === undefined) {
			// Not a clip (a filler colour, or a kind added later such as a React component): a gap the editor fills.
			events.push({...base, name: shot.id, src: null, gapReason: visual.kind === 'filler' ? `filler ${visual.color ?? ''}`.trim() : visual.kind, recordInFrame: shot.cutInFrame, recordOutFrame: shot.cutOutFrame, sourceInFrame: 0, speed: 1, transitionIn: shot.transitionIn});
			continue;
		}
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
