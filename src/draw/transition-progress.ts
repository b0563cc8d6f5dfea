/**
 * How far through a transition the picture is at a frame counted from the transition's first frame: linear,
 * 0 on its first frame, clamped to [0, 1]. Remotion's TransitionSeries takes it as its timing and the direct
 * engine blends by it, so both paths draw the same blend.
 */
export const transitionProgressAt = ({frameInTransition, durationInFrames}: {frameInTransition: number; durationInFrames: number}): number =>
	Math.min(1, Math.max(0, frameInTransition / durationInFrames));
