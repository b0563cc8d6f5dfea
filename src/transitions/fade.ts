import {defineTransition} from './transition-definition.ts';

/** The entering shot fades in over the exiting one (@remotion/transitions' `fade`: the entering shot's opacity is the progress). */
export const fadeTransition = defineTransition({type: 'fade', directions: [], direct: ({progress}) => ({kind: 'blend', enteringOpacity: progress})});
