import {z} from 'zod';
import {idSchema} from './id-schema.ts';

/** Output sizes a text-to-video request may ask for, as "WIDTHxHEIGHT". */
export const clipSizeSchema = z.string().regex(/^\d{2,5}x\d{2,5}$/, {message: 'expected a size like "1280x720"'});

/** The look and the cast shared by every prompt, so characters stay the same from shot to shot. */
export const styleBibleSchema = z.strictObject({
	look: z.string().default(''),
	characters: z.record(z.string().min(1), z.string().min(1)).default({}),
	avoid: z.string().default(''),
});

/** One shot to generate: its prompt and how many takes of which length and size. */
export const generationShotSchema = z.strictObject({
	id: idSchema,
	prompt: z.string().min(1),
	/** Characters from the style bible in this shot; names mentioned in the prompt are found on their own. */
	characters: z.array(z.string().min(1)).default([]),
	takes: z.number().int().min(1).max(100).optional(),
	lengthInSeconds: z.number().positive().max(60).optional(),
	size: clipSizeSchema.optional(),
	referenceImage: z.string().min(1).optional(),
	model: z.string().min(1).optional(),
});

/** The shot list file: style bible, defaults and the shots to generate takes for. */
export const shotListSchema = z.strictObject({
	styleBible: styleBibleSchema.default({look: '', characters: {}, avoid: ''}),
	defaults: z
		.strictObject({
			takes: z.number().int().min(1).max(100).default(4),
			lengthInSeconds: z.number().positive().max(60).default(4),
			size: clipSizeSchema.default('1280x720'),
			provider: z.enum(['offline', 'openai', 'runway', 'veo', 'replicate']).default('offline'),
			model: z.string().min(1).default('offline-procedural'),
			/** Price the provider charges per generated second, for estimates and budgets. */
			pricePerSecondUsd: z.number().nonnegative().default(0),
			concurrency: z.number().int().min(1).max(64).default(4),
		})
		.default({takes: 4, lengthInSeconds: 4, size: '1280x720', provider: 'offline', model: 'offline-procedural', pricePerSecondUsd: 0, concurrency: 4}),
	shots: z.array(generationShotSchema).min(1),
});

export type StyleBible = z.infer<typeof styleBibleSchema>;
export type GenerationShot = z.infer<typeof generationShotSchema>;
export type ShotList = z.infer<typeof shotListSchema>;
export type ShotListInput = z.input<typeof shotListSchema>;
