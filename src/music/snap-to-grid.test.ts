import {describe, expect, test} from 'vitest';
import {tempoSchema} from '../schemas/tempo-schema.ts';
import {snapToGrid} from './snap-to-grid.ts';
import {createTempoMap} from './tempo-map.ts';

describe('snapToGrid', () => {
	const map = createTempoMap(tempoSchema.parse({bpm: 120, firstDownbeatInSeconds: 0.1, changes: [{atBar: 3, beatsPerBar: 3}]}));
	test.each([
		{seconds: 1.3, unit: 'beat', expected: 1.1},
		{seconds: 1.4, unit: 'beat', expected: 1.6},
		{seconds: 1.3, unit: 'downbeat', expected: 2.1},
		{seconds: 0.9, unit: 'downbeat', expected: 0.1},
		// Bar 3 (4.1 s) starts 3/4: bar 4 is at 5.6 s.
		{seconds: 5.0, unit: 'downbeat', expected: 5.6},
		{seconds: 4.7, unit: 'downbeat', expected: 4.1},
	] as const)('moves $seconds s to the nearest $unit at $expected s', ({seconds, unit, expected}) => {
		expect(snapToGrid(map, seconds, unit)).toBeCloseTo(expected, 9);
	});
});
