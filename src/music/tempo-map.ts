import type {Tempo} from '../schemas/tempo-schema.ts';

/** A stretch of constant tempo and metre, starting on a downbeat. Beats count from the first downbeat (beat 0). */
export type TempoSegment = {
	readonly startBar: number;
	readonly startBeat: number;
	/** Beat count of the downbeat of `startBar` (the segment's own start, unless it starts inside a bar). */
	readonly barStartBeat: number;
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
	if (tempo.bpm === undefined) {
		throw new TypeError('createTempoMap needs a bpm; a grid from analysed beats is made by createBeatListTempoMap');
	}
	const first: TempoSegment = {startBar: 1, startBeat: 0, barStartBeat: 0, startInSeconds: tempo.firstDownbeatInSeconds, bpm: tempo.bpm, beatsPerBar: tempo.beatsPerBar};
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
			barStartBeat: startBeat,
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
	return segment.barStartBeat + (bar - segment.startBar) * segment.beatsPerBar + (beat - 1);
};

/** The tempo segment in force at a beat count (the first one before bar 1). */
export const segmentAt = (map: TempoMap, beats: number): TempoSegment => lastWhere(map.segments, (s) => s.startBeat <= beats);

/** Metre in force at a beat count. */
export const beatsPerBarAt = (map: TempoMap, beats: number): number => segmentAt(map, beats).beatsPerBar;

/** Whether a whole beat count falls on the first beat of a bar. */
export const isDownbeat = (map: TempoMap, beats: number): boolean => {
	const segment = segmentAt(map, beats);
	return Number.isInteger(beats) && (((beats - segment.barStartBeat) % segment.beatsPerBar) + segment.beatsPerBar) % segment.beatsPerBar === 0;
};

/** Thrown when a played beat list cannot make a grid (too few beats, no downbeat, times not increasing). */
export class BeatListError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BeatListError';
	}
}

/**
 * A grid that follows the beats as played: one segment per beat, each as long as the time to the next beat, bars
 * counted from the first downbeat (bar 1, beat 0) and their metre from the beats between downbeats. Positions in
 * bars and beats then land on the analysed beats exactly; before the first beat and after the last the edge tempo
 * continues.
 */
export const createBeatListTempoMap = ({beatsInSeconds, downbeatsInSeconds}: {beatsInSeconds: readonly number[]; downbeatsInSeconds: readonly number[]}): TempoMap => {
	if (beatsInSeconds.length < 2 || downbeatsInSeconds.length === 0) {
		throw new BeatListError(`needs at least 2 beats and a downbeat, got ${beatsInSeconds.length} beats and ${downbeatsInSeconds.length} downbeats`);
	}
	for (let i = 1; i < beatsInSeconds.length; i++) {
		if ((beatsInSeconds[i] as number) <= (beatsInSeconds[i - 1] as number)) {
			throw new BeatListError(`beat ${i + 1} at ${beatsInSeconds[i]} s does not come after beat ${i} at ${beatsInSeconds[i - 1]} s`);
		}
	}
	const nearestBeat = (seconds: number): number => beatsInSeconds.reduce((best, time, i) => (Math.abs(time - seconds) < Math.abs((beatsInSeconds[best] as number) - seconds) ? i : best), 0);
	const downbeats = [...new Set(downbeatsInSeconds.map(nearestBeat))].sort((a, b) => a - b);
	const first = downbeats[0] as number;
	// Beats per bar from each downbeat to the next; the last bar and the pickup take their neighbour's.
	const barLengths = downbeats.slice(1).map((index, i) => index - (downbeats[i] as number));
	const lengthOfBar = (barIndex: number): number => barLengths[Math.max(0, Math.min(barLengths.length - 1, barIndex))] ?? 4;
	const segments: TempoSegment[] = beatsInSeconds.map((time, i) => {
		const next = beatsInSeconds[i + 1] ?? time + (time - (beatsInSeconds[i - 1] as number));
		const barIndex = downbeats.filter((index) => index <= i).length - 1;
		const barStart = barIndex < 0 ? first - lengthOfBar(0) : (downbeats[barIndex] as number);
		return {startBar: barIndex + 1, startBeat: i - first, barStartBeat: barStart - first, startInSeconds: time, bpm: 60 / (next - time), beatsPerBar: lengthOfBar(barIndex)};
	});
	return {segments};
};
