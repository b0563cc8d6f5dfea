import type {TransitionPresentation, TransitionTiming} from '@remotion/transitions';
import {clockWipe} from '@remotion/transitions/clock-wipe';
import {fade} from '@remotion/transitions/fade';
import {flip, type FlipDirection} from '@remotion/transitions/flip';
import {iris} from '@remotion/transitions/iris';
import {slide, type SlideDirection} from '@remotion/transitions/slide';
import {wipe, type WipeDirection} from '@remotion/transitions/wipe';
import {transitionProgressAt} from '../draw/transition-progress.ts';
import type {ResolvedTransition} from '../timeline/resolved-timeline.ts';
import type {BuiltinTransitionType} from '../transitions/builtin-transitions.ts';
import type {SongreelRegistry} from './songreel-registry.ts';

type Size = {readonly width: number; readonly height: number};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- presentations differ only in their props type
type AnyPresentation = TransitionPresentation<any>;

/** The browser presentation of every built-in transition (src/transitions); TypeScript insists on one for each. */
export const BUILTIN_PRESENTATIONS = {
	fade: () => fade(),
	slide: (direction) => slide({direction: direction as SlideDirection}),
	wipe: (direction) => wipe({direction: direction as WipeDirection}),
	flip: (direction) => flip({direction: direction as FlipDirection}),
	iris: (_direction, size) => iris(size),
	clockWipe: (_direction, size) => clockWipe(size),
} satisfies Record<BuiltinTransitionType, (direction: string | null, size: Size) => AnyPresentation>;

/** The presentation of a compiled transition: a built-in one, or the project's own with the compositions file's props. */
export const presentationFor = (transition: ResolvedTransition, size: Size, registry: SongreelRegistry): AnyPresentation => {
	const builtin = (BUILTIN_PRESENTATIONS as Record<string, ((direction: string | null, size: Size) => AnyPresentation) | undefined>)[transition.type];
	if (builtin) {
		return builtin(transition.direction, size);
	}
	const custom = registry.transitions[transition.type];
	if (!custom) {
		throw new Error(`transition "${transition.type}" is not registered in defineProject({transitions})`);
	}
	return custom({...(transition.props ?? {})});
};

/** TransitionSeries' timing for a compiled transition: its length, and progress by the shared rule the direct engine also uses. */
export const timingFor = (transition: ResolvedTransition): TransitionTiming => ({
	getDurationInFrames: () => transition.durationInFrames,
	getProgress: ({frame}) => transitionProgressAt({frameInTransition: frame, durationInFrames: transition.durationInFrames}),
});
