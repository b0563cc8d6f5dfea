import type {Keyframes} from '../timeline/resolved-timeline.ts';

/** Linear interpolation between keyframes, clamped at both ends (what Remotion's `interpolate` does with clamp). */
export const valueAtFrame = (keyframes: Keyframes, frame: number): number => {
	const {frames, values} = keyframes;
	if (frame <= (frames[0] as number)) {
		return values[0] as number;
	}
	for (let i = 1; i < frames.length; i++) {
		const to = frames[i] as number;
		if (frame <= to) {
			const from = frames[i - 1] as number;
			const progress = (frame - from) / (to - from);
			return (values[i - 1] as number) + progress * ((values[i] as number) - (values[i - 1] as number));
		}
	}
	return values[values.length - 1] as number;
};
