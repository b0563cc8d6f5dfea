import {z} from 'zod';
import {assetPathSchema} from './asset-path-schema.ts';
import {cssColorSchema} from './css-color-schema.ts';
import {evenPixelsSchema} from './even-pixels-schema.ts';
import {idSchema} from './id-schema.ts';
import {layerSchema} from './layer-schema.ts';
import {lyricStyleSchema} from './lyric-style-schema.ts';
import {shotSchemaFor} from './shot-schema.ts';
import {transitionSchema, type transitionSchemaFor} from './transition-schema.ts';

/** Audio-reactive effects from the beat grid (precomputed, never an in-browser FFT); strengths per section. */
export const effectsSchema = z.strictObject({
	/**
	 * A zoom kick on every beat: scale goes to 1 + strength, then back over decayInBeats. With `followLoudness`
	 * (needs the song's analysis file) the kick is strength × the song's loudness there (0–1), so quiet bars barely move.
	 */
	pulse: z
		.strictObject({strength: z.number().min(0).max(0.5).default(0.03), decayInBeats: z.number().positive().max(4).default(0.5), followLoudness: z.boolean().default(false)})
		.optional(),
	/**
	 * A brightness flash: brightness goes to 1 + strength, then back. `on: 'downbeat'` (default) flashes every
	 * downbeat; `on: 'onset'` (needs the song's analysis file) flashes on every onset at least `onsetAbove` strong
	 * (0–1), scaled by its strength: the hits the music plays, not the grid.
	 */
	flash: z
		.strictObject({
			strength: z.number().min(0).max(3).default(0.4),
			decayInBeats: z.number().positive().max(4).default(0.5),
			on: z.enum(['downbeat', 'onset']).default('downbeat'),
			onsetAbove: z.number().min(0).max(1).default(0.5),
		})
		.optional(),
});

/** Another size of a video from the same edit: an id for its file name and an even width and height. */
export const deliverableSchema = z.strictObject({
	id: idSchema,
	width: evenPixelsSchema(7680),
	height: evenPixelsSchema(7680),
});

/** A loudness target for a video's delivery: LUFS from -70 to 0, with a true-peak ceiling in dBTP (default -1). */
export const loudnessSettingSchema = z.strictObject({
	targetLufs: z.number().min(-70).max(0),
	truePeakCeilingDbtp: z.number().min(-20).max(0).default(-1),
});

/** The video schema of a project whose transition schema is given (the built-ins plus its own transitions). */
export const videoSchemaFor = (transition: ReturnType<typeof transitionSchemaFor>) => {
	const shot = shotSchemaFor(transition);
	/** Fills a section with a cut every N beats, cycling through a pool of clips or takes. */
	const cutEvery = z.strictObject({
		lengthInBeats: z.number().positive(),
		clips: z.array(assetPathSchema).optional(),
		takes: z.array(z.string().min(1)).optional(),
		/** In loud passages (needs the song's analysis file): cut every `lengthInBeats` instead where the loudness (0–1) is at least `above`. */
		loud: z.strictObject({lengthInBeats: z.number().positive(), above: z.number().min(0).max(1).default(0.7)}).optional(),
		/** Shot settings applied to every generated shot (fit, speed, onShortClip, kenBurns …). */
		shot: shot.omit({clip: true, take: true, component: true, props: true, generate: true, lengthInBeats: true, lengthInBars: true, lengthInSeconds: true, snap: true}).partial().optional(),
	});
	/** What a video does during one song section: a sequence of shots, a cut every N beats, or an explicit filler colour. */
	const sectionPlan = z.strictObject({
		/** The section's name as chapters show it (MP4 chapters, `<id>.chapters.txt`); default the section id. */
		title: z.string().trim().min(1).max(100).optional(),
		shots: z.array(shot).optional(),
		cutEvery: cutEvery.optional(),
		effects: effectsSchema.optional(),
		filler: cssColorSchema.optional(),
		transition: transition.optional(),
		transitionIn: transition.optional(),
		lyrics: lyricStyleSchema.optional(),
		/** The project's own components over the picture during this section. */
		layers: z.array(layerSchema).optional(),
	});
	/** One music video over the song: output settings, defaults and a plan for every song section. */
	const video = z.strictObject({
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
				transition: transition.default({type: 'none'}),
				fit: z.enum(['cover', 'contain']).default('cover'),
				lyrics: lyricStyleSchema.default({}),
			})
			.default({transition: {type: 'none'}, fit: 'cover', lyrics: {}}),
		/** The project's own components over the picture, placed anywhere in the song. */
		layers: z.array(layerSchema).default([]),
		/**
		 * Other shapes of this same edit (9:16, 1:1 …): each shares the video's sections, shots and timing and is rendered
		 * at its own size (`songreel render <id> --deliverable <id>|all` → out/<video>.<deliverable>.mp4). Shots keep
		 * their `focus` point in frame; lyrics scale with the frame's short side.
		 */
		deliverables: z.array(deliverableSchema).default([]),
		/**
		 * Deliver this video's audio at an integrated loudness (ITU-R BS.1770-4), as `songreel render --loudness` does;
		 * the command-line option overrides it. Left out: the song is untouched (it is the master).
		 */
		loudness: loudnessSettingSchema.optional(),
		sections: z.record(idSchema, sectionPlan),
	});
	return {shot, cutEvery, sectionPlan, video};
};

const builtin = videoSchemaFor(transitionSchema);

/** Fills a section with a cut every N beats (built-in transitions only; see `videoSchemaFor`). */
export const cutEverySchema = builtin.cutEvery;
/** What a video does during one song section (built-in transitions only; see `videoSchemaFor`). */
export const sectionPlanSchema = builtin.sectionPlan;
/** One music video (built-in transitions only; see `videoSchemaFor`). */
export const videoSchema = builtin.video;

export type SectionPlan = z.infer<typeof sectionPlanSchema>;
export type CutEvery = z.infer<typeof cutEverySchema>;
export type Effects = z.infer<typeof effectsSchema>;
export type LoudnessSetting = z.infer<typeof loudnessSettingSchema>;
export type Deliverable = z.infer<typeof deliverableSchema>;
export type Video = z.infer<typeof videoSchema>;
export type VideoInput = z.input<typeof videoSchema>;
