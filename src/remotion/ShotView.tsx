import {Video} from '@remotion/media';
import React from 'react';
import {AbsoluteFill, Freeze, OffthreadVideo, Sequence, staticFile, useCurrentFrame} from 'remotion';
import {focusToObjectPosition} from '../draw/focus-at.ts';
import {kenBurnsAt} from '../draw/ken-burns-at.ts';
import type {ResolvedShot, ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {FrameOffset} from './FrameOffset.tsx';
import {ProjectComponent} from './ProjectComponent.tsx';

/** Draws one shot: its clip segments (play or freeze) under an optional Ken Burns move, one of the project's components, or a filler colour. */
export const ShotView: React.FC<{readonly shot: ResolvedShot; readonly clipElement: ResolvedTimeline['clipElement']}> = ({shot, clipElement}) => {
	const frame = useCurrentFrame();
	const {visual} = shot;
	if (visual.kind === 'filler') {
		return <AbsoluteFill style={{backgroundColor: visual.color}} />;
	}
	if (visual.kind === 'component') {
		return (
			<AbsoluteFill>
				<FrameOffset from={shot.fromFrame}>
					<ProjectComponent name={visual.component} props={visual.props} where={`shot ${shot.id}`} />
				</FrameOffset>
			</AbsoluteFill>
		);
	}
	const move = visual.kenBurns ? kenBurnsAt(visual.kenBurns, frame) : null;
	const transform = move ? `scale(${move.scale}) translate(${move.xPercent}%, ${move.yPercent}%)` : undefined;
	// The focus point is CSS object-position exactly (see ResolvedFocus): a landscape take keeps its subject in a portrait frame.
	const objectPosition = focusToObjectPosition(visual.focus, frame);
	return (
		<AbsoluteFill style={{transform}}>
			{visual.segments.map((segment) => {
				const common = {
					src: staticFile(visual.src),
					trimBefore: segment.trimBeforeInFrames,
					playbackRate: segment.playbackRate,
					muted: visual.volume === 0,
					volume: visual.volume,
				};
				// @remotion/media's Video draws to a canvas and takes the fit as a prop; OffthreadVideo is an <img>.
				const video =
					clipElement === 'video' ? (
						<Video {...common} objectFit={visual.fit} style={{width: '100%', height: '100%', objectPosition}} />
					) : (
						<OffthreadVideo {...common} style={{width: '100%', height: '100%', objectFit: visual.fit, objectPosition}} />
					);
				return (
					<Sequence key={segment.fromFrame} from={segment.fromFrame} durationInFrames={segment.durationInFrames} layout="absolute-fill">
						{segment.kind === 'freeze' ? <Freeze frame={0}>{video}</Freeze> : video}
					</Sequence>
				);
			})}
		</AbsoluteFill>
	);
};
