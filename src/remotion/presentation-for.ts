import type {TransitionPresentation} from '@remotion/transitions';
import {clockWipe} from '@remotion/transitions/clock-wipe';
import {fade} from '@remotion/transitions/fade';
import {flip, type FlipDirection} from '@remotion/transitions/flip';
import {iris} from '@remotion/transitions/iris';
import {slide, type SlideDirection} from '@remotion/transitions/slide';
import {wipe, type WipeDirection} from '@remotion/transitions/wipe';
import type {ResolvedTransition} from '../timeline/resolved-timeline.ts';

/** Maps a compiled transition to its @remotion/transitions presentation. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- presentations differ only in their props type
export const presentationFor = (transition: ResolvedTransition, size: {width: number; height: number}): TransitionPresentation<any> => {
	switch (transition.type) {
		case 'fade':
			return fade();
		case 'slide':
			return slide({direction: transition.direction as SlideDirection});
		case 'wipe':
			return wipe({direction: transition.direction as WipeDirection});
		case 'flip':
			return flip({direction: transition.direction as FlipDirection});
		case 'iris':
			return iris(size);
		case 'clockWipe':
			return clockWipe(size);
		default: {
			const unknown: never = transition.type;
			throw new Error(`No presentation for transition ${String(unknown)}`);
		}
	}
};
