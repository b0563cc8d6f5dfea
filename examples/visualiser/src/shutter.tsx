import type {TransitionPresentation, TransitionPresentationComponentProps} from '@remotion/transitions';
import React from 'react';
import {AbsoluteFill} from 'remotion';

type ShutterProps = {readonly blades: number};

// Horizontal blades: in each, the entering shot shows above the edge (a share `progress` of the blade), the exiting
// shot below it, so the two always fill the frame between them.
const Shutter: React.FC<TransitionPresentationComponentProps<ShutterProps>> = ({children, presentationDirection, presentationProgress, passedProps}) => {
	const blade = 100 / passedProps.blades;
	const [above, below] = presentationDirection === 'entering' ? ['black', 'transparent'] : ['transparent', 'black'];
	const stops = Array.from({length: passedProps.blades}, (_, i) => {
		const edge = i * blade + blade * presentationProgress;
		return `${above} ${i * blade}%, ${above} ${edge}%, ${below} ${edge}%, ${below} ${(i + 1) * blade}%`;
	});
	const mask = `linear-gradient(to bottom, ${stops.join(', ')})`;
	return <AbsoluteFill style={{maskImage: mask, WebkitMaskImage: mask}}>{children}</AbsoluteFill>;
};

/** A transition of this project's own, used by name like the built-in ones: `{type: 'shutter', props: {blades: 6}}`. */
export const shutter = (props: Partial<ShutterProps> = {}): TransitionPresentation<ShutterProps> => ({component: Shutter, props: {blades: props.blades ?? 6}});
