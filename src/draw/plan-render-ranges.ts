import type {SegmentTiming} from './clip-source-frame.ts';
import type {Keyframes, ResolvedFocus, ResolvedKenBurns, ResolvedShot, ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {builtinTransition} from '../transitions/builtin-transitions.ts';

/**
 * One clip playing in a shot: which file, how it fits, which clip time shows at each frame (see
 * `clipTimeInSecondsAt`; a frozen segment holds the time of its first frame), and the shot's Ken Burns move,
 * counted from `shotFromFrame`.
 */
export type ClipPlayback = {
	readonly kind: 'clip';
	readonly shotId: string;
	readonly src: string;
	readonly fit: 'cover' | 'contain';
	readonly timing: SegmentTiming;
	readonly frozen: boolean;
	readonly kenBurns: ResolvedKenBurns | null;
	/** The point of the clip kept in frame (CSS object-position), per frame of the shot. */
	readonly focus: ResolvedFocus;
	readonly shotFromFrame: number;
};

/** What a shot shows in a direct range: a playing (or frozen) clip, or a plain colour (a filler shot). */
export type ShotPicture = ClipPlayback | {readonly kind: 'color'; readonly shotId: string; readonly color: string};

/** A built-in transition between the two shots of a direct range, drawn by its definition's `direct` rule. */
export type DirectTransition = {
	readonly type: string;
	readonly direction: string | null;
	readonly startFrame: number;
	readonly durationInFrames: number;
};

/**
 * A stretch of frames a renderer can produce without a browser: one shot's picture full frame, or a built-in
 * transition between two (`layers` bottom first: exiting, entering; a transition during which a shot's clip
 * freezes comes in two ranges). Ken Burns moves, frozen frames, letterboxed
 * clips, the video's beat effects and lyric lines drawn by the built-in style may all show (the renderer lays
 * lyrics over from stills); nothing drawn by the project's own code does.
 */
export type DirectRange = {
	readonly startFrame: number;
	readonly endFrame: number;
	readonly layers: readonly ShotPicture[];
	readonly transition: DirectTransition | null;
};

/** A slice of the video to render on its own: by the browser, or (when `direct` lists its ranges, back to back) straight from its clips. */
export type RenderChunk = {
	readonly startFrame: number;
	readonly endFrame: number;
	/** Everything that decides the chunk's pixels (its shots, lyrics and effects, relative to its start, the output settings and how it is rendered); hash it with the clip files' hashes to cache the chunk. */
	readonly pixelKey: string;
	readonly direct: readonly DirectRange[] | null;
};

/** How to cut a video into chunks. */
export type ChunkPlanOptions = {
	/** About how long a chunk is; a chunk is never cut inside a transition. */
	readonly targetFrames: number;
	/** Direct stretches shorter than this are left to the browser with their neighbours (not worth decoders of their own); Infinity renders everything in the browser. */
	readonly minDirectFrames: number;
	/** Whether the renderer can draw a shot's picture itself (e.g. not a clip it cannot read exactly, or a colour it cannot parse); all can when absent. */
	readonly canDrawDirectly?: (picture: ShotPicture) => boolean;
	/** Whether the renderer can fill the frame with the video's background colour where no shot covers it; it can when absent. */
	readonly canDrawBackground?: boolean;
	/** A hash of the project's own code (components, transitions, lyric renderers), keyed into every chunk that shows some of it. */
	readonly projectCode?: string | null;
};

// Frames where an effect's value is not 1 (the effect shows): between two keyframes the value moves linearly,
// so the frames strictly between them are affected when either end is, and an end frame when its own value is.
const effectIntervals = (keyframes: Keyframes | null): [number, number][] =>
	(keyframes?.frames ?? []).slice(0, -1).flatMap((a, i): [number, number][] => {
		const b = keyframes?.frames[i + 1] as number;
		const va = keyframes?.values[i] as number;
		const vb = keyframes?.values[i + 1] as number;
		return va === 1 && vb === 1 ? [] : [[va === 1 ? a + 1 : a, vb === 1 ? b : b + 1]];
	});

// Whether a picture may leave part of the frame uncovered, so the video's background shows: a letterboxed clip,
// one moved by Ken Burns, or any shot during a flip (the card turns away from the frame's edges).
const mayShowBackground = (range: Pick<DirectRange, 'layers' | 'transition'>): boolean =>
	range.transition?.type === 'flip' || range.layers.some((picture) => picture.kind === 'clip' && (picture.fit === 'contain' || picture.kenBurns !== null));

/**
 * Frames of the video a renderer can draw without a browser, in order: each shot's picture inside its slot, and
 * every built-in transition whose definition has a direct drawing, between two such pictures. Frames showing the
 * project's own code (layers, component shots, its own transitions and lyric renderers) are left out, and so are
 * frames where a flash would brighten a background other than black (CSS brightness applies to the shots, not
 * the video's background, and the renderer brightens whole frames).
 */
export const findDirectRanges = (timeline: ResolvedTimeline, options: Pick<ChunkPlanOptions, 'canDrawDirectly' | 'canDrawBackground'> = {}): DirectRange[] => {
	const busy = [
		...timeline.layers.map((layer): [number, number] => [layer.startFrame, layer.endFrame]),
		...timeline.lyrics.flatMap((line): [number, number][] => (line.style.renderer === null ? [] : [[line.startFrame, line.endFrame]])),
	];
	const flashes = effectIntervals(timeline.effects?.brightness ?? null);
	const blackBackground = /^(#000(000)?(ff)?|#000f|black)$/i.test(timeline.background.trim());
	const canDraw = (picture: ShotPicture): boolean => options.canDrawDirectly?.(picture) ?? true;
	const blends = timeline.shots.flatMap((shot): [number, number][] => (shot.transitionIn ? [[shot.transitionIn.startFrame, shot.transitionIn.startFrame + shot.transitionIn.durationInFrames]] : []));
	// What a shot shows over [from, to), when one segment (playing or frozen) covers it all.
	const pictureOf = (shot: ResolvedShot, from: number, to: number): ShotPicture | null => {
		if (shot.visual.kind === 'filler') {
			return {kind: 'color', shotId: shot.id, color: shot.visual.color};
		}
		if (shot.visual.kind !== 'clip') {
			return null;
		}
		const segment = shot.visual.segments.find((s) => shot.fromFrame + s.fromFrame <= from && to <= shot.fromFrame + s.fromFrame + s.durationInFrames);
		return segment
			? {
					kind: 'clip',
					shotId: shot.id,
					src: shot.visual.src,
					fit: shot.visual.fit,
					timing: {sequenceStartFrame: shot.fromFrame + segment.fromFrame, trimBeforeInFrames: segment.trimBeforeInFrames, playbackRate: segment.playbackRate},
					frozen: segment.kind === 'freeze',
					kenBurns: shot.visual.kenBurns,
					focus: shot.visual.focus,
					shotFromFrame: shot.fromFrame,
				}
			: null;
	};
	// [from, to) cut into the stretches where a range of these layers can be drawn: no project code on screen,
	// and no flash over a background that would show.
	const drawable = (from: number, to: number, range: Pick<DirectRange, 'layers' | 'transition'>): [number, number][] => {
		if (!range.layers.every(canDraw) || (mayShowBackground(range) && options.canDrawBackground === false)) {
			return [];
		}
		const blocked = [...busy, ...(mayShowBackground(range) && !blackBackground ? flashes : [])].sort((a, b) => a[0] - b[0]);
		const free: [number, number][] = [];
		let cursor = from;
		for (const [busyStart, busyEnd] of blocked) {
			if (busyEnd <= cursor || busyStart >= to) {
				continue;
			}
			if (busyStart > cursor) {
				free.push([cursor, busyStart]);
			}
			cursor = Math.max(cursor, busyEnd);
		}
		if (cursor < to) {
			free.push([cursor, to]);
		}
		return free;
	};
	const ranges: DirectRange[] = [];
	for (const [index, shot] of timeline.shots.entries()) {
		const blend = shot.transitionIn;
		const previous = timeline.shots[index - 1];
		// Only a transition whose definition says how can be drawn without a browser, and only all of it: cut where
		// either shot's segment changes (a clip running into its frozen last frame), each piece with both pictures.
		if (blend && builtinTransition(blend.type)?.direct && previous) {
			const endFrame = blend.startFrame + blend.durationInFrames;
			const transition = {type: blend.type, direction: blend.direction, startFrame: blend.startFrame, durationInFrames: blend.durationInFrames};
			const segmentStarts = [previous, shot].flatMap((s) => (s.visual.kind === 'clip' ? s.visual.segments.map((segment) => s.fromFrame + segment.fromFrame) : []));
			const cuts = [...new Set([blend.startFrame, endFrame, ...segmentStarts.filter((frame) => frame > blend.startFrame && frame < endFrame)])].sort((a, b) => a - b);
			const pieces = cuts.slice(0, -1).map((from, k) => {
				const to = cuts[k + 1] as number;
				const exiting = pictureOf(previous, from, to);
				const entering = pictureOf(shot, from, to);
				const range = exiting && entering ? {layers: [exiting, entering], transition} : null;
				const [free] = range ? drawable(from, to, range) : [];
				return range && free && free[0] === from && free[1] === to ? {startFrame: from, endFrame: to, ...range} : null;
			});
			if (pieces.every((piece) => piece !== null)) {
				ranges.push(...pieces);
			}
		}
		const stretches = shot.visual.kind === 'clip' ? shot.visual.segments.map((segment) => [shot.fromFrame + segment.fromFrame, shot.fromFrame + segment.fromFrame + segment.durationInFrames]) : [[shot.fromFrame, shot.fromFrame + shot.durationInFrames]];
		for (const [segmentFrom, segmentTo] of stretches as [number, number][]) {
			// The stretch's frames inside the shot's slot and outside every transition.
			let from = Math.max(shot.cutInFrame, segmentFrom);
			let to = Math.min(shot.cutOutFrame, segmentTo);
			for (const [blendStart, blendEnd] of blends) {
				if (blendStart < to && blendEnd > from) {
					if (blendStart <= from) {
						from = Math.max(from, blendEnd);
					} else {
						to = Math.min(to, blendStart);
					}
				}
			}
			const picture = from < to ? pictureOf(shot, from, to) : null;
			if (picture) {
				const range = {layers: [picture], transition: null};
				ranges.push(...drawable(from, to, range).map(([startFrame, endFrame]): DirectRange => ({startFrame, endFrame, ...range})));
			}
		}
	}
	return ranges.sort((a, b) => a.startFrame - b.startFrame);
};

const within = (startFrame: number, endFrame: number) => (from: number, to: number): boolean => from < endFrame && to > startFrame;

// Everything that decides the pixels of frames [startFrame, endFrame), with frames made relative to the start,
// so an unchanged stretch moved in time keeps its key.
const chunkPixelKey = (timeline: ResolvedTimeline, startFrame: number, endFrame: number, direct: boolean, projectCode: string | null): string => {
	const overlaps = within(startFrame, endFrame);
	const layers = timeline.layers.filter((layer) => overlaps(layer.startFrame, layer.endFrame)).map((layer) => ({...layer, startFrame: layer.startFrame - startFrame, endFrame: layer.endFrame - startFrame}));
	const shots = timeline.shots.filter((shot) => overlaps(shot.fromFrame, shot.fromFrame + shot.durationInFrames)).map((shot): ResolvedShot => ({...shot, fromFrame: shot.fromFrame - startFrame, cutInFrame: shot.cutInFrame - startFrame, cutOutFrame: shot.cutOutFrame - startFrame, transitionIn: shot.transitionIn && {...shot.transitionIn, cutFrame: shot.transitionIn.cutFrame - startFrame, startFrame: shot.transitionIn.startFrame - startFrame}}));
	const lyrics = timeline.lyrics.filter((line) => overlaps(line.startFrame, line.endFrame)).map((line) => ({...line, startFrame: line.startFrame - startFrame, endFrame: line.endFrame - startFrame, opacity: {...line.opacity, frames: line.opacity.frames.map((f) => f - startFrame)}, words: line.words?.map((w) => ({...w, startFrame: w.startFrame - startFrame, endFrame: w.endFrame - startFrame})) ?? null}));
	const effectIn = (keyframes: Keyframes | null) => {
		if (keyframes === null) {
			return null;
		}
		const kept = keyframes.frames.map((frame, k) => [frame, keyframes.values[k]] as const).filter(([frame]) => frame >= startFrame - 1 && frame <= endFrame);
		return kept.map(([frame, value]) => [frame - startFrame, value]);
	};
	return JSON.stringify({
		frames: endFrame - startFrame,
		renderedBy: direct ? 'direct' : 'browser',
		output: {width: timeline.width, height: timeline.height, fps: timeline.fps, background: timeline.background, clipElement: timeline.clipElement},
		shots,
		lyrics,
		effects: {scale: effectIn(timeline.effects?.scale ?? null), brightness: effectIn(timeline.effects?.brightness ?? null)},
		layers,
		// The project's own code draws these frames from musical time: its source, and what the hooks read here.
		...(projectCode !== null && chunkUsesProjectCode(timeline, startFrame, endFrame)
			? {
					projectCode,
					beats: timeline.beats.filter((beat) => beat.frame >= startFrame - 2 * timeline.fps && beat.frame < endFrame + timeline.fps).map((beat) => ({...beat, frame: beat.frame - startFrame})),
					sections: timeline.sections.filter((section) => overlaps(section.startFrame, section.endFrame)).map((section) => ({...section, startFrame: section.startFrame - startFrame, endFrame: section.endFrame - startFrame})),
					envelopes: timeline.envelopes && {loudness: timeline.envelopes.loudnessInDb.slice(startFrame, endFrame), onset: timeline.envelopes.onset.slice(startFrame, endFrame)},
				}
			: {}),
	});
};

/** Whether the frames [startFrame, endFrame) show anything drawn by the project's own code: a layer, a component shot, its own transition or lyric renderer. */
export const chunkUsesProjectCode = (timeline: ResolvedTimeline, startFrame: number, endFrame: number): boolean => {
	const overlaps = within(startFrame, endFrame);
	return (
		timeline.layers.some((layer) => overlaps(layer.startFrame, layer.endFrame)) ||
		timeline.shots.some(
			(shot) =>
				overlaps(shot.fromFrame, shot.fromFrame + shot.durationInFrames) &&
				(shot.visual.kind === 'component' || (shot.transitionIn !== null && builtinTransition(shot.transitionIn.type) === null)),
		) ||
		timeline.lyrics.some((line) => line.style.renderer !== null && overlaps(line.startFrame, line.endFrame))
	);
};

/**
 * Cuts the video into chunks: runs of direct ranges (see `findDirectRanges`) at least `minDirectFrames` long become
 * direct chunks of about `targetFrames` (cut between ranges, or inside a single-clip range), the rest browser
 * chunks of about `targetFrames`, never cut inside a transition. A changed shot then re-renders only the chunks
 * it overlaps. Each chunk carries a key of everything that decides its pixels.
 */
export const planRenderChunks = (timeline: ResolvedTimeline, options: ChunkPlanOptions): RenderChunk[] => {
	const blends = timeline.shots.flatMap((shot) => (shot.transitionIn ? [shot.transitionIn] : []));
	const chunks: RenderChunk[] = [];
	const browser = (from: number, to: number): void => {
		const boundaries = [from];
		for (let next = from + options.targetFrames; next < to; next = (boundaries[boundaries.length - 1] as number) + options.targetFrames) {
			const inside = blends.find((blend) => blend.startFrame < next && next < blend.startFrame + blend.durationInFrames);
			const cut = inside ? inside.startFrame + inside.durationInFrames : next;
			if (cut >= to) {
				break;
			}
			boundaries.push(cut);
		}
		boundaries.push(to);
		for (let i = 0; i + 1 < boundaries.length; i++) {
			const startFrame = boundaries[i] as number;
			const endFrame = boundaries[i + 1] as number;
			chunks.push({startFrame, endFrame, pixelKey: chunkPixelKey(timeline, startFrame, endFrame, false, options.projectCode ?? null), direct: null});
		}
	};
	const direct = (ranges: readonly DirectRange[]): void => {
		let pending: DirectRange[] = [];
		const flush = (): void => {
			if (pending.length > 0) {
				const startFrame = (pending[0] as DirectRange).startFrame;
				const endFrame = (pending[pending.length - 1] as DirectRange).endFrame;
				chunks.push({startFrame, endFrame, pixelKey: chunkPixelKey(timeline, startFrame, endFrame, true, options.projectCode ?? null), direct: pending});
				pending = [];
			}
		};
		const used = (): number => (pending.length === 0 ? 0 : (pending[pending.length - 1] as DirectRange).endFrame - (pending[0] as DirectRange).startFrame);
		for (let range of ranges) {
			// A full chunk, or one with no room for a useful piece of this range, is done.
			if (used() > 0 && options.targetFrames - used() < options.minDirectFrames && range.endFrame - range.startFrame >= options.minDirectFrames) {
				flush();
			}
			// A single picture splits anywhere; a transition stays whole.
			while (range.transition === null && used() + range.endFrame - range.startFrame > options.targetFrames) {
				const cut = range.startFrame + Math.max(1, options.targetFrames - used());
				if (range.endFrame - cut < options.minDirectFrames) {
					break;
				}
				pending.push({...range, endFrame: cut});
				flush();
				range = {...range, startFrame: cut};
			}
			// A short range rides along rather than making a chunk of its own.
			if (used() > 0 && used() + range.endFrame - range.startFrame > options.targetFrames + (range.endFrame - range.startFrame < options.minDirectFrames ? options.minDirectFrames : 0)) {
				flush();
			}
			pending.push(range);
		}
		flush();
	};
	// Runs of back-to-back direct ranges; short runs stay with the browser.
	const runs: DirectRange[][] = [];
	for (const range of findDirectRanges(timeline, options)) {
		const run = runs[runs.length - 1];
		if (run && (run[run.length - 1] as DirectRange).endFrame === range.startFrame) {
			run.push(range);
		} else {
			runs.push([range]);
		}
	}
	let cursor = 0;
	for (const run of runs.filter((r) => (r[r.length - 1] as DirectRange).endFrame - (r[0] as DirectRange).startFrame >= options.minDirectFrames)) {
		const startFrame = (run[0] as DirectRange).startFrame;
		if (startFrame > cursor) {
			browser(cursor, startFrame);
		}
		direct(run);
		cursor = (run[run.length - 1] as DirectRange).endFrame;
	}
	if (cursor < timeline.durationInFrames) {
		browser(cursor, timeline.durationInFrames);
	}
	return chunks;
};
