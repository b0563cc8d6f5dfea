import type {ResolvedFocus} from '../timeline/resolved-timeline.ts';
import {valueAtFrame} from './value-at-frame.ts';

/** A shot's focus point at a frame of the shot (frames count from its first visible frame), in percent of the clip. */
export const focusAt = (focus: ResolvedFocus, frameInShot: number): {readonly xPercent: number; readonly yPercent: number} => ({
	xPercent: valueAtFrame(focus.xPercent, frameInShot),
	yPercent: valueAtFrame(focus.yPercent, frameInShot),
});

/** The focus as CSS `object-position` (its exact meaning). */
export const focusToObjectPosition = (focus: ResolvedFocus, frameInShot: number): string => {
	const {xPercent, yPercent} = focusAt(focus, frameInShot);
	return `${xPercent}% ${yPercent}%`;
};

/** Whether the focus is the centre for the whole shot: what a renderer that only centre-crops can draw. */
export const isCentredFocus = (focus: ResolvedFocus): boolean => [...focus.xPercent.values, ...focus.yPercent.values].every((value) => value === 50);
