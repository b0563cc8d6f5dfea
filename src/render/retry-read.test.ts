import {describe, expect, test} from 'vitest';
import {isTransientFailure, retryRead} from './retry-read.ts';

// An AWS SDK error as the SDK shapes it: the HTTP status in $metadata.
const awsError = (httpStatusCode: number): Error => Object.assign(new Error(`HTTP ${httpStatusCode}`), {$metadata: {httpStatusCode}});

// A read that fails with each of `failures` in turn, then answers 'done'; counts its calls.
const flakyRead = (failures: readonly Error[]) => {
	const calls = {count: 0};
	const read = async (): Promise<string> => {
		const failure = failures[calls.count++];
		if (failure) {
			throw failure;
		}
		return 'done';
	};
	return {read, calls};
};

describe('retryRead', () => {
	test('asks again after a reset connection, a 5xx and a throttle, and returns the answer', async () => {
		const {read, calls} = flakyRead([new Error('read ECONNRESET'), awsError(503), awsError(429)]);
		await expect(retryRead({read, waitsInMilliseconds: [0, 0, 0]})).resolves.toBe('done');
		expect(calls.count).toBe(4);
	});

	test('throws the last failure when the waits run out', async () => {
		const {read, calls} = flakyRead([new Error('first'), new Error('second'), new Error('third')]);
		await expect(retryRead({read, waitsInMilliseconds: [0, 0]})).rejects.toThrow('third');
		expect(calls.count).toBe(3);
	});

	test('does not ask again after a refusal that will not change (403, 404)', async () => {
		const {read, calls} = flakyRead([awsError(403)]);
		await expect(retryRead({read, waitsInMilliseconds: [0, 0]})).rejects.toThrow('HTTP 403');
		expect(calls.count).toBe(1);
	});

	test('stops waiting as soon as the signal aborts', async () => {
		const {read, calls} = flakyRead([new Error('lost'), new Error('lost again')]);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 20);
		const started = performance.now();
		await expect(retryRead({read, waitsInMilliseconds: [60_000, 60_000], signal: controller.signal})).rejects.toThrow('lost');
		expect(performance.now() - started).toBeLessThan(30_000);
		expect(calls.count).toBe(1);
	});

	test.each([
		[new Error('socket hang up'), true],
		[awsError(500), true],
		[awsError(408), true],
		[awsError(429), true],
		[awsError(400), false],
		[awsError(404), false],
	])('%s is transient: %s', (error, transient) => {
		expect(isTransientFailure(error)).toBe(transient);
	});
});
