import React from 'react';
import {AbsoluteFill, Sequence} from 'remotion';
import type {ResolvedLayer} from '../timeline/resolved-timeline.ts';
import {FrameOffset} from './FrameOffset.tsx';
import {ProjectComponent} from './ProjectComponent.tsx';

/** The project's own components over the picture, each in its sequence from the compiled frames, later ones on top. */
export const LayerTrack: React.FC<{readonly layers: readonly ResolvedLayer[]}> = ({layers}) => (
	<AbsoluteFill>
		{layers.map((layer) => (
			<Sequence key={layer.id} from={layer.startFrame} durationInFrames={layer.endFrame - layer.startFrame} name={`${layer.component} (${layer.id})`} layout="absolute-fill">
				<FrameOffset from={layer.startFrame}>
					<ProjectComponent name={layer.component} props={layer.props} where={layer.id} />
				</FrameOffset>
			</Sequence>
		))}
	</AbsoluteFill>
);
