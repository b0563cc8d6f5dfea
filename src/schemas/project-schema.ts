import {z} from 'zod';
import {songSchema} from './song-schema.ts';
import {videoSchema} from './video-schema.ts';

/** The compositions file: one song and the videos cut to it. */
export const projectSchema = z.strictObject({
	song: songSchema,
	videos: z.array(videoSchema).min(1),
});

/** The props every music-video composition takes: the song map and one video plan. */
export const musicVideoPropsSchema = z.object({
	song: songSchema,
	video: videoSchema,
});

export type Project = z.infer<typeof projectSchema>;
export type ProjectInput = z.input<typeof projectSchema>;
export type MusicVideoProps = z.infer<typeof musicVideoPropsSchema>;
