import {z} from 'zod';
import {assetPathSchema} from './asset-path-schema.ts';
import {cssColorSchema} from './css-color-schema.ts';
import {evenPixelsSchema} from './even-pixels-schema.ts';
import {idSchema} from './id-schema.ts';
import {lyricStyleSchema} from './lyric-style-schema.ts';
import {shotSchema} from './shot-schema.ts';
import {transitionSchema} from './transition-schema.ts';

/** Fills a section with a cut every N beats, cycling through a pool of clips or takes. */
export const cutEverySchema = z.strictObject({
	lengthInBeats: z.number().positive(),
	clips: z.array(assetPathSchema).optional(),
	takes: z.array(z.string().min(1)).optional(),
	/** Shot settings applied to every generated shot (fit, speed, onShortClip, kenBurns …). */
	shot: shotSchema.omit({clip: true, take: true, lengthInBeats: true, lengthInBars: true, lengthInSeconds: true, snap: true}).partial().optional(),
});

/** Audio-reactive effects from the beat grid (precomputed, never an in-browser FFT); strengths per section. */
export const effectsSchema = z.strictObject({
	/** A zoom kick on every beat: scale goes to 1 + strength, then back over decayInBeats. */
	pulse: z.strictObject({strength: z.number().min(0).max(0.5).default(0.03), decayInBeats: z.number().positive().max(4).default(0.5)}).optional(),
	/** A brightness flash on every downbeat: brightness goes to 1 + strength, then back. */
	flash: z.strictObject({strength: z.number().min(0).max(3).default(0.4), decayInBeats: z.number().positive().max(4).default(0.5)}).optional(),
});

/** What a video does during one song section: a sequence of shots, a cut every N beats, or an explicit filler colour. */
export const sectionPlanSchema = z.strictObject({
	shots: z.array(shotSchema).optional(),
	cutEvery: cutEverySchema.optional(),
	effects: effectsSchema.optional(),
	filler: cssColorSchema.optional(),
	transition: transitionSchema.optional(),
	transitionIn: transitionSchema.optional(),
	lyrics: lyricStyleSchema.optional(),
});

/** One music video over the song: output settings, defaults and a plan for every song section. */
export const videoSchema = z.strictObject({
	id: idSchema,
	width: evenPixelsSchema(7680).default(1280),
	height: evenPixelsSchema(4320).default(720),
	fps: z.number().positive().max(120).default(30),
	background: cssColorSchema.default('#000000'),
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
export type CutEvery = z.infer<typeof cutEverySchema>;
export type Effects = z.infer<typeof effectsSchema>;
export type Video = z.infer<typeof videoSchema>;
export type VideoInput = z.input<typeof videoSchema>;
