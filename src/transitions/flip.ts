import {defineTransition, directionOr} from './transition-definition.ts';

const directions = ['from-left', 'from-right', 'from-top', 'from-bottom'] as const;

/**
 * The picture turns over like a card, the entering shot on its back (@remotion/transitions' `flip`: a 1000 px
 * perspective, the exiting shot turning from 0° to ±180°, the entering one from ∓180° to 0°, back faces hidden).
 */
export const flipTransition = defineTransition({
	type: 'flip',
	directions,
	direct: ({progress, direction}) => {
		const chosen = directionOr(direction, directions);
		const turnsBack = chosen === 'from-right' || chosen === 'from-top';
		return {
			kind: 'turn',
			axis: chosen === 'from-top' || chosen === 'from-bottom' ? 'x' : 'y',
			exitingDegrees: progress * (turnsBack ? -180 : 180),
			enteringDegrees: (1 - progress) * (turnsBack ? 180 : -180),
			perspectiveInPx: 1000,
		};
	},
});
