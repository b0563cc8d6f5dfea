import type {Keyframes, ResolvedShot, ResolvedTimeline} from './resolved-timeline';

/**
 * A stretch of frames that is plain clip playback: one clip, full frame, nothing drawn over it, no transition,
 * no effect. A renderer may produce it without a browser (decode, scale and crop the clip) and splice it in.
 */
export type PlainRange = {
	readonly startFrame: number;
	readonly endFrame: number;
	readonly shotId: string;
	readonly src: string;
	readonly fit: 'cover' | 'contain';
	/** Where in the clip the range starts, in frames at the video's fps. */
	readonly clipStartFrame: number;
	readonly playbackRate: number;
};

/** A slice of the video to render on its own: cut only where no transition spans, so chunks can be joined by plain concatenation. */
export type RenderChunk = {
	readonly startFrame: number;
	readonly endFrame: number;
	/** Everything that decides the chunk's pixels (its shots, lyrics and effects, relative to its start, and the output settings); hash it with the clip files' hashes to cache the chunk. */
	readonly pixelKey: string;
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
 * Frames of the video where a browser is not needed: inside a shot's slot, outside every transition, with no
 * lyric line on screen, no Ken Burns move, no beat effect, and the clip playing (not frozen).
 */
export const findPlainRanges = (timeline: ResolvedTimeline): PlainRange[] => {
	const busy: [number, number][] = [
		...timeline.lyrics.map((line): [number, number] => [line.startFrame, line.endFrame]),
		...timeline.shots.flatMap((shot): [number, number][] => (shot.transitionIn ? [[shot.transitionIn.startFrame, shot.transitionIn.startFrame + shot.transitionIn.durationInFrames]] : [])),
		...effectIntervals(timeline.effects?.scale ?? null),
		...effectIntervals(timeline.effects?.brightness ?? null),
	].sort((a, b) => a[0] - b[0]);
	const ranges: PlainRange[] = [];
	for (const shot of timeline.shots) {
		if (shot.visual.kind !== 'clip' || shot.visual.kenBurns !== null) {
			continue;
		}
		for (const segment of shot.visual.segments) {
			if (segment.kind !== 'play') {
				continue;
			}
			// Absolute frames of this segment, limited to the shot's own slot (outside it, transitions blend).
			const segmentStart = Math.max(shot.cutInFrame, shot.fromFrame + segment.fromFrame);
			const segmentEnd = Math.min(shot.cutOutFrame, shot.fromFrame + segment.fromFrame + segment.durationInFrames);
			let cursor = segmentStart;
			const free: [number, number][] = [];
			for (const [busyStart, busyEnd] of busy) {
				if (busyEnd <= cursor || busyStart >= segmentEnd) {
					continue;
				}
				if (busyStart > cursor) {
					free.push([cursor, busyStart]);
				}
				cursor = Math.max(cursor, busyEnd);
			}
			if (cursor < segmentEnd) {
				free.push([cursor, segmentEnd]);
			}
			for (const [startFrame, endFrame] of free) {
				if (endFrame <= startFrame) {
					continue;
				}
				const intoSegment = startFrame - (shot.fromFrame + segment.fromFrame);
				ranges.push({
					startFrame,
					endFrame,
					shotId: shot.id,
					src: shot.visual.src,
					fit: shot.visual.fit,
					clipStartFrame: segment.trimBeforeInFrames + Math.round(intoSegment * segment.playbackRate),
					playbackRate: segment.playbackRate,
				});
			}
		}
	}
	return ranges;
};

const within = (startFrame: number, endFrame: number) => (from: number, to: number): boolean => from < endFrame && to > startFrame;

/**
 * Slices the video into chunks of about `targetFrames`, never cutting inside a transition (each frame is
 * rendered on its own, so a cut inside a shot is seamless once the chunks are joined). A changed shot then
 * re-renders only the chunks it overlaps. Each chunk carries a key of everything that decides its pixels, with
 * frames made relative to the chunk, so moving an unchanged chunk in time does not change its key.
 */
export const sliceIntoChunks = (timeline: ResolvedTimeline, targetFrames: number): RenderChunk[] => {
	const blends = timeline.shots.flatMap((shot) => (shot.transitionIn ? [shot.transitionIn] : []));
	const boundaries = [0];
	for (let next = targetFrames; next < timeline.durationInFrames; next = (boundaries[boundaries.length - 1] as number) + targetFrames) {
		const inside = blends.find((blend) => blend.startFrame < next && next < blend.startFrame + blend.durationInFrames);
		const cut = inside ? inside.startFrame + inside.durationInFrames : next;
		if (cut >= timeline.durationInFrames) {
			break;
		}
		boundaries.push(cut);
	}
	boundaries.push(timeline.durationInFrames);
	return boundaries.slice(0, -1).map((startFrame, i) => {
		const endFrame = boundaries[i + 1] as number;
		const overlaps = within(startFrame, endFrame);
		const shots = timeline.shots.filter((shot) => overlaps(shot.fromFrame, shot.fromFrame + shot.durationInFrames)).map((shot): ResolvedShot => ({...shot, fromFrame: shot.fromFrame - startFrame, cutInFrame: shot.cutInFrame - startFrame, cutOutFrame: shot.cutOutFrame - startFrame, transitionIn: shot.transitionIn && {...shot.transitionIn, cutFrame: shot.transitionIn.cutFrame - startFrame, startFrame: shot.transitionIn.startFrame - startFrame}}));
		const lyrics = timeline.lyrics.filter((line) => overlaps(line.startFrame, line.endFrame)).map((line) => ({...line, startFrame: line.startFrame - startFrame, endFrame: line.endFrame - startFrame, opacity: {...line.opacity, frames: line.opacity.frames.map((f) => f - startFrame)}, words: line.words?.map((w) => ({...w, startFrame: w.startFrame - startFrame, endFrame: w.endFrame - startFrame})) ?? null}));
		const effectIn = (keyframes: Keyframes | null) => {
			if (keyframes === null) {
				return null;
			}
			const kept = keyframes.frames.map((frame, k) => [frame, keyframes.values[k]] as const).filter(([frame]) => frame >= startFrame - 1 && frame <= endFrame);
			return kept.map(([frame, value]) => [frame - startFrame, value]);
		};
		const pixelKey = JSON.stringify({
			frames: endFrame - startFrame,
			output: {width: timeline.width, height: timeline.height, fps: timeline.fps, background: timeline.background, clipElement: timeline.clipElement},
			shots,
			lyrics,
			effects: {scale: effectIn(timeline.effects?.scale ?? null), brightness: effectIn(timeline.effects?.brightness ?? null)},
		});
		return {startFrame, endFrame, pixelKey};
	});
};
