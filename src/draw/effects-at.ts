import type {ResolvedEffects} from '../timeline/resolved-timeline.ts';
import {valueAtFrame} from './value-at-frame.ts';

/** The beat effects over the whole picture at a frame: a scale (the pulse) and a brightness (the flash); 1 means none. */
export const effectsAt = (effects: ResolvedEffects | null, frame: number): {readonly scale: number; readonly brightness: number} => ({
	scale: effects?.scale ? valueAtFrame(effects.scale, frame) : 1,
	brightness: effects?.brightness ? valueAtFrame(effects.brightness, frame) : 1,
});
