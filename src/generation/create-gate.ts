/**
 * Creates run side by side (shared); a reconciliation runs alone (exclusive), once no create is between sending
 * its request and recording its job id. Otherwise a reconciliation could see a job whose answer is still on its
 * way, think it lost, and give it to another take. Waiting reconciliations go before new creates.
 */
export type CreateGate = {
	readonly shared: <T>(work: () => Promise<T>) => Promise<T>;
	readonly exclusive: <T>(work: () => Promise<T>) => Promise<T>;
};

/** A gate between creates and reconciliations, for one run. */
export const createCreateGate = (): CreateGate => {
	let sharedHolders = 0;
	let exclusiveHeld = false;
	let exclusiveWaiting = 0;
	let waiters: (() => void)[] = [];
	const wake = (): void => {
		const woken = waiters;
		waiters = [];
		for (const resolve of woken) {
			resolve();
		}
	};
	const nextChange = (): Promise<void> => new Promise<void>((resolve) => waiters.push(resolve));
	return {
		// Each check and the claim after it run with no await between them: a waiter woken with others must not pass
		// a check that another one woken beside it makes false before this one claims the gate.
		shared: async (work) => {
			while (exclusiveHeld || exclusiveWaiting > 0) {
				await nextChange();
			}
			sharedHolders++;
			try {
				return await work();
			} finally {
				sharedHolders--;
				wake();
			}
		},
		exclusive: async (work) => {
			exclusiveWaiting++;
			while (exclusiveHeld || sharedHolders > 0) {
				await nextChange();
			}
			exclusiveWaiting--;
			exclusiveHeld = true;
			try {
				return await work();
			} finally {
				exclusiveHeld = false;
				wake();
			}
		},
	};
};
