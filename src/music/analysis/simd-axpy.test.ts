import {describe, expect, test} from 'vitest';
import {createSimdHeap} from './simd-axpy.ts';

describe('createSimdHeap', () => {
	test('adds w times a row onto another, at any offsets and lengths, four lanes and the rest', () => {
		const heap = createSimdHeap(48);
		const input = heap.allocate(23);
		const output = heap.allocate(23);
		heap.floats.set(Array.from({length: 23}, (_, i) => i), input);
		heap.floats.fill(1, output, output + 23);
		// Unaligned on both sides, and a length that is not a multiple of four.
		heap.axpy(output + 1, input + 2, 0.5, 19);
		const result = Array.from(heap.floats.subarray(output, output + 23));
		expect(result).toEqual(Array.from({length: 23}, (_, k) => (k >= 1 && k < 20 ? 1 + 0.5 * (k + 1) : 1)));
	});

	test('holds what it was made for past the first page, one view throughout, and refuses more', () => {
		const heap = createSimdHeap(100_008);
		const view = heap.floats;
		const first = heap.allocate(8);
		view[first] = 42;
		const big = heap.allocate(100_000);
		heap.axpy(big + 99_990, first, 2, 1);
		expect(heap.floats).toBe(view);
		expect(view[first]).toBe(42);
		expect(view[big + 99_990]).toBe(84);
		expect(() => heap.allocate(1)).toThrow('100012 floats wanted, 100008 reserved');
	});
});
