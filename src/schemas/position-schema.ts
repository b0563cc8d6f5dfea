import {z} from 'zod';
import {specMessages} from './messages.ts';

const POSITION_PATTERN = /^(\d+)(?::(\d+(?:\.\d+)?))?$|^(\d+(?:\.\d+)?)s$/;

/** A point in the song as a user writes it: "bar", "bar:beat" (both 1-based, beat may be fractional) or seconds like "12.5s". */
export const positionSchema = z
	.string()
	.regex(POSITION_PATTERN, {
		message: 'expected a position like "5" (bar 5), "5:3" (bar 5, beat 3) or "12.5s" (seconds)',
	})
	// Bars and beats count from 1, as musicians count them; the beat's upper bound depends on the metre, so the compiler checks it.
	.superRefine((position, context) => {
		const match = POSITION_PATTERN.exec(position);
		if (!match || match[3] !== undefined) {
			return;
		}
		if (Number(match[1]) < 1) {
			context.addIssue({code: 'custom', message: specMessages.barBeforeOne(position), input: position});
		} else if (match[2] !== undefined && Number(match[2]) < 1) {
			context.addIssue({code: 'custom', message: specMessages.beatBeforeOne(position, Number(match[1])), input: position});
		}
	});

export type Position = z.infer<typeof positionSchema>;

/** A position split into its musical or clock parts. */
export type ParsedPosition =
	| {readonly kind: 'bar'; readonly bar: number; readonly beat: number}
	| {readonly kind: 'seconds'; readonly seconds: number};

/** Splits a position string that `positionSchema` accepted; beats and bars stay 1-based. */
export const parsePosition = (position: Position): ParsedPosition => {
	const match = POSITION_PATTERN.exec(position);
	if (!match) {
		throw new TypeError(`Not a position: "${position}"`);
	}
	if (match[3] !== undefined) {
		return {kind: 'seconds', seconds: Number(match[3])};
	}
	return {kind: 'bar', bar: Number(match[1]), beat: match[2] === undefined ? 1 : Number(match[2])};
};
