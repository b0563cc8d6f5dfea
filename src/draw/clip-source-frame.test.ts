import {describe, expect, test} from 'vitest';
import {clipTimeInSecondsAt, sourceFrameIndexAt} from './clip-source-frame.ts';

describe('clipTimeInSecondsAt', () => {
	test('counts from the sequence start, scaled by the speed, after the trim', () => {
		const timing = {sequenceStartFrame: 100, trimBeforeInFrames: 15, playbackRate: 2};
		expect(clipTimeInSecondsAt({timing, frame: 100, fps: 30})).toBeCloseTo(0.5);
		expect(clipTimeInSecondsAt({timing, frame: 130, fps: 30})).toBeCloseTo(2.5);
	});
});

describe('sourceFrameIndexAt', () => {
	test('shows the last clip frame that has started, so a 24 fps clip repeats every fourth frame at 30 fps', () => {
		const indices = Array.from({length: 10}, (_, n) => sourceFrameIndexAt({timeInSeconds: n / 30, sourceFps: 24, frameCount: 100}));
		expect(indices).toEqual([0, 0, 1, 2, 3, 4, 4, 5, 6, 7]);
	});

	test('takes a frame whose timestamp is within a millisecond of the time (float error in either direction)', () => {
		expect(sourceFrameIndexAt({timeInSeconds: 1 / 3 - 1e-9, sourceFps: 30, frameCount: 100})).toBe(10);
		expect(sourceFrameIndexAt({timeInSeconds: 0.3995, sourceFps: 25, frameCount: 100})).toBe(10);
		expect(sourceFrameIndexAt({timeInSeconds: 0.398, sourceFps: 25, frameCount: 100})).toBe(9);
	});

	test('holds the last frame past the end of the clip', () => {
		expect(sourceFrameIndexAt({timeInSeconds: 10, sourceFps: 30, frameCount: 90})).toBe(89);
	});
});
