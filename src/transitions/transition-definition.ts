/**
 * How the direct (browser-free) engine can draw a transition, when it can: `crossfade` blends the entering
 * clip over the exiting one at the transition's progress. Transitions without one are drawn by the browser.
 */
export type DirectTransitionDrawing = {readonly kind: 'crossfade'};

/**
 * A built-in transition: its name in compositions files, the directions it takes (the first is the default;
 * empty when it has none) and how the direct engine draws it. Its browser presentation is registered beside
 * it in `src/remotion/transition-presentations.ts`; the progress rule is shared (`transitionProgressAt`).
 */
export type TransitionDefinition = {
	readonly type: string;
	readonly directions: readonly string[];
	readonly direct: DirectTransitionDrawing | null;
};

/** Types a built-in transition definition, keeping its literal name and directions. */
export const defineTransition = <const T extends TransitionDefinition>(definition: T): T => definition;
