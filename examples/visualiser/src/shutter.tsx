import type {TransitionPresentation, TransitionPresentationComponentProps} from '@remotion/transitions';
import React from 'react';
import {AbsoluteFill} from 'remotion';

type ShutterProps = {readonly blades: number};

// The exiting shot closes behind horizontal blades; the entering one opens from them.
const Shutter: React.FC<TransitionPresentationComponentProps<ShutterProps>> = ({children, presentationDirection, presentationProgress, passedProps}) => {
	const open = presentationDirection === 'entering' ? presentationProgress : 1 - presentationProgress;
	const blade = 100 / passedProps.blades;
	const stops = Array.from({length: passedProps.blades}, (_, i) => `transparent ${i * blade}%, transparent ${i * blade + blade * open}%, black ${i * blade + blade * open}%, black ${(i + 1) * blade}%`);
	const mask = `linear-gradient(to bottom, ${stops.join(', ')})`.replace(/transparent/g, 'TMP').replace(/black/g, 'transparent').replace(/TMP/g, 'black');
	return <AbsoluteFill style={{maskImage: mask, WebkitMaskImage: mask}}>{children}</AbsoluteFill>;
};

/** A transition of this project's own, used by name like the built-in ones: `{type: 'shutter', props: {blades: 6}}`. */
export const shutter = (props: Partial<ShutterProps> = {}): TransitionPresentation<ShutterProps> => ({component: Shutter, props: {blades: props.blades ?? 6}});
