import {describe, expect, test} from 'vitest';
import {nextPollInMs} from './run-generation.ts';

const timings = {firstPollInMs: 5_000, maxPollInMs: 30_000, retryBaseInMs: 2_000, maxAttempts: 5};

describe('nextPollInMs', () => {
	test.each([
		{progress: 0, elapsedInMs: 5_000, backoffInMs: 7_500, expected: 7_500},
		{progress: 50, elapsedInMs: 10_000, backoffInMs: 7_500, expected: 10_500},
		{progress: 90, elapsedInMs: 27_000, backoffInMs: 7_500, expected: 3_150},
		{progress: 99, elapsedInMs: 29_700, backoffInMs: 7_500, expected: 1_000},
		{progress: 10, elapsedInMs: 60_000, backoffInMs: 7_500, expected: 30_000},
	])('waits $expected ms at $progress% after $elapsedInMs ms', ({progress, elapsedInMs, backoffInMs, expected}) => {
		expect(nextPollInMs({progress, elapsedInMs, backoffInMs, timings})).toBeCloseTo(expected, 6);
	});
});
