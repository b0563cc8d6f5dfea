import {defineTransition, directionOr, type TransitionMask} from './transition-definition.ts';

const directions = ['from-left', 'from-right', 'from-top', 'from-bottom', 'from-top-left', 'from-top-right', 'from-bottom-left', 'from-bottom-right'] as const;

// The entering shot's polygon in @remotion/transitions' `wipe` as a half-plane a·x + b·y < c: an edge moving
// across the frame, or for a corner a diagonal reaching the far corner at the end (x/W + y/H < 2p from top left).
const wipeMask = (progress: number, direction: string, width: number, height: number): TransitionMask => {
	const k = 1 / Math.hypot(1 / width, 1 / height);
	switch (direction) {
		case 'from-left':
			return {kind: 'half-plane', a: 1, b: 0, c: progress * width};
		case 'from-right':
			return {kind: 'half-plane', a: -1, b: 0, c: -(1 - progress) * width};
		case 'from-top':
			return {kind: 'half-plane', a: 0, b: 1, c: progress * height};
		case 'from-bottom':
			return {kind: 'half-plane', a: 0, b: -1, c: -(1 - progress) * height};
		case 'from-top-left':
			return {kind: 'half-plane', a: k / width, b: k / height, c: 2 * progress * k};
		case 'from-top-right':
			return {kind: 'half-plane', a: -k / width, b: k / height, c: (2 * progress - 1) * k};
		case 'from-bottom-left':
			return {kind: 'half-plane', a: k / width, b: -k / height, c: (2 * progress - 1) * k};
		default:
			return {kind: 'half-plane', a: -k / width, b: -k / height, c: (2 * progress - 2) * k};
	}
};

/** The entering shot is revealed behind a moving straight edge (the exiting shot keeps the rest of the frame). */
export const wipeTransition = defineTransition({
	type: 'wipe',
	directions,
	direct: ({progress, direction, width, height}) => ({kind: 'mask', mask: wipeMask(progress, directionOr(direction, directions), width, height), exitingOutsideOnly: true}),
});
