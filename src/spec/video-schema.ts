import {z} from 'zod';
import {idSchema} from './id-schema';
import {lyricStyleSchema} from './lyric-style-schema';
import {shotSchema} from './shot-schema';
import {transitionSchema} from './transition-schema';

/** What a video does during one song section: a sequence of shots, or an explicit filler colour. */
export const sectionPlanSchema = z.strictObject({
	shots: z.array(shotSchema).optional(),
	filler: z.string().min(1).optional(),
	transition: transitionSchema.optional(),
	transitionIn: transitionSchema.optional(),
	lyrics: lyricStyleSchema.optional(),
});

/** One music video over the song: output settings, defaults and a plan for every song section. */
export const videoSchema = z.strictObject({
	id: idSchema,
	width: z.number().int().min(16).max(7680).default(1280),
	height: z.number().int().min(16).max(4320).default(720),
	fps: z.number().positive().max(120).default(30),
	background: z.string().min(1).default('#000000'),
	/**
	 * Which Remotion element draws clips: @remotion/media's `Video` (decodes in the page with WebCodecs;
	 * the faster one, see README) or `OffthreadVideo` (decodes with Remotion's compositor; a fallback).
	 */
	clipElement: z.enum(['video', 'offthread-video']).default('video'),
	defaults: z
		.strictObject({
			transition: transitionSchema.default({type: 'none'}),
			fit: z.enum(['cover', 'contain']).default('cover'),
			lyrics: lyricStyleSchema.default({}),
		})
		.default({transition: {type: 'none'}, fit: 'cover', lyrics: {}}),
	sections: z.record(idSchema, sectionPlanSchema),
});

export type SectionPlan = z.infer<typeof sectionPlanSchema>;
export type Video = z.infer<typeof videoSchema>;
export type VideoInput = z.input<typeof videoSchema>;
