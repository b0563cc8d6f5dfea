import {defineTransition} from './transition-definition.ts';

/** The entering shot is revealed behind a moving straight edge. */
export const wipeTransition = defineTransition({
	type: 'wipe',
	directions: ['from-left', 'from-right', 'from-top', 'from-bottom', 'from-top-left', 'from-top-right', 'from-bottom-left', 'from-bottom-right'],
	direct: null,
});
