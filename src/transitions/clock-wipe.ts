import {defineTransition} from './transition-definition.ts';

/** The entering shot is revealed by a hand sweeping round the centre. */
export const clockWipeTransition = defineTransition({type: 'clockWipe', directions: [], direct: null});
