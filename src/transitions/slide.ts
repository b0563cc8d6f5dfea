import {defineTransition, directionOr} from './transition-definition.ts';

const directions = ['from-right', 'from-left', 'from-top', 'from-bottom'] as const;

/**
 * The entering shot pushes the exiting one out from an edge. As @remotion/transitions' `slide`: both move by the
 * progress in percent of the frame, the leading one short by 0.01 % until the end (so they overlap by a hair).
 */
export const slideTransition = defineTransition({
	type: 'slide',
	directions,
	direct: ({progress, direction, width, height}) => {
		const percent = progress * 100;
		const lead = progress === 1 ? percent : percent - 0.01;
		switch (directionOr(direction, directions)) {
			case 'from-left':
				return {kind: 'move', exiting: {x: (lead / 100) * width, y: 0}, entering: {x: ((-100 + percent) / 100) * width, y: 0}};
			case 'from-right':
				return {kind: 'move', exiting: {x: (-percent / 100) * width, y: 0}, entering: {x: ((100 - lead) / 100) * width, y: 0}};
			case 'from-top':
				return {kind: 'move', exiting: {x: 0, y: (lead / 100) * height}, entering: {x: 0, y: ((-100 + percent) / 100) * height}};
			default:
				return {kind: 'move', exiting: {x: 0, y: (-percent / 100) * height}, entering: {x: 0, y: ((100 - lead) / 100) * height}};
		}
	},
});
