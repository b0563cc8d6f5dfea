import {defineTransition} from './transition-definition.ts';

/** The picture turns over like a card, the entering shot on its back. */
export const flipTransition = defineTransition({type: 'flip', directions: ['from-left', 'from-right', 'from-top', 'from-bottom'], direct: null});
