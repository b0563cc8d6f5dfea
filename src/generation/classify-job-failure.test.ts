import {describe, expect, test} from 'vitest';
import {classifyJobFailure} from './classify-job-failure.ts';

describe('classifyJobFailure', () => {
	test.each([
		['an internal error is retried and billed', {code: 'internal_error', message: 'Please try again.'}, {retryable: true, billed: true}],
		['a "try again" message is retried whatever its code', {code: 'failed', message: 'Generation failed, try again later'}, {retryable: true, billed: true}],
		['moderation is final and free', {code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.'}, {retryable: false, billed: false}],
		['an unknown failure is final and billed', {code: 'invalid_prompt', message: 'The prompt could not be used.'}, {retryable: false, billed: true}],
	])('%s', (_name, error, expected) => {
		expect(classifyJobFailure(error)).toEqual(expected);
	});
});
