import {z} from 'zod';

/**
 * One of the project's own components drawn over the picture for a while, placed in musical time. `at` is a
 * section id (its start) or a position ("5", "5:3", "12.5s"); in a section's `layers` it defaults to the
 * section's start, in the video's to 0 s. The length is one of `lengthInBeats`, `lengthInBars`,
 * `lengthInSeconds` or `until` (a position, or a section id meaning its end); none means to the end of the
 * section it starts in (video layers: to the end of the video).
 */
export const layerSchema = z.strictObject({
	/** A component registered in `defineProject({components})`. */
	component: z.string().min(1),
	/** The component's props (checked against its schema when it has one). */
	props: z.record(z.string(), z.unknown()).default({}),
	at: z.string().min(1).optional(),
	lengthInBeats: z.number().positive().optional(),
	lengthInBars: z.number().positive().optional(),
	lengthInSeconds: z.number().positive().optional(),
	until: z.string().min(1).optional(),
});

export type Layer = z.infer<typeof layerSchema>;
export type LayerInput = z.input<typeof layerSchema>;
