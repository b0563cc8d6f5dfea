import {describe, expect, test} from 'vitest';
import {createSimdHeap} from './simd-axpy.ts';

describe('createSimdHeap', () => {
	test('adds w times a row onto another, at any offsets and lengths, four lanes and the rest', () => {
		const heap = createSimdHeap();
		const input = heap.allocate(23);
		const output = heap.allocate(23);
		heap.floats().set(Array.from({length: 23}, (_, i) => i), input);
		heap.floats().fill(1, output, output + 23);
		// Unaligned on both sides, and a length that is not a multiple of four.
		heap.axpy(output + 1, input + 2, 0.5, 19);
		const result = Array.from(heap.floats().subarray(output, output + 23));
		expect(result).toEqual(Array.from({length: 23}, (_, k) => (k >= 1 && k < 20 ? 1 + 0.5 * (k + 1) : 1)));
	});

	test('grows its memory past the first page and keeps what it held', () => {
		const heap = createSimdHeap();
		const first = heap.allocate(8);
		heap.floats()[first] = 42;
		const big = heap.allocate(100_000);
		heap.axpy(big + 99_990, first, 2, 1);
		expect(heap.floats()[first]).toBe(42);
		expect(heap.floats()[big + 99_990]).toBe(84);
	});
});
