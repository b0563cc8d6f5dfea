import {z} from 'zod';
import {BUILTIN_TRANSITIONS, type BuiltinTransitionType} from '../transitions/builtin-transitions.ts';

const lengthInBeats = z.number().positive().max(64).default(1);

// One variant per built-in transition, from its definition: a direction when it has some (the first is the default).
const builtinVariants = BUILTIN_TRANSITIONS.map((definition) => {
	const [first, ...rest] = definition.directions;
	return first === undefined
		? z.strictObject({type: z.literal(definition.type), lengthInBeats})
		: z.strictObject({type: z.literal(definition.type), lengthInBeats, direction: z.enum([first, ...rest]).default(first)});
});

/** Transition types a user can name without registering anything; all but "none" come from `src/transitions`. */
export const TRANSITION_TYPES = ['none', ...BUILTIN_TRANSITIONS.map((definition) => definition.type)] as const;

/**
 * The transition schema of a project: the built-in transitions plus the project's own, registered by name in
 * `defineProject({transitions})` and used like the built-in ones (`{type: 'swirl', lengthInBeats: 1, props}`).
 * A name that is neither is refused with the list of known ones.
 */
export const transitionSchemaFor = (customTypes: readonly string[]): z.ZodType<Transition, TransitionInput> =>
	// The variants are built from the registry, so their static types are spelt out by hand below.
	z.discriminatedUnion('type', [
		z.strictObject({type: z.literal('none')}),
		...builtinVariants,
		...customTypes.map((type) => z.strictObject({type: z.literal(type), lengthInBeats, props: z.record(z.string(), z.unknown()).default({})})),
	]) as unknown as z.ZodType<Transition, TransitionInput>;

/** A transition across a cut; its overlap is centred on the cut so the cut stays on its beat. */
export const transitionSchema = transitionSchemaFor([]);

/** A transition as the compiler reads it: a built-in one or a project's own (with the props its presentation takes). */
export type Transition =
	| {readonly type: 'none'}
	| {readonly type: string; readonly lengthInBeats: number; readonly direction?: string; readonly props?: Readonly<Record<string, unknown>>};
type DirectionOf = {[D in (typeof BUILTIN_TRANSITIONS)[number] as D['type']]: D['directions'][number]};

/** A transition as a user writes it: a built-in one (with its directions), or a project's own with the props its presentation takes. */
export type TransitionInput =
	| {type: 'none'}
	| {[K in BuiltinTransitionType]: {type: K; lengthInBeats?: number} & ([DirectionOf[K]] extends [never] ? unknown : {direction?: DirectionOf[K]})}[BuiltinTransitionType]
	// `string & {}` keeps the built-in names suggested while allowing any string.
	| {type: string & {}; lengthInBeats?: number; props?: Record<string, unknown>};
