import type {ResolvedLyricLine} from '../timeline/resolved-timeline.ts';
import {valueAtFrame} from './value-at-frame.ts';

/** What a lyric line looks like at one frame: its opacity and how many of its words are highlighted. */
export type LyricLineState = {
	readonly opacity: number;
	readonly highlightedWords: number;
};

/**
 * The state of a line at a frame. The browser's lyric layer and the direct renderer's compositor both draw
 * from it, so a line looks the same whichever path produced the frame.
 */
export const lyricLineStateAt = (line: ResolvedLyricLine, frame: number): LyricLineState => ({
	opacity: valueAtFrame(line.opacity, frame),
	highlightedWords: line.style.wordHighlight && line.words ? line.words.filter((word) => frame >= word.startFrame).length : 0,
});

/** The lyric lines on screen at a frame, with their index in the timeline's list (which is how stills name them). */
export const visibleLyricLinesAt = (lines: readonly ResolvedLyricLine[], frame: number): {readonly line: ResolvedLyricLine; readonly index: number}[] =>
	lines.flatMap((line, index) => (line.startFrame <= frame && frame < line.endFrame ? [{line, index}] : []));

/** A word of a line with how far through it the singer is at a frame: 0 before it starts, 1 once it ends. */
export type LyricWordProgress = {readonly text: string; readonly startFrame: number; readonly endFrame: number; readonly progress: number};

/** Each word's progress at a frame (a line without word times counts as one word spanning the line). */
export const lyricWordsAt = (line: ResolvedLyricLine, frame: number): LyricWordProgress[] =>
	(line.words ?? [{text: line.text, startFrame: line.startFrame, endFrame: line.endFrame}]).map((word) => ({
		...word,
		progress: frame < word.startFrame ? 0 : frame >= word.endFrame ? 1 : (frame - word.startFrame) / Math.max(1, word.endFrame - word.startFrame),
	}));
