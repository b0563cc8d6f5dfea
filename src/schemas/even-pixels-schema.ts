import {z} from 'zod';
import {specMessages} from './messages.ts';

/** A video width or height: a whole, even number of pixels (H.264's 4:2:0 colour needs both even), 16 up to `maximum`. */
export const evenPixelsSchema = (maximum: number) =>
	z
		.number()
		.int()
		.min(16)
		.max(maximum)
		// A size already refused for its range is not reported a second time for being odd.
		.refine((pixels) => pixels < 16 || pixels > maximum || !Number.isInteger(pixels) || pixels % 2 === 0, {error: (issue) => specMessages.mustBeEven(issue.input)});
