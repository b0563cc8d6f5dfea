import type {Keyframes, ResolvedLyricLine} from './resolved-timeline.ts';

/** What a lyric line looks like at one frame: its opacity and how many of its words are highlighted. */
export type LyricLineState = {
	readonly opacity: number;
	readonly highlightedWords: number;
};

/** Linear interpolation between keyframes, clamped at both ends (what Remotion's `interpolate` does with clamp). */
export const valueAtFrame = (keyframes: Keyframes, frame: number): number => {
	const {frames, values} = keyframes;
	if (frame <= (frames[0] as number)) {
		return values[0] as number;
	}
	for (let i = 1; i < frames.length; i++) {
		const to = frames[i] as number;
		if (frame <= to) {
			const from = frames[i - 1] as number;
			const progress = (frame - from) / (to - from);
			return (values[i - 1] as number) + progress * ((values[i] as number) - (values[i - 1] as number));
		}
	}
	return values[values.length - 1] as number;
};

/**
 * The state of a line at a frame. The browser's lyric layer and the direct renderer's compositor both draw
 * from it, so a line looks the same whichever path produced the frame.
 */
export const lyricLineStateAt = (line: ResolvedLyricLine, frame: number): LyricLineState => ({
	opacity: valueAtFrame(line.opacity, frame),
	highlightedWords: line.style.wordHighlight && line.words ? line.words.filter((word) => frame >= word.startFrame).length : 0,
});
