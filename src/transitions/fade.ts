import {defineTransition} from './transition-definition.ts';

/** The entering shot fades in over the exiting one; drawn without a browser as a crossfade. */
export const fadeTransition = defineTransition({type: 'fade', directions: [], direct: {kind: 'crossfade'}});
