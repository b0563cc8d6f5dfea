// Pure: where the bars start, in frames. No IO here.
import {secondsToFrame} from '../music/seconds-to-frame.ts';
import {barToBeats, beatsToSeconds, createTempoMap} from '../music/tempo-map.ts';
import type {Tempo} from '../schemas/tempo-schema.ts';

/** The frame of every downbeat (bar 1, 2, …) before `durationInFrames`, from the song's tempo map. */
export const downbeatFrames = ({tempo, fps, durationInFrames}: {readonly tempo: Tempo; readonly fps: number; readonly durationInFrames: number}): number[] => {
	const map = createTempoMap(tempo);
	const frames: number[] = [];
	for (let bar = 1; ; bar++) {
		const frame = secondsToFrame(beatsToSeconds(map, barToBeats(map, bar)), fps);
		if (frame >= durationInFrames) {
			return frames;
		}
		frames.push(frame);
	}
};
