import {TransitionSeries} from '@remotion/transitions';
import React, {useContext} from 'react';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {RegistryContext} from './songreel-context.ts';
import {ShotView} from './ShotView.tsx';
import {presentationFor, timingFor} from './transition-presentations.ts';

/**
 * The picture track: every shot in one TransitionSeries. The compiler already widened each shot by half of
 * the transitions around it, so the series' shortening cancels out and every cut lands on its frame.
 */
export const ClipTrack: React.FC<{readonly timeline: ResolvedTimeline}> = ({timeline: {shots, width, height, clipElement}}) => {
	const registry = useContext(RegistryContext);
	return (
		<TransitionSeries>
			{shots.flatMap((shot) => {
				const sequence = (
					<TransitionSeries.Sequence key={shot.id} durationInFrames={shot.durationInFrames} name={shot.id}>
						<ShotView shot={shot} clipElement={clipElement} />
					</TransitionSeries.Sequence>
				);
				if (!shot.transitionIn) {
					return [sequence];
				}
				return [<TransitionSeries.Transition key={`${shot.id}:in`} presentation={presentationFor(shot.transitionIn, {width, height}, registry)} timing={timingFor(shot.transitionIn)} />, sequence];
			})}
		</TransitionSeries>
	);
};
