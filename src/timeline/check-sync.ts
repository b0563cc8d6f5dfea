import {snapToGrid} from '../music/snap-to-grid.ts';
import type {CompileContext} from './compile-context.ts';
import {timelineMessages as m} from './messages.ts';
import type {PlacedSlot} from './place-shots.ts';

/**
 * Cuts more than half a frame off the beat grid are worth a warning (check prints them). A blend that runs
 * across another section boundary cannot happen: placeTransitions keeps every transition within the shots
 * on either side of its cut, and shots never span a section boundary.
 */
export const checkSync = (context: CompileContext, slots: readonly PlacedSlot[]): void => {
	const {fps} = context.video;
	slots.forEach((slot, index) => {
		if (index === 0) {
			return;
		}
		const beatInSeconds = snapToGrid(context.tempoMap, slot.cutInSeconds, 'beat');
		const offInSeconds = slot.cutInSeconds - beatInSeconds;
		if (Math.abs(offInSeconds) > 0.5 / fps + 1e-9) {
			context.diagnostics.warn(slot.path, m.cutOffBeat(slot.id, slot.cutInSeconds, offInSeconds));
		}
	});
};
