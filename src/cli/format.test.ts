import {describe, expect, test} from 'vitest';
import {formatProgressLine} from './format.ts';

describe('formatProgressLine', () => {
	test('counts frames, frames per second and the time left', () => {
		expect(formatProgressLine({label: 'DemoVideo', done: 30, total: 120, elapsedInSeconds: 10, width: 4})).toBe('DemoVideo [#---] 30/120 frames  3.0 fps  0:30 left');
	});

	test('shows work that is not frames (deploying, downloading) in percent', () => {
		expect(formatProgressLine({label: 'x on Lambda, deploying', done: 25, total: 100, elapsedInSeconds: 5, unit: 'percent', width: 4})).toBe('x on Lambda, deploying [#---] 25%  0:15 left');
		expect(formatProgressLine({label: 'x on Lambda, downloading', done: 0, total: 100, elapsedInSeconds: 0, unit: 'percent', width: 4})).toBe('x on Lambda, downloading [----] 0%  ? left');
	});
});
