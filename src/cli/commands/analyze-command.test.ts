import {describe, expect, test} from 'vitest';
import {type AnalysisFacts, type AnalysisFile, mergeAnalysis} from './analyze-command.ts';

const fragment = (bpm: number, firstDownbeatInSeconds: number, sectionStarts: string[], beatsInSeconds = [0.5, 1, 1.5, 2]) => ({
	tempo: {bpm, beatsPerBar: 4 as 3 | 4, firstDownbeatInSeconds, changes: []},
	sections: sectionStarts.map((start, i) => ({id: `section-${i + 1}`, start})),
	beatsInSeconds,
	downbeatsInSeconds: [beatsInSeconds[0] ?? 0],
});

const facts: AnalysisFacts = {confidence: 0.9, envelopes: {framesPerSecond: 100, loudnessInDb: [-20, -18], onsetStrength: [0, 1]}};

describe('analyze --write', () => {
	const machine = fragment(119.8, 0.51, ['0s', '9']);
	const previous: AnalysisFile = {...fragment(120, 0.51, ['0s', '9', '17'], [0.5, 1.02, 1.5, 2]), ...facts, machine};
	const found = fragment(119.9, 0.5, ['0s', '9', '25'], [0.5, 1, 1.5, 2.01]);

	test('keeps what the user changed by hand (tempo fields, sections, the beat list) and updates the rest', () => {
		const {merged, kept} = mergeAnalysis({previous, found, facts, force: false});
		expect(merged.tempo).toEqual({bpm: 120, beatsPerBar: 4, firstDownbeatInSeconds: 0.5, changes: []});
		expect(merged.sections).toEqual(previous.sections);
		expect(merged.beatsInSeconds).toEqual([0.5, 1.02, 1.5, 2]);
		expect(merged.downbeatsInSeconds).toEqual(found.downbeatsInSeconds);
		expect(merged.machine).toEqual(found);
		expect(kept).toEqual(['bpm', 'sections', 'beatsInSeconds']);
	});

	test('always replaces the measured facts: confidence and envelopes', () => {
		const newer: AnalysisFacts = {confidence: 0.2, envelopes: {framesPerSecond: 100, loudnessInDb: [-30], onsetStrength: [0.5]}};
		const {merged} = mergeAnalysis({previous, found, facts: newer, force: false});
		expect(merged.confidence).toBe(0.2);
		expect(merged.envelopes).toEqual(newer.envelopes);
	});

	test('replaces everything with --force, and writes a fresh file the first time', () => {
		expect(mergeAnalysis({previous, found, facts, force: true}).merged).toEqual({...found, ...facts, machine: found});
		expect(mergeAnalysis({previous: null, found, facts, force: false})).toEqual({merged: {...found, ...facts, machine: found}, kept: []});
	});
});
