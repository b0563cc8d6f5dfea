import {expect, test} from 'vitest';
import {createCreateGate} from './create-gate.ts';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

test('lets one reconciliation in at a time when several wait behind another', async () => {
	const gate = createCreateGate();
	let inside = 0;
	let most = 0;
	const reconcile = (): Promise<void> =>
		gate.exclusive(async () => {
			inside++;
			most = Math.max(most, inside);
			await tick();
			inside--;
		});
	await Promise.all([reconcile(), reconcile(), reconcile(), reconcile()]);
	expect(most).toBe(1);
});

test('never runs a create beside a reconciliation, whichever was woken first', async () => {
	const gate = createCreateGate();
	const running = {creates: 0, reconciles: 0};
	let overlaps = 0;
	const create = (): Promise<void> =>
		gate.shared(async () => {
			running.creates++;
			overlaps += running.reconciles > 0 ? 1 : 0;
			await tick();
			running.creates--;
		});
	const reconcile = (): Promise<void> =>
		gate.exclusive(async () => {
			running.reconciles++;
			overlaps += running.creates > 0 || running.reconciles > 1 ? 1 : 0;
			await tick();
			running.reconciles--;
		});
	await Promise.all([create(), reconcile(), create(), reconcile(), create(), reconcile(), create()]);
	expect(overlaps).toBe(0);
});
