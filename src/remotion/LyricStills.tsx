import React from 'react';
import {AbsoluteFill, type CalculateMetadataFunction, Composition, useCurrentFrame} from 'remotion';
import type {ResolvedLyricLine} from '../timeline/resolved-timeline.ts';
import {LYRIC_STILLS_COMPOSITION} from './composition-ids.ts';
import {LyricLineView} from './LyricLayer.tsx';

/** One still: a line with some of its words highlighted, seen through a window whose top-left is (x, y) of the video frame. */
export type LyricStill = {readonly line: number; readonly highlightedWords: number; readonly x: number; readonly y: number};

/**
 * Props of the lyric-stills composition: the video's frame size, the capture size (the composition's), lines,
 * and per frame the stills it shows, stacked in slots of `slotHeight` pixels.
 */
export type LyricStillsProps = {
	readonly frameWidth: number;
	readonly frameHeight: number;
	readonly width: number;
	readonly height: number;
	readonly slotHeight: number;
	readonly fps: number;
	readonly lines: readonly ResolvedLyricLine[];
	readonly captures: readonly (readonly LyricStill[])[];
};

/**
 * Frame i shows capture i: lyric lines at full opacity on a transparent background, each laid out on a frame of
 * the video's size and seen through a window (a whole frame, or just the band a line covers, several bands
 * stacked per capture, which is much quicker than a capture each). The direct renderer cuts them apart and lays
 * them over clip frames, fading them as the lyric layer would.
 */
export const LyricStills: React.FC<LyricStillsProps> = ({frameWidth, frameHeight, slotHeight, lines, captures}) => {
	const capture = captures[useCurrentFrame()] ?? [];
	return (
		<AbsoluteFill>
			{capture.map((still, slot) => {
				const line = lines[still.line];
				return line ? (
					<div key={slot} style={{position: 'absolute', left: 0, top: slot * slotHeight, width: '100%', height: slotHeight, overflow: 'hidden'}}>
						<div style={{position: 'absolute', left: -still.x, top: -still.y, width: frameWidth, height: frameHeight}}>
							<LyricLineView line={line} state={{opacity: 1, highlightedWords: still.highlightedWords}} frameWidth={frameWidth} frameHeight={frameHeight} />
						</div>
					</div>
				) : null;
			})}
		</AbsoluteFill>
	);
};

/** The stills composition's size and length, from its props alone (the renderer builds its config from this too). */
export const lyricStillsMetadata = (props: LyricStillsProps) => ({
	width: props.width,
	height: props.height,
	fps: props.fps,
	durationInFrames: Math.max(1, props.captures.length),
});

const calculateLyricStillsMetadata: CalculateMetadataFunction<LyricStillsProps> = ({props}) => lyricStillsMetadata(props);

/** The lyric-stills composition as the renderer looks it up, in the project's Root and in songreel's own stills page. */
export const LyricStillsComposition: React.FC = () => (
	<Composition
		id={LYRIC_STILLS_COMPOSITION}
		component={LyricStills}
		defaultProps={{frameWidth: 1280, frameHeight: 720, width: 1280, height: 720, slotHeight: 720, fps: 30, lines: [], captures: []} satisfies LyricStillsProps}
		calculateMetadata={calculateLyricStillsMetadata}
		width={1280}
		height={720}
		fps={30}
		durationInFrames={1}
	/>
);
