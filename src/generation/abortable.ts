/** Waits `ms`, or less when `signal` aborts; leaves no listener behind either way, so long runs never pile them up. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
	new Promise((resolve) => {
		if (signal?.aborted) {
			resolve();
			return;
		}
		const onAbort = (): void => {
			clearTimeout(timer);
			resolve();
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, {once: true});
	});

/**
 * Runs one call with a signal of its own that follows `signal`. Vendor SDKs add an abort listener to the signal
 * of every request and never remove it; giving each call a fresh signal (and removing our one listener after)
 * keeps the run's signal from collecting hundreds of them (MaxListenersExceededWarning).
 */
export const withCallSignal = async <T>(signal: AbortSignal | undefined, call: (callSignal: AbortSignal) => Promise<T>): Promise<T> => {
	const controller = new AbortController();
	const onAbort = (): void => controller.abort(signal?.reason);
	if (signal?.aborted) {
		controller.abort(signal.reason);
	} else {
		signal?.addEventListener('abort', onAbort, {once: true});
	}
	try {
		return await call(controller.signal);
	} finally {
		signal?.removeEventListener('abort', onAbort);
	}
};
