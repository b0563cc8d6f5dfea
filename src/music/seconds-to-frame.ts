// Floating-point products like 0.1 * 30 land a hair below x.5; this nudge makes halves round up consistently.
const EPSILON = 1e-9;

/** The frame a moment falls on: the nearest frame start, so every position is within half a frame of its time. */
export const secondsToFrame = (seconds: number, fps: number): number => Math.floor(seconds * fps + 0.5 + EPSILON);

/** Start time of a frame. */
export const frameToSeconds = (frame: number, fps: number): number => frame / fps;
