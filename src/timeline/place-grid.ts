import {beatsToSeconds, secondsToBeats, segmentAt} from '../music/tempo-map.ts';
import type {CompileContext} from './compile-context.ts';
import type {ResolvedBeat} from './resolved-timeline.ts';

/**
 * Every beat of the song that falls in the video (and the one before its first frame, so any frame has a
 * beat at or before it), as an exact, unrounded frame position with its bar, beat in bar and tempo. The
 * musical-time hooks read this list; they never convert time themselves.
 */
export const placeGrid = (context: CompileContext): ResolvedBeat[] => {
	const {tempoMap, video, durationInFrames} = context;
	const beats: ResolvedBeat[] = [];
	const songEndInSeconds = durationInFrames / video.fps;
	for (let beat = Math.floor(secondsToBeats(tempoMap, 0) + 1e-9) - 1; beatsToSeconds(tempoMap, beat) < songEndInSeconds; beat++) {
		const segment = segmentAt(tempoMap, beat);
		const inSegment = beat - segment.barStartBeat;
		const seconds = beatsToSeconds(tempoMap, beat);
		beats.push({
			frame: seconds * video.fps,
			bar: segment.startBar + Math.floor(inSegment / segment.beatsPerBar),
			beatInBar: (((inSegment % segment.beatsPerBar) + segment.beatsPerBar) % segment.beatsPerBar) + 1,
			beatsPerBar: segment.beatsPerBar,
			bpm: segment.bpm,
		});
	}
	return beats;
};
