import {setTimeout as sleep} from 'node:timers/promises';

/**
 * Whether a failed call is worth repeating: an AWS answer in the 4xx range (access denied, no such key, a bad
 * request) says the same thing the next time, except a throttle (429) or a timeout (408); anything else (a reset
 * connection, a 5xx, a function that crashed or timed out) may pass.
 */
export const isTransientFailure = (error: unknown): boolean => {
	const status = (error as {$metadata?: {httpStatusCode?: number}} | null)?.$metadata?.httpStatusCode;
	return status === undefined || status >= 500 || status === 408 || status === 429;
};

/**
 * Repeats a read that changes nothing (a status check, a download) when it fails with a transient failure, after
 * each of the waits in turn; throws the last failure when the waits run out, at once on a permanent one, and stops
 * waiting when the signal aborts.
 */
export const retryRead = async <T>({read, waitsInMilliseconds, signal}: {read: () => Promise<T>; waitsInMilliseconds: readonly number[]; signal?: AbortSignal | undefined}): Promise<T> => {
	for (let attempt = 0; ; attempt++) {
		try {
			return await read();
		} catch (error) {
			const wait = waitsInMilliseconds[attempt];
			if (wait === undefined || !isTransientFailure(error) || signal?.aborted) {
				throw error;
			}
			await sleep(wait, undefined, {signal}).catch(() => {
				throw error;
			});
		}
	}
};
