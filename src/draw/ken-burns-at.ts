import type {ResolvedKenBurns} from '../timeline/resolved-timeline.ts';
import {valueAtFrame} from './value-at-frame.ts';

/** A Ken Burns move at a frame of its shot (frames count from the shot's first visible frame): scale, then translation in percent of the frame. */
export const kenBurnsAt = (kenBurns: ResolvedKenBurns, frameInShot: number): {readonly scale: number; readonly xPercent: number; readonly yPercent: number} => ({
	scale: valueAtFrame(kenBurns.scale, frameInShot),
	xPercent: valueAtFrame(kenBurns.xPercent, frameInShot),
	yPercent: valueAtFrame(kenBurns.yPercent, frameInShot),
});
