import React, {useContext} from 'react';
import {AbsoluteFill, useCurrentFrame, useVideoConfig} from 'remotion';
import {LYRIC_LINE_HEIGHT, lyricLayout, lyricTextShadowCss} from '../draw/lyric-layout.ts';
import {type LyricLineState, lyricLineStateAt, lyricWordsAt, visibleLyricLinesAt} from '../draw/lyric-line-state.ts';
import type {ResolvedLyricLine} from '../timeline/resolved-timeline.ts';
import {RegistryContext} from './songreel-context.ts';

const JUSTIFY = {top: 'flex-start', center: 'center', bottom: 'flex-end'} as const;

/**
 * One lyric line in a given state, laid out in a frame of the given size by `lyricLayout`; the direct renderer takes
 * stills of it at full opacity and fades them itself.
 */
export const LyricLineView: React.FC<{readonly line: ResolvedLyricLine; readonly state: LyricLineState; readonly frameWidth: number; readonly frameHeight: number}> = ({line, state, frameWidth, frameHeight}) => {
	const {style} = line;
	const words = style.wordHighlight && line.words ? line.words : null;
	const {marginXInPx, marginYInPx, maxLineWidthInPx} = lyricLayout({frameWidth, frameHeight});
	return (
		<AbsoluteFill style={{justifyContent: JUSTIFY[style.position], alignItems: 'center', padding: `${marginYInPx}px ${marginXInPx}px`}}>
			<div
				style={{
					opacity: state.opacity,
					color: style.color,
					fontFamily: style.fontFamily,
					fontWeight: style.fontWeight,
					fontSize: style.fontSizeInPx,
					lineHeight: LYRIC_LINE_HEIGHT,
					textAlign: 'center',
					whiteSpace: 'pre-line',
					maxWidth: maxLineWidthInPx,
					textWrap: 'balance',
					overflowWrap: 'break-word',
					textShadow: lyricTextShadowCss(),
				}}
			>
				{words
					? words.map((word, index) => (
							<span key={`${word.startFrame}:${index}`} style={{color: index < state.highlightedWords ? style.highlightColor : style.color}}>
								{index > 0 ? ' ' : ''}
								{word.text}
							</span>
						))
					: line.text}
			</div>
		</AbsoluteFill>
	);
};

/**
 * Draws the lyric lines on screen at the current frame (lines and words carry absolute frames from the compiler),
 * each with the built-in view or the project's own renderer its style names.
 */
export const LyricLayer: React.FC<{readonly lines: readonly ResolvedLyricLine[]}> = ({lines}) => {
	const frame = useCurrentFrame();
	const {width, height} = useVideoConfig();
	const layout = lyricLayout({frameWidth: width, frameHeight: height});
	const {lyricRenderers} = useContext(RegistryContext);
	return (
		<AbsoluteFill>
			{visibleLyricLinesAt(lines, frame).map(({line, index}) => {
				const state = lyricLineStateAt(line, frame);
				const Renderer = line.style.renderer === null ? null : lyricRenderers[line.style.renderer];
				if (line.style.renderer !== null && !Renderer) {
					throw new Error(`lyric renderer "${line.style.renderer}" is not registered in defineProject({lyricRenderers})`);
				}
				return Renderer ? (
					<AbsoluteFill key={index}>
						<Renderer line={line} words={lyricWordsAt(line, frame)} opacity={state.opacity} progress={(frame - line.startFrame) / (line.endFrame - line.startFrame)} frame={frame} layout={layout} />
					</AbsoluteFill>
				) : (
					<LyricLineView key={index} line={line} state={state} frameWidth={width} frameHeight={height} />
				);
			})}
		</AbsoluteFill>
	);
};
