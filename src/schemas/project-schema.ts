import {z} from 'zod';
import {idSchema} from './id-schema.ts';
import {songSchema} from './song-schema.ts';
import {transitionSchemaFor} from './transition-schema.ts';
import {videoSchemaFor} from './video-schema.ts';

/** The JSON part of a compositions file (one song, the videos cut to it), for a project with these transitions of its own. */
export const projectSchemaFor = (customTransitions: readonly string[]) => {
	const {video} = videoSchemaFor(transitionSchemaFor(customTransitions));
	return {
		project: z.strictObject({
			song: songSchema,
			videos: z.array(video).min(1),
			// The project's own React code, checked by validateProject (functions cannot be described in JSON).
			components: z.record(z.string(), z.unknown()).optional(),
			transitions: z.record(z.string(), z.unknown()).optional(),
			lyricRenderers: z.record(z.string(), z.unknown()).optional(),
		}),
		/** The props every music-video composition takes, and what Studio's props panel edits. */
		musicVideoProps: z.object({
			song: songSchema.describe('The song map. Studio edits preview live; keep them by editing the compositions file.'),
			video: video.describe('This video\'s plan. Studio edits preview live; keep them by editing videos[…] in the compositions file.'),
			/** Draw the video as this one of its deliverables (its size, lyrics scaled): the composition `<video>-<deliverable>`. */
			deliverable: idSchema.optional().describe('Which of the video\'s deliverables this composition draws (its width and height); none: the video itself.'),
		}),
	};
};

const builtin = projectSchemaFor([]);

/** The compositions file's song and videos with only the built-in transitions. */
export const projectSchema = builtin.project;

/** The props of a music-video composition with only the built-in transitions. */
export const musicVideoPropsSchema = builtin.musicVideoProps;

export type Project = z.infer<typeof projectSchema>;
export type ProjectInput = z.input<typeof projectSchema>;
export type MusicVideoProps = z.infer<typeof musicVideoPropsSchema>;
