import {z} from 'zod';
import {assetPathSchema} from './asset-path-schema.ts';
import {idSchema} from './id-schema.ts';
import {lyricsSourceSchema} from './lyrics-schema.ts';
import {positionSchema} from './position-schema.ts';
import {tempoSchema} from './tempo-schema.ts';

/** A named part of the song. It runs from `start` to the next section's start (or the song's end). */
export const songSectionSchema = z.strictObject({
	id: idSchema,
	start: positionSchema.optional(),
	end: positionSchema.optional(),
});

/** The song map: audio file, beat grid, sections in order and lyrics. */
export const songSchema = z.strictObject({
	audio: assetPathSchema,
	tempo: tempoSchema,
	sections: z.array(songSectionSchema).min(1),
	lyrics: lyricsSourceSchema.optional(),
});

export type SongSection = z.infer<typeof songSectionSchema>;
export type Song = z.infer<typeof songSchema>;
export type SongInput = z.input<typeof songSchema>;
