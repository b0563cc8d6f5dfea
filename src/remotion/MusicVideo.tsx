import {Audio} from '@remotion/media';
import React from 'react';
import {AbsoluteFill, staticFile} from 'remotion';
import type {MusicVideoProps} from '../schemas/project-schema.ts';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {BeatEffects} from './BeatEffects.tsx';
import {ClipTrack} from './ClipTrack.tsx';
import {LayerTrack} from './LayerTrack.tsx';
import {LyricLayer} from './LyricLayer.tsx';
import {ProblemList} from './ProblemList.tsx';
import {RegistryContext, TimelineContext} from './songreel-context.ts';
import {EMPTY_REGISTRY, type SongreelRegistry} from './songreel-registry.ts';

/**
 * Props of a music-video composition: what the user edits, plus the compiled timeline. `compiled: true` marks a
 * timeline compiled in Node by `songreel render`, which `calculateMetadata` then uses as it is.
 */
export type MusicVideoCompositionProps = MusicVideoProps & {
	readonly timeline?: ResolvedTimeline | null;
	readonly compiled?: boolean;
	readonly problems?: readonly string[] | null;
};

/**
 * A music video: the song as the master clock, the clip track under the beat effects, the project's layers, and
 * the lyric layer, all from the compiled timeline. Components below read musical time through the hooks.
 */
export const MusicVideo: React.FC<MusicVideoCompositionProps & {readonly registry?: SongreelRegistry}> = ({timeline, problems, registry = EMPTY_REGISTRY}) => {
	if (problems) {
		return <ProblemList problems={problems} />;
	}
	if (!timeline) {
		throw new Error('MusicVideo needs a compiled timeline: register it with <SongreelCompositions> or calculateMetadata={musicVideoMetadata()}');
	}
	return (
		<RegistryContext.Provider value={registry}>
			<TimelineContext.Provider value={timeline}>
				<AbsoluteFill style={{backgroundColor: timeline.background}}>
					<Audio src={staticFile(timeline.audio.src)} />
					<BeatEffects effects={timeline.effects}>
						<ClipTrack timeline={timeline} />
					</BeatEffects>
					<LayerTrack layers={timeline.layers} />
					<LyricLayer lines={timeline.lyrics} />
				</AbsoluteFill>
			</TimelineContext.Provider>
		</RegistryContext.Provider>
	);
};
