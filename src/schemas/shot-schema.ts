import {z} from 'zod';
import {assetPathSchema} from './asset-path-schema.ts';
import {generateSchema} from './generate-schema.ts';
import {specMessages} from './messages.ts';
import {transitionSchema, type transitionSchemaFor} from './transition-schema.ts';

/** A slow zoom and pan over a shot; translations are percentages of the frame. */
export const kenBurnsSchema = z.strictObject({
	fromScale: z.number().positive().max(10).default(1),
	toScale: z.number().positive().max(10).default(1.15),
	fromXPercent: z.number().min(-50).max(50).default(0),
	fromYPercent: z.number().min(-50).max(50).default(0),
	toXPercent: z.number().min(-50).max(50).default(0),
	toYPercent: z.number().min(-50).max(50).default(0),
});

const percent = z.number().min(0).max(100);

/**
 * The point of a clip that stays in frame when the clip is cropped to another shape (a landscape take in a portrait
 * deliverable): `x` and `y` in percent of the clip, 0 the left or top edge, 100 the right or bottom, 50 the centre (the
 * default). As CSS `object-position` takes them: that point of the clip lands on the same point of the frame. Either one
 * point (`{x, y}`; one left out is 50) or `keyframes` in beats from the shot's cut in, moving linearly between them.
 */
export const focusSchema = z
	.strictObject({
		x: percent.optional(),
		y: percent.optional(),
		keyframes: z
			.array(z.strictObject({atBeat: z.number().nonnegative(), x: percent, y: percent}))
			.min(1)
			.refine((keyframes) => keyframes.every((keyframe, i) => i === 0 || keyframe.atBeat > (keyframes[i - 1] as {atBeat: number}).atBeat), {error: () => specMessages.keyframesOutOfOrder()})
			.optional(),
	})
	.refine((focus) => focus.keyframes === undefined || (focus.x === undefined && focus.y === undefined), {error: () => specMessages.focusPointOrKeyframes()});

/**
 * One shot of a project whose transition schema is given: a clip, a take or one of the project's own
 * components, placed for a length in beats, bars or seconds. A shot without a length fills what its section
 * has left.
 */
export const shotSchemaFor = (transition: ReturnType<typeof transitionSchemaFor>) =>
	z.strictObject({
	/** A video file under public/. Give one of `clip`, `take` or `component`. */
	clip: assetPathSchema.optional(),
	/** A shot id from the shot list (its picked take) or a take id like "rooftop/t3". */
	take: z.string().min(1).optional(),
	lengthInBeats: z.number().positive().optional(),
	lengthInBars: z.number().positive().optional(),
	lengthInSeconds: z.number().positive().optional(),
	/** Moves the cut that ends a shot given in seconds to the nearest beat or downbeat. */
	snap: z.enum(['beat', 'downbeat']).optional(),
	clipStartInSeconds: z.number().nonnegative().default(0),
	fit: z.enum(['cover', 'contain']).optional(),
	speed: z.number().min(0.1).max(10).default(1),
	onShortClip: z.enum(['error', 'loop', 'freeze', 'slow']).default('error'),
	slowestSpeed: z.number().min(0.1).max(1).default(0.75),
	kenBurns: kenBurnsSchema.optional(),
	/** Which point of the clip to keep in frame when it is cropped (see `focusSchema`); the centre when left out. */
	focus: focusSchema.optional(),
	clipVolume: z.number().min(0).max(1).default(0),
	transitionIn: transition.optional(),
	/** A component registered in `defineProject({components})` that draws the shot instead of a clip (a generative shot). */
	component: z.string().min(1).optional(),
	/** The component's props (checked against its schema when it has one). */
	props: z.record(z.string(), z.unknown()).optional(),
	/** Generate the shot's clip instead of naming one: `songreel generate --for <video>` makes takes that fit the slot. */
	generate: generateSchema.optional(),
});

/** A shot of a project with only the built-in transitions. */
export const shotSchema = shotSchemaFor(transitionSchema);

export type KenBurns = z.infer<typeof kenBurnsSchema>;
export type Focus = z.infer<typeof focusSchema>;
export type Shot = z.infer<typeof shotSchema>;
export type ShotInput = z.input<typeof shotSchema>;
