/** Where a playing clip segment sits: the frame its sequence starts on, its trim and its speed. */
export type SegmentTiming = {
	/** Absolute frame of the video on which the segment's sequence starts (its local frame 0). */
	readonly sequenceStartFrame: number;
	/** Frames (at the video's fps) trimmed off the clip's start, as Remotion's `trimBefore` takes them. */
	readonly trimBeforeInFrames: number;
	readonly playbackRate: number;
};

/** The clip time shown at a frame of the video, as `@remotion/media`'s Video computes it. */
export const clipTimeInSecondsAt = ({timing, frame, fps}: {timing: SegmentTiming; frame: number; fps: number}): number =>
	((frame - timing.sequenceStartFrame) / fps) * timing.playbackRate + timing.trimBeforeInFrames / fps;

const roundToMilliseconds = (seconds: number): number => Math.round(seconds * 1000) / 1000;

/**
 * Which frame of a constant-rate clip shows at a clip time: the last one whose timestamp is not after it, with
 * timestamps compared to the millisecond (the rule `@remotion/media` applies), held at the last frame.
 */
export const sourceFrameIndexAt = ({timeInSeconds, sourceFps, frameCount}: {timeInSeconds: number; sourceFps: number; frameCount: number}): number => {
	const shows = (index: number): boolean => roundToMilliseconds(index / sourceFps) <= roundToMilliseconds(timeInSeconds) || Math.abs(index / sourceFps - timeInSeconds) <= 0.001;
	let index = Math.max(0, Math.floor(timeInSeconds * sourceFps) - 1);
	while (index + 1 < frameCount && shows(index + 1)) {
		index++;
	}
	return Math.min(index, frameCount - 1);
};
