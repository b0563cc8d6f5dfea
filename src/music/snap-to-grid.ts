import {barToBeats, beatsToSeconds, secondsToBeats, segmentAt, type TempoMap} from './tempo-map.ts';

/** Bar number (1-based, fractional) at a beat count: the inverse of `barToBeats`. */
export const beatsToBar = (map: TempoMap, beats: number): number => {
	const {startBar, barStartBeat, beatsPerBar} = segmentAt(map, beats);
	return startBar + (beats - barStartBeat) / beatsPerBar;
};

/** The nearest beat (or downbeat) to a time, in seconds. */
export const snapToGrid = (map: TempoMap, seconds: number, unit: 'beat' | 'downbeat'): number => {
	const beats = secondsToBeats(map, seconds);
	if (unit === 'beat') {
		return beatsToSeconds(map, Math.round(beats));
	}
	return beatsToSeconds(map, barToBeats(map, Math.round(beatsToBar(map, beats))));
};
