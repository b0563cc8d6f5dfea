import {describe, expect, test} from 'vitest';
import {type AnalysisFile, mergeAnalysis} from './analyze-command.ts';

const fragment = (bpm: number, firstDownbeatInSeconds: number, sectionStarts: string[]) => ({
	tempo: {bpm, beatsPerBar: 4 as 3 | 4, firstDownbeatInSeconds, changes: []},
	sections: sectionStarts.map((start, i) => ({id: `section-${i + 1}`, start})),
});

describe('analyze --write', () => {
	const machine = fragment(119.8, 0.51, ['0s', '9']);
	const previous: AnalysisFile = {...fragment(120, 0.51, ['0s', '9', '17']), machine};
	const found = fragment(119.9, 0.5, ['0s', '9', '25']);

	test('keeps what the user changed by hand and updates the rest', () => {
		const {merged, kept} = mergeAnalysis({previous, found, force: false});
		expect(merged.tempo).toEqual({bpm: 120, beatsPerBar: 4, firstDownbeatInSeconds: 0.5, changes: []});
		expect(merged.sections).toEqual(previous.sections);
		expect(merged.machine).toEqual(found);
		expect(kept).toEqual(['bpm', 'sections']);
	});

	test('replaces everything with --force, and writes a fresh file the first time', () => {
		expect(mergeAnalysis({previous, found, force: true}).merged).toEqual({...found, machine: found});
		expect(mergeAnalysis({previous: null, found, force: false})).toEqual({merged: {...found, machine: found}, kept: []});
	});
});
