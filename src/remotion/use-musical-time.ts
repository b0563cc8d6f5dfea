import {useContext} from 'react';
import {useCurrentFrame} from 'remotion';
import {type MusicalTime, musicalTimeAt} from '../draw/musical-time-at.ts';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {FrameOffsetContext, TimelineContext} from './songreel-context.ts';

/** The compiled timeline of the video this component is drawn in (songreel videos only). */
export const useSongreelTimeline = (): ResolvedTimeline => {
	const timeline = useContext(TimelineContext);
	if (timeline === null) {
		throw new Error('songreel hooks work only inside a songreel video (a layer, a component shot or a lyric renderer)');
	}
	return timeline;
};

/** The frame of the whole video, also inside a layer's or shot's sequence (where `useCurrentFrame` counts from its start). */
export const useVideoFrame = (): number => useCurrentFrame() + useContext(FrameOffsetContext);

/**
 * Musical time at the current frame: bar, beat, beat in bar, progress through the beat and bar, bpm, section
 * and its progress, the lyric line and word being sung, envelopes that decay from each beat and downbeat, and,
 * when the song has an analysis file, loudness and onset strength. All read from the compiled timeline.
 */
export const useMusicalTime = (options: {readonly decayInBeats?: number} = {}): MusicalTime => musicalTimeAt(useSongreelTimeline(), useVideoFrame(), options);
