import React from 'react';
import {AbsoluteFill, interpolate, useCurrentFrame} from 'remotion';
import type {Keyframes, ResolvedEffects} from '../timeline/resolved-timeline.ts';

const at = (frame: number, keyframes: Keyframes | null): number =>
	keyframes === null ? 1 : interpolate(frame, keyframes.frames as number[], keyframes.values as number[], {extrapolateLeft: 'clamp', extrapolateRight: 'clamp'});

/** Applies the compiled beat pulse (scale) and downbeat flash (brightness) to what it wraps. */
export const BeatEffects: React.FC<{readonly effects: ResolvedEffects | null; readonly children: React.ReactNode}> = ({effects, children}) => {
	const frame = useCurrentFrame();
	const scale = at(frame, effects?.scale ?? null);
	const brightness = at(frame, effects?.brightness ?? null);
	// A CSS filter, even brightness(1), makes the browser composite the whole frame again: set it only while
	// an effect shows.
	return (
		<AbsoluteFill style={{transform: scale === 1 ? undefined : `scale(${scale})`, filter: brightness === 1 ? undefined : `brightness(${brightness})`}}>{children}</AbsoluteFill>
	);
};
