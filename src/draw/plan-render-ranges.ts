import type {SegmentTiming} from './clip-source-frame.ts';
import type {Keyframes, ResolvedShot, ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {builtinTransition} from '../transitions/builtin-transitions.ts';

/** One clip playing in a shot: which file, how it fits, and which clip time shows at each frame (see `clipTimeInSecondsAt`). */
export type ClipPlayback = {
	readonly shotId: string;
	readonly src: string;
	readonly fit: 'cover' | 'contain';
	readonly timing: SegmentTiming;
};

/**
 * A stretch of frames a renderer can produce without a browser: one clip playing full frame, or a crossfade
 * between two playing clips (`layers` bottom first; the top one's opacity rises linearly over `fade`, as
 * @remotion/transitions' fade does). No other transition, no beat effect, no Ken Burns move, no frozen frame;
 * lyric lines may be on screen (the renderer lays them over from stills).
 */
export type PlainRange = {
	readonly startFrame: number;
	readonly endFrame: number;
	readonly layers: readonly ClipPlayback[];
	readonly fade: {readonly startFrame: number; readonly durationInFrames: number} | null;
};

/** A slice of the video to render on its own: by the browser, or (when `direct` lists its ranges, back to back) straight from its clips. */
export type RenderChunk = {
	readonly startFrame: number;
	readonly endFrame: number;
	/** Everything that decides the chunk's pixels (its shots, lyrics and effects, relative to its start, the output settings and how it is rendered); hash it with the clip files' hashes to cache the chunk. */
	readonly pixelKey: string;
	readonly direct: readonly PlainRange[] | null;
};

/** How to cut a video into chunks. */
export type ChunkPlanOptions = {
	/** About how long a chunk is; a chunk is never cut inside a transition. */
	readonly targetFrames: number;
	/** Plain stretches shorter than this are left to the browser with their neighbours (not worth decoders of their own); Infinity renders everything in the browser. */
	readonly minDirectFrames: number;
	/** Whether the renderer can play a clip straight from its file (e.g. a letterboxed clip it cannot); all can when absent. */
	readonly canPlayDirectly?: (clip: ClipPlayback) => boolean;
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

/**
 * Frames of the video where a browser is not needed, in order: a shot's clip playing (not frozen, no Ken Burns
 * move) with no beat effect showing, alone inside its slot or crossfading with the shot before it. Lyric lines may
 * be on screen.
 */
export const findPlainRanges = (timeline: ResolvedTimeline): PlainRange[] => {
	// Frames the browser must draw whatever else shows: beat effects, the project's layers, lines drawn by its own lyric renderers.
	const effects = [
		...effectIntervals(timeline.effects?.scale ?? null),
		...effectIntervals(timeline.effects?.brightness ?? null),
		...timeline.layers.map((layer): [number, number] => [layer.startFrame, layer.endFrame]),
		...timeline.lyrics.flatMap((line): [number, number][] => (line.style.renderer === null ? [] : [[line.startFrame, line.endFrame]])),
	].sort((a, b) => a[0] - b[0]);
	const blends = timeline.shots.flatMap((shot): [number, number][] => (shot.transitionIn ? [[shot.transitionIn.startFrame, shot.transitionIn.startFrame + shot.transitionIn.durationInFrames]] : []));
	// The playback of a shot's clip over [from, to), when one playing segment covers it all.
	const playback = (shot: ResolvedShot, from: number, to: number): ClipPlayback | null => {
		if (shot.visual.kind !== 'clip' || shot.visual.kenBurns !== null) {
			return null;
		}
		const segment = shot.visual.segments.find((s) => s.kind === 'play' && shot.fromFrame + s.fromFrame <= from && to <= shot.fromFrame + s.fromFrame + s.durationInFrames);
		return segment ? {shotId: shot.id, src: shot.visual.src, fit: shot.visual.fit, timing: {sequenceStartFrame: shot.fromFrame + segment.fromFrame, trimBeforeInFrames: segment.trimBeforeInFrames, playbackRate: segment.playbackRate}} : null;
	};
	// [from, to) minus the frames where an effect shows.
	const withoutEffects = (from: number, to: number): [number, number][] => {
		const free: [number, number][] = [];
		let cursor = from;
		for (const [busyStart, busyEnd] of effects) {
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
	const ranges: PlainRange[] = [];
	for (const [index, shot] of timeline.shots.entries()) {
		const blend = shot.transitionIn;
		const previous = timeline.shots[index - 1];
		// Only a transition whose definition says how can be drawn without a browser (today: crossfades).
		if (blend && builtinTransition(blend.type)?.direct?.kind === 'crossfade' && previous) {
			const from = playback(previous, blend.startFrame, blend.startFrame + blend.durationInFrames);
			const to = playback(shot, blend.startFrame, blend.startFrame + blend.durationInFrames);
			const [free] = withoutEffects(blend.startFrame, blend.startFrame + blend.durationInFrames);
			if (from && to && free && free[0] === blend.startFrame && free[1] === blend.startFrame + blend.durationInFrames) {
				ranges.push({startFrame: blend.startFrame, endFrame: blend.startFrame + blend.durationInFrames, layers: [from, to], fade: {startFrame: blend.startFrame, durationInFrames: blend.durationInFrames}});
			}
		}
		if (shot.visual.kind !== 'clip') {
			continue;
		}
		for (const segment of shot.visual.segments) {
			// The segment's frames inside the shot's slot and outside every transition.
			let from = Math.max(shot.cutInFrame, shot.fromFrame + segment.fromFrame);
			let to = Math.min(shot.cutOutFrame, shot.fromFrame + segment.fromFrame + segment.durationInFrames);
			for (const [blendStart, blendEnd] of blends) {
				if (blendStart < to && blendEnd > from) {
					if (blendStart <= from) {
						from = Math.max(from, blendEnd);
					} else {
						to = Math.min(to, blendStart);
					}
				}
			}
			const clip = from < to ? playback(shot, from, to) : null;
			if (clip) {
				ranges.push(...withoutEffects(from, to).map(([startFrame, endFrame]): PlainRange => ({startFrame, endFrame, layers: [clip], fade: null})));
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
 * Cuts the video into chunks: runs of plain ranges (see `findPlainRanges`) at least `minDirectFrames` long become
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
	const direct = (ranges: readonly PlainRange[]): void => {
		let pending: PlainRange[] = [];
		const flush = (): void => {
			if (pending.length > 0) {
				const startFrame = (pending[0] as PlainRange).startFrame;
				const endFrame = (pending[pending.length - 1] as PlainRange).endFrame;
				chunks.push({startFrame, endFrame, pixelKey: chunkPixelKey(timeline, startFrame, endFrame, true, options.projectCode ?? null), direct: pending});
				pending = [];
			}
		};
		const used = (): number => (pending.length === 0 ? 0 : (pending[pending.length - 1] as PlainRange).endFrame - (pending[0] as PlainRange).startFrame);
		for (let range of ranges) {
			// A full chunk, or one with no room for a useful piece of this range, is done.
			if (used() > 0 && options.targetFrames - used() < options.minDirectFrames && range.endFrame - range.startFrame >= options.minDirectFrames) {
				flush();
			}
			// A single clip splits anywhere; a crossfade stays whole.
			while (range.fade === null && used() + range.endFrame - range.startFrame > options.targetFrames) {
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
	// Runs of back-to-back plain ranges; short runs stay with the browser.
	const runs: PlainRange[][] = [];
	for (const range of findPlainRanges(timeline).filter((r) => r.layers.every((clip) => options.canPlayDirectly?.(clip) ?? true))) {
		const run = runs[runs.length - 1];
		if (run && (run[run.length - 1] as PlainRange).endFrame === range.startFrame) {
			run.push(range);
		} else {
			runs.push([range]);
		}
	}
	let cursor = 0;
	for (const run of runs.filter((r) => (r[r.length - 1] as PlainRange).endFrame - (r[0] as PlainRange).startFrame >= options.minDirectFrames)) {
		const startFrame = (run[0] as PlainRange).startFrame;
		if (startFrame > cursor) {
			browser(cursor, startFrame);
		}
		direct(run);
		cursor = (run[run.length - 1] as PlainRange).endFrame;
	}
	if (cursor < timeline.durationInFrames) {
		browser(cursor, timeline.durationInFrames);
	}
	return chunks;
};
