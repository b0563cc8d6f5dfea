import {Video} from '@remotion/media';
import React from 'react';
import {AbsoluteFill, Freeze, interpolate, OffthreadVideo, Sequence, staticFile, useCurrentFrame} from 'remotion';
import type {Keyframes, ResolvedShot, ResolvedTimeline} from '../timeline/resolved-timeline.ts';

const at = (frame: number, keyframes: Keyframes): number =>
	interpolate(frame, keyframes.frames as number[], keyframes.values as number[], {extrapolateLeft: 'clamp', extrapolateRight: 'clamp'});

/** Draws one shot: its clip segments (play or freeze) under an optional Ken Burns move, or a filler colour. */
export const ShotView: React.FC<{readonly shot: ResolvedShot; readonly clipElement: ResolvedTimeline['clipElement']}> = ({shot, clipElement}) => {
	const frame = useCurrentFrame();
	const {visual} = shot;
	if (visual.kind === 'filler') {
		return <AbsoluteFill style={{backgroundColor: visual.color}} />;
	}
	const transform = visual.kenBurns
		? `scale(${at(frame, visual.kenBurns.scale)}) translate(${at(frame, visual.kenBurns.xPercent)}%, ${at(frame, visual.kenBurns.yPercent)}%)`
		: undefined;
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
						<Video {...common} objectFit={visual.fit} style={{width: '100%', height: '100%'}} />
					) : (
						<OffthreadVideo {...common} style={{width: '100%', height: '100%', objectFit: visual.fit}} />
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
