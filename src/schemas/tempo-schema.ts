import {z} from 'zod';
import {assetPathSchema} from './asset-path-schema.ts';

/** A tempo or metre change that starts on a downbeat. */
export const tempoChangeSchema = z.strictObject({
	atBar: z.number().int().min(2),
	bpm: z.number().positive().max(400).optional(),
	beatsPerBar: z.number().int().min(1).max(16).optional(),
});

/**
 * The song's beat grid: a constant tempo, a tempo map when `changes` is not empty, or the beats as played, from an
 * analysis file (`fromAnalysis`: its path under public/, written by `songreel analyze --write`), so bars and beats
 * follow a drifting or rubato performance. Give `bpm` or `fromAnalysis`.
 */
export const tempoSchema = z.strictObject({
	bpm: z.number().positive().max(400).optional(),
	fromAnalysis: assetPathSchema.optional(),
	beatsPerBar: z.number().int().min(1).max(16).default(4),
	firstDownbeatInSeconds: z.number().nonnegative().default(0),
	changes: z.array(tempoChangeSchema).default([]),
});

export type TempoChange = z.infer<typeof tempoChangeSchema>;
export type Tempo = z.infer<typeof tempoSchema>;
export type TempoInput = z.input<typeof tempoSchema>;
