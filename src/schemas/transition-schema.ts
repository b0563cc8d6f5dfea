import {z} from 'zod';

const lengthInBeats = z.number().positive().max(64).default(1);
const edgeDirection = z.enum(['from-left', 'from-right', 'from-top', 'from-bottom']);

/** Transition types a user can name; all but "none" come from @remotion/transitions. */
export const TRANSITION_TYPES = ['none', 'fade', 'slide', 'wipe', 'flip', 'iris', 'clockWipe'] as const;

/** A transition across a cut; its overlap is centred on the cut so the cut stays on its beat. */
export const transitionSchema = z.discriminatedUnion('type', [
	z.strictObject({type: z.literal('none')}),
	z.strictObject({type: z.literal('fade'), lengthInBeats}),
	z.strictObject({type: z.literal('slide'), lengthInBeats, direction: edgeDirection.default('from-right')}),
	z.strictObject({
		type: z.literal('wipe'),
		lengthInBeats,
		direction: z
			.enum(['from-left', 'from-right', 'from-top', 'from-bottom', 'from-top-left', 'from-top-right', 'from-bottom-left', 'from-bottom-right'])
			.default('from-left'),
	}),
	z.strictObject({type: z.literal('flip'), lengthInBeats, direction: edgeDirection.default('from-left')}),
	z.strictObject({type: z.literal('iris'), lengthInBeats}),
	z.strictObject({type: z.literal('clockWipe'), lengthInBeats}),
]);

export type Transition = z.infer<typeof transitionSchema>;
export type TransitionInput = z.input<typeof transitionSchema>;
