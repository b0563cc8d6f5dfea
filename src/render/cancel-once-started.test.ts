import type {CancelSignal} from '@remotion/renderer';
import {describe, expect, test} from 'vitest';
import {cancelOnceStarted} from './cancel-once-started.ts';

// A cancel signal that has already fired, as Remotion's calls a callback registered after cancellation at once.
const cancelled: CancelSignal = (callback) => callback();

describe('cancelOnceStarted', () => {
	test('holds a cancellation that comes before the render has started until it starts', () => {
		const {cancelSignal, onStart} = cancelOnceStarted(cancelled);
		let calls = 0;
		cancelSignal(() => calls++);
		expect(calls).toBe(0);
		onStart();
		expect(calls).toBe(1);
	});

	test('passes a cancellation on at once after the start, and never before a cancel', () => {
		let cancel = (): void => undefined;
		const {cancelSignal, onStart} = cancelOnceStarted((callback) => {
			cancel = callback;
		});
		let calls = 0;
		cancelSignal(() => calls++);
		onStart();
		expect(calls).toBe(0);
		cancel();
		expect(calls).toBe(1);
	});
});
