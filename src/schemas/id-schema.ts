import {z} from 'zod';

/** Ids of sections and compositions: letters, digits and dashes, as Remotion composition ids allow. */
export const idSchema = z
	.string()
	.regex(/^[a-zA-Z0-9-]+$/, {message: 'expected letters, digits and dashes only, like "chorus-1"'});
