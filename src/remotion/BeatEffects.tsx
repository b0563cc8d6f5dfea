import React from 'react';
import {AbsoluteFill, useCurrentFrame} from 'remotion';
import {effectsAt} from '../draw/effects-at.ts';
import type {ResolvedEffects} from '../timeline/resolved-timeline.ts';

/** Applies the compiled beat pulse (scale) and downbeat flash (brightness) to what it wraps. */
export const BeatEffects: React.FC<{readonly effects: ResolvedEffects | null; readonly children: React.ReactNode}> = ({effects, children}) => {
	const {scale, brightness} = effectsAt(effects, useCurrentFrame());
	// A CSS filter, even brightness(1), makes the browser composite the whole frame again: set it only while
	// an effect shows.
	return (
		<AbsoluteFill style={{transform: scale === 1 ? undefined : `scale(${scale})`, filter: brightness === 1 ? undefined : `brightness(${brightness})`}}>{children}</AbsoluteFill>
	);
};
