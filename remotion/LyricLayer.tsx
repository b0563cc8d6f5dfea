import React from 'react';
import {AbsoluteFill, interpolate, useCurrentFrame} from 'remotion';
import type {ResolvedLyricLine} from '../src/timeline/resolved-timeline';

const JUSTIFY = {top: 'flex-start', center: 'center', bottom: 'flex-end'} as const;

const LyricLineView: React.FC<{readonly line: ResolvedLyricLine; readonly frame: number}> = ({line, frame}) => {
	const {style} = line;
	const opacity = interpolate(frame, line.opacity.frames as number[], line.opacity.values as number[], {extrapolateLeft: 'clamp', extrapolateRight: 'clamp'});
	const words = style.wordHighlight && line.words ? line.words : null;
	return (
		<AbsoluteFill style={{justifyContent: JUSTIFY[style.position], alignItems: 'center', padding: '6% 8%'}}>
			<div
				style={{
					opacity,
					color: style.color,
					fontFamily: style.fontFamily,
					fontWeight: style.fontWeight,
					fontSize: style.fontSizeInPx,
					lineHeight: 1.2,
					textAlign: 'center',
					whiteSpace: 'pre-line',
					textShadow: '0 2px 12px rgba(0,0,0,0.85), 0 0 2px rgba(0,0,0,0.9)',
				}}
			>
				{words
					? words.map((word, index) => (
							<span key={`${word.startFrame}:${index}`} style={{color: frame >= word.startFrame ? style.highlightColor : style.color}}>
								{index > 0 ? ' ' : ''}
								{word.text}
							</span>
						))
					: line.text}
			</div>
		</AbsoluteFill>
	);
};

/** Draws the lyric lines on screen at the current frame; lines and words carry absolute frames from the compiler. */
export const LyricLayer: React.FC<{readonly lines: readonly ResolvedLyricLine[]}> = ({lines}) => {
	const frame = useCurrentFrame();
	return (
		<AbsoluteFill>
			{lines
				.filter((line) => line.startFrame <= frame && frame < line.endFrame)
				.map((line) => (
					<LyricLineView key={line.startFrame} line={line} frame={frame} />
				))}
		</AbsoluteFill>
	);
};
