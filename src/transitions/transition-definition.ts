/** A point or offset in pixels of the output frame (origin top left, y down). */
export type PixelOffset = {readonly x: number; readonly y: number};

/**
 * Where the entering shot shows during a masking transition; the exiting shot shows everywhere else. A
 * half-plane is the points with `a·x + b·y < c` (`(a, b)` a unit vector, pixels), a sector sweeps clockwise from
 * twelve o'clock round the centre, by `sweepInDegrees`.
 */
export type TransitionMask =
	| {readonly kind: 'half-plane'; readonly a: number; readonly b: number; readonly c: number}
	| {readonly kind: 'circle'; readonly centre: PixelOffset; readonly radius: number}
	| {readonly kind: 'sector'; readonly centre: PixelOffset; readonly sweepInDegrees: number};

/**
 * What the direct (browser-free) engine draws at one frame of a transition, the entering shot over the exiting
 * one: a blend at the entering shot's opacity, both shots moved by an offset, the entering shot seen through a
 * mask (and the exiting one through the rest of the frame when `exitingOutsideOnly`), or both turned about the frame's centre line (`axis` y: a vertical line) under a perspective, each shot
 * hidden while its back faces the viewer. The numbers mirror the browser presentation's CSS for the same
 * progress, so both engines draw the same picture.
 */
export type DirectTransitionFrame =
	| {readonly kind: 'blend'; readonly enteringOpacity: number}
	| {readonly kind: 'move'; readonly exiting: PixelOffset; readonly entering: PixelOffset}
	| {readonly kind: 'mask'; readonly mask: TransitionMask; readonly exitingOutsideOnly: boolean}
	| {readonly kind: 'turn'; readonly axis: 'x' | 'y'; readonly exitingDegrees: number; readonly enteringDegrees: number; readonly perspectiveInPx: number};

/** The frame and progress a direct drawing is asked for: progress by `transitionProgressAt`, the direction from the compositions file (null: the default). */
export type DirectTransitionInput = {
	readonly progress: number;
	readonly direction: string | null;
	readonly width: number;
	readonly height: number;
};

/**
 * A built-in transition: its name in compositions files, the directions it takes (the first is the default;
 * empty when it has none) and how the direct engine draws it at a progress (null: only the browser can). Its
 * browser presentation is registered beside it in `src/remotion/transition-presentations.ts`; the progress
 * rule is shared (`transitionProgressAt`).
 */
export type TransitionDefinition = {
	readonly type: string;
	readonly directions: readonly string[];
	readonly direct: ((input: DirectTransitionInput) => DirectTransitionFrame) | null;
};

/** Types a built-in transition definition, keeping its literal name and directions. */
export const defineTransition = <const T extends TransitionDefinition>(definition: T): T => definition;

/** The direction asked for, or the definition's default (its first). */
export const directionOr = (direction: string | null, directions: readonly string[]): string => direction ?? (directions[0] as string);
