import {Audio} from '@remotion/media';
import React from 'react';
import {AbsoluteFill, staticFile} from 'remotion';
import type {MusicVideoProps} from '../schemas/project-schema.ts';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {BeatEffects} from './BeatEffects.tsx';
import {ClipTrack} from './ClipTrack.tsx';
import {LyricLayer} from './LyricLayer.tsx';
import {ProblemList} from './ProblemList.tsx';

/** Props of a music-video composition: what the user edits, plus what `calculateMetadata` compiled from it. */
export type MusicVideoCompositionProps = MusicVideoProps & {
	readonly timeline?: ResolvedTimeline | null;
	readonly problems?: readonly string[] | null;
};

/** A music video: the song as the master clock, the clip track and the lyric layer, all from the compiled timeline. */
export const MusicVideo: React.FC<MusicVideoCompositionProps> = ({timeline, problems}) => {
	if (problems) {
		return <ProblemList problems={problems} />;
	}
	if (!timeline) {
		throw new Error('MusicVideo needs a compiled timeline: register it with calculateMetadata={calculateMusicVideoMetadata}');
	}
	return (
		<AbsoluteFill style={{backgroundColor: timeline.background}}>
			<Audio src={staticFile(timeline.audio.src)} />
			<BeatEffects effects={timeline.effects}>
				<ClipTrack timeline={timeline} />
			</BeatEffects>
			<LyricLayer lines={timeline.lyrics} />
		</AbsoluteFill>
	);
};
