import {defineTransition} from './transition-definition.ts';

/** The entering shot opens in a growing circle from the centre. */
export const irisTransition = defineTransition({type: 'iris', directions: [], direct: null});
