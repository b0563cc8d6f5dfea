import {defineTransition} from './transition-definition.ts';

/** The entering shot pushes the exiting one out from an edge. */
export const slideTransition = defineTransition({type: 'slide', directions: ['from-right', 'from-left', 'from-top', 'from-bottom'], direct: null});
