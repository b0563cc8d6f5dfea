/** Runs long work that Ctrl-C (or SIGTERM) should stop gracefully: the signal aborts it and `message` says what happens next. */
export const withInterrupt = async <T>(message: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
	const controller = new AbortController();
	const onSignal = (): void => {
		process.stderr.write(`\n${message}\n`);
		controller.abort();
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		return await work(controller.signal);
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	}
};
