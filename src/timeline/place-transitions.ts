import {secondsToFrame} from '../music/seconds-to-frame.ts';
import {beatsToSeconds, secondsToBeats} from '../music/tempo-map.ts';
import type {CompileContext} from './compile-context.ts';
import {timelineMessages as m} from './messages.ts';
import type {PlacedSlot} from './place-shots.ts';
import type {ResolvedTransition} from './resolved-timeline.ts';

/**
 * Sizes the transition into each slot. Its frames are centred on the cut (floor half before, ceil half after)
 * and its length is measured in beats around the cut, so a transition spanning a tempo change still starts
 * and ends on the grid. Returns one entry per slot (null: a hard cut).
 */
export const placeTransitions = (context: CompileContext, slots: readonly PlacedSlot[]): (ResolvedTransition | null)[] => {
	const {tempoMap, video, diagnostics} = context;
	const transitions = slots.map((slot, index): ResolvedTransition | null => {
		const spec = slot.transitionIn;
		if (spec === null || spec.type === 'none' || !('lengthInBeats' in spec) || spec.lengthInBeats === undefined) {
			return null;
		}
		const {transitionPath} = slot;
		if (index === 0) {
			diagnostics.warn(transitionPath, m.transitionAtVideoStart());
			return null;
		}
		const cutInBeats = secondsToBeats(tempoMap, slot.cutInSeconds);
		const {lengthInBeats} = spec;
		const startFrame = secondsToFrame(beatsToSeconds(tempoMap, cutInBeats - lengthInBeats / 2), video.fps);
		const endFrame = secondsToFrame(beatsToSeconds(tempoMap, cutInBeats + lengthInBeats / 2), video.fps);
		const durationInFrames = endFrame - startFrame;
		if (durationInFrames < 1) {
			diagnostics.warn(transitionPath, m.transitionRoundsToNothing(spec.type));
			return null;
		}
		const previous = slots[index - 1] as PlacedSlot;
		// Each shot holds at most half of each transition around it, so this also keeps the transitions into
		// and out of one shot from overlapping (TransitionSeries cannot blend three shots at once).
		for (const neighbour of [previous, slot]) {
			const slotFrames = neighbour.cutOutFrame - neighbour.cutInFrame;
			if (durationInFrames > slotFrames) {
				diagnostics.error([...transitionPath, 'lengthInBeats'], m.transitionLongerThanShot(spec.type, slot.id, durationInFrames, neighbour.id, slotFrames), m.transitionLongerThanShotFix());
				return null;
			}
		}
		return {
			type: spec.type,
			direction: spec.direction ?? null,
			props: spec.props ?? null,
			cutFrame: slot.cutInFrame,
			startFrame: slot.cutInFrame - Math.floor(durationInFrames / 2),
			durationInFrames,
		};
	});
	return transitions;
};
