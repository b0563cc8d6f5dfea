import {type ParsedPosition, parsePosition, type Position} from '../schemas/position-schema.ts';
import {barToBeats, beatsToSeconds, type TempoMap} from './tempo-map.ts';

/** Seconds of a position string ("5:3", "12.5s") on a tempo map. */
export const positionToSeconds = (map: TempoMap, position: Position | ParsedPosition): number => {
	const parsed = typeof position === 'string' ? parsePosition(position) : position;
	return parsed.kind === 'seconds' ? parsed.seconds : beatsToSeconds(map, barToBeats(map, parsed.bar, parsed.beat));
};
