import type {Tempo} from '../schemas/tempo-schema.ts';

/** A stretch of constant tempo and metre, starting on a downbeat. Beats count from the first downbeat (beat 0). */
export type TempoSegment = {
	readonly startBar: number;
	readonly startBeat: number;
	readonly startInSeconds: number;
	readonly bpm: number;
	readonly beatsPerBar: number;
};

/** The song's beat grid as consecutive constant-tempo segments; the first one also covers the pickup before bar 1. */
export type TempoMap = {readonly segments: readonly TempoSegment[]};

/** Thrown when tempo changes are not in increasing bar order. */
export class TempoMapError extends Error {
	readonly changeIndex: number;

	constructor(changeIndex: number, message: string) {
		super(message);
		this.name = 'TempoMapError';
		this.changeIndex = changeIndex;
	}
}

/** Builds the segment list from a song's tempo; each change starts at its bar's downbeat. */
export const createTempoMap = (tempo: Tempo): TempoMap => {
	const first: TempoSegment = {startBar: 1, startBeat: 0, startInSeconds: tempo.firstDownbeatInSeconds, bpm: tempo.bpm, beatsPerBar: tempo.beatsPerBar};
	const segments: TempoSegment[] = [first];
	tempo.changes.forEach((change, index) => {
		const previous = segments[segments.length - 1] as TempoSegment;
		if (change.atBar <= previous.startBar) {
			throw new TempoMapError(index, `must come after bar ${previous.startBar}, got bar ${change.atBar}`);
		}
		const startBeat = previous.startBeat + (change.atBar - previous.startBar) * previous.beatsPerBar;
		segments.push({
			startBar: change.atBar,
			startBeat,
			// Each segment starts from the previous segment's exact start, so rounding never accumulates.
			startInSeconds: previous.startInSeconds + ((startBeat - previous.startBeat) * 60) / previous.bpm,
			bpm: change.bpm ?? previous.bpm,
			beatsPerBar: change.beatsPerBar ?? previous.beatsPerBar,
		});
	});
	return {segments};
};

const lastWhere = <T>(items: readonly T[], test: (item: T) => boolean): T => {
	let found = items[0] as T;
	for (const item of items) {
		if (test(item)) {
			found = item;
		}
	}
	return found;
};

/** Seconds at a (possibly fractional, possibly negative) beat count from the first downbeat. */
export const beatsToSeconds = (map: TempoMap, beats: number): number => {
	const segment = lastWhere(map.segments, (s) => s.startBeat <= beats);
	return segment.startInSeconds + ((beats - segment.startBeat) * 60) / segment.bpm;
};

/** Beat count from the first downbeat at a time in seconds; the inverse of `beatsToSeconds`. */
export const secondsToBeats = (map: TempoMap, seconds: number): number => {
	const segment = lastWhere(map.segments, (s) => s.startInSeconds <= seconds);
	return segment.startBeat + ((seconds - segment.startInSeconds) * segment.bpm) / 60;
};

/** Beat count of a 1-based bar and beat ("5:3" is bar 5, beat 3). */
export const barToBeats = (map: TempoMap, bar: number, beat = 1): number => {
	const segment = lastWhere(map.segments, (s) => s.startBar <= bar);
	return segment.startBeat + (bar - segment.startBar) * segment.beatsPerBar + (beat - 1);
};

/** The tempo segment in force at a beat count (the first one before bar 1). */
export const segmentAt = (map: TempoMap, beats: number): TempoSegment => lastWhere(map.segments, (s) => s.startBeat <= beats);

/** Metre in force at a beat count. */
export const beatsPerBarAt = (map: TempoMap, beats: number): number => segmentAt(map, beats).beatsPerBar;

/** Whether a whole beat count falls on the first beat of a bar. */
export const isDownbeat = (map: TempoMap, beats: number): boolean => {
	const segment = segmentAt(map, beats);
	return Number.isInteger(beats) && (beats - segment.startBeat) % segment.beatsPerBar === 0;
};
