import {defineTransition} from './transition-definition.ts';

/** The entering shot opens in a growing circle from the centre, reaching the corners at the end (@remotion/transitions' `iris`). */
export const irisTransition = defineTransition({
	type: 'iris',
	directions: [],
	direct: ({progress, width, height}) => ({kind: 'mask', mask: {kind: 'circle', centre: {x: width / 2, y: height / 2}, radius: (progress * Math.hypot(width, height)) / 2}, exitingOutsideOnly: false}),
});
