import {z} from 'zod';
import {assetPathSchema} from './asset-path-schema.ts';
import {positionSchema} from './position-schema.ts';

/** One lyric line written inline in the song map, placed by bar/beat or seconds. */
export const inlineLyricLineSchema = z.strictObject({
	at: positionSchema,
	end: positionSchema.optional(),
	text: z.string().min(1),
});

/** Where the song's lyrics come from: an LRC/SRT file under public/, or lines written inline. */
export const lyricsSourceSchema = z.strictObject({
	file: assetPathSchema
		.regex(/\.(lrc|srt)$/i, {message: 'expected a .lrc or .srt file under public/'})
		.optional(),
	lines: z.array(inlineLyricLineSchema).optional(),
});

export type InlineLyricLine = z.infer<typeof inlineLyricLineSchema>;
export type LyricsSource = z.infer<typeof lyricsSourceSchema>;
