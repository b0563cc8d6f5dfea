import {describe, expect, test} from 'vitest';
import {tempoSchema} from '../schemas/tempo-schema.ts';
import {positionToSeconds} from './position-to-seconds.ts';
import {secondsToFrame} from './seconds-to-frame.ts';
import {barToBeats, beatsToSeconds, createTempoMap, secondsToBeats, TempoMapError} from './tempo-map.ts';

const mapOf = (input: Parameters<typeof tempoSchema.parse>[0]) => createTempoMap(tempoSchema.parse(input));

describe('beatsToSeconds', () => {
	test.each([
		{bpm: 120, first: 0, beats: 0, seconds: 0},
		{bpm: 120, first: 0, beats: 1, seconds: 0.5},
		{bpm: 120, first: 0.25, beats: 4, seconds: 2.25},
		{bpm: 93.5, first: 0, beats: 93.5, seconds: 60},
		{bpm: 60, first: 1, beats: -1, seconds: 0},
	])('puts beat $beats at $seconds s at $bpm bpm with the first downbeat at $first s', ({bpm, first, beats, seconds}) => {
		expect(beatsToSeconds(mapOf({bpm, firstDownbeatInSeconds: first}), beats)).toBeCloseTo(seconds, 12);
	});

	test('inverts secondsToBeats across tempo and metre changes', () => {
		const map = mapOf({bpm: 100, changes: [{atBar: 9, bpm: 140}, {atBar: 17, beatsPerBar: 3, bpm: 90}]});
		for (const beats of [0, 3.5, 31.99, 32, 32.01, 63, 64, 64.5, 100]) {
			expect(secondsToBeats(map, beatsToSeconds(map, beats))).toBeCloseTo(beats, 9);
		}
	});
});

describe('tempo changes', () => {
	test('start at the downbeat of their bar, counted in the previous metre', () => {
		const map = mapOf({bpm: 120, changes: [{atBar: 3, bpm: 60, beatsPerBar: 3}, {atBar: 5, bpm: 120}]});
		// Bars 1-2: 8 beats at 0.5 s. Bars 3-4: 6 beats at 1 s. Bar 5 onwards: 3/4 at 0.5 s.
		expect(positionToSeconds(map, '3')).toBeCloseTo(4, 12);
		expect(positionToSeconds(map, '5')).toBeCloseTo(10, 12);
		expect(positionToSeconds(map, '6:2')).toBeCloseTo(12, 12);
		expect(barToBeats(map, 6, 2)).toBe(8 + 6 + 3 + 1);
	});

	test('must come in increasing bar order', () => {
		expect(() => mapOf({bpm: 120, changes: [{atBar: 9, bpm: 100}, {atBar: 5, bpm: 90}]})).toThrow(TempoMapError);
	});
});

describe('positions', () => {
	test.each([
		['1', 0.5],
		['1:1', 0.5],
		['1:3', 1.5],
		['2:1.5', 2.75],
		['12.5s', 12.5],
	])('"%s" is at %f s at 120 bpm with the first downbeat at 0.5 s', (position, seconds) => {
		expect(positionToSeconds(mapOf({bpm: 120, firstDownbeatInSeconds: 0.5}), position)).toBeCloseTo(seconds, 12);
	});
});

describe('frames from musical time', () => {
	const FOUR_MINUTES = 240;
	test.each([
		{bpm: 93.5, fps: 24, first: 0.37},
		{bpm: 93.5, fps: 25, first: 0},
		{bpm: 93.5, fps: 30, first: 1.234},
		{bpm: 128, fps: 29.97, first: 0.1},
		{bpm: 174, fps: 30, first: 0.05},
		{bpm: 61.3, fps: 60, first: 2},
	])('every beat of a 4-minute song at $bpm bpm lands within half a frame at $fps fps, with no drift', ({bpm, fps, first}) => {
		const map = mapOf({bpm, firstDownbeatInSeconds: first});
		let steppedBeats = 0;
		for (let beat = 0; beatsToSeconds(map, beat) < FOUR_MINUTES; beat++) {
			const exact = beatsToSeconds(map, beat);
			const frame = secondsToFrame(exact, fps);
			expect(Math.abs(frame / fps - exact)).toBeLessThanOrEqual(0.5 / fps + 1e-9);
			// Reached by 1-beat steps or in one jump, a beat is the same frame: positions are never sums of rounded lengths.
			expect(secondsToFrame(beatsToSeconds(map, steppedBeats), fps)).toBe(frame);
			steppedBeats += 1;
		}
	});

	test('rounds halves up consistently despite floating-point error', () => {
		expect(secondsToFrame(0.05, 30)).toBe(2);
		expect(secondsToFrame(0.15, 30)).toBe(5);
		expect(secondsToFrame(1 / 60, 30)).toBe(1);
	});
});
