import {z} from 'zod';

/** A tempo or metre change that starts on a downbeat. */
export const tempoChangeSchema = z.strictObject({
	atBar: z.number().int().min(2),
	bpm: z.number().positive().max(400).optional(),
	beatsPerBar: z.number().int().min(1).max(16).optional(),
});

/** The song's beat grid: a constant tempo, or a tempo map when `changes` is not empty. */
export const tempoSchema = z.strictObject({
	bpm: z.number().positive().max(400),
	beatsPerBar: z.number().int().min(1).max(16).default(4),
	firstDownbeatInSeconds: z.number().nonnegative().default(0),
	changes: z.array(tempoChangeSchema).default([]),
});

export type TempoChange = z.infer<typeof tempoChangeSchema>;
export type Tempo = z.infer<typeof tempoSchema>;
export type TempoInput = z.input<typeof tempoSchema>;
