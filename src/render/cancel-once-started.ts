import type {CancelSignal} from '@remotion/renderer';

/**
 * A cancel signal for one Remotion `renderFrames` call, with the `onStart` to give it. `renderFrames` cancelled
 * before its file server is up never closes that server (it registers the server's clean-up after it has cleaned
 * up), which keeps the process alive; so the cancellation is passed on once the render has started (`onStart`
 * comes after the server is up), at once if it comes later.
 */
export const cancelOnceStarted = (cancelSignal: CancelSignal): {cancelSignal: CancelSignal; onStart: () => void} => {
	let started = false;
	const deferred: (() => void)[] = [];
	return {
		cancelSignal: (callback) =>
			cancelSignal(() => {
				if (started) {
					callback();
				} else {
					deferred.push(callback);
				}
			}),
		onStart: () => {
			started = true;
			for (const callback of deferred.splice(0)) {
				callback();
			}
		},
	};
};
