import React from 'react';
import {AbsoluteFill, interpolate, useCurrentFrame} from 'remotion';
import type {Keyframes, ResolvedEffects} from '../src/timeline/resolved-timeline';

const at = (frame: number, keyframes: Keyframes | null): number =>
	keyframes === null ? 1 : interpolate(frame, keyframes.frames as number[], keyframes.values as number[], {extrapolateLeft: 'clamp', extrapolateRight: 'clamp'});

/** Applies the compiled beat pulse (scale) and downbeat flash (brightness) to what it wraps. */
export const BeatEffects: React.FC<{readonly effects: ResolvedEffects | null; readonly children: React.ReactNode}> = ({effects, children}) => {
	const frame = useCurrentFrame();
	if (effects === null) {
		return <>{children}</>;
	}
	return <AbsoluteFill style={{transform: `scale(${at(frame, effects.scale)})`, filter: `brightness(${at(frame, effects.brightness)})`}}>{children}</AbsoluteFill>;
};
