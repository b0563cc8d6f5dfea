import {defineTransition} from './transition-definition.ts';

/** The entering shot is revealed by a hand sweeping clockwise from twelve o'clock round the centre (@remotion/transitions' `clockWipe`). */
export const clockWipeTransition = defineTransition({
	type: 'clockWipe',
	directions: [],
	direct: ({progress, width, height}) => ({kind: 'mask', mask: {kind: 'sector', centre: {x: width / 2, y: height / 2}, sweepInDegrees: Math.min(1, Math.max(0, progress)) * 360}, exitingOutsideOnly: false}),
});
