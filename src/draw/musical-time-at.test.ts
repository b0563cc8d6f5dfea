import {describe, expect, test} from 'vitest';
import {songSchema} from '../schemas/song-schema.ts';
import {videoSchema} from '../schemas/video-schema.ts';
import {compileTimeline} from '../timeline/compile-timeline.ts';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {musicalTimeAt} from './musical-time-at.ts';

// 120 bpm from 0.5 s (a one-beat pickup), 4/4; at bar 3 it turns to 3/4 at 90 bpm. 30 fps: a beat is 15 frames,
// then 20 frames after the change. Bars 1–2: frames 15–135; bar 3 starts at frame 135.
const compile = (analysis?: {framesPerSecond: number; loudnessInDb: number[]; onsetStrength: number[]}): ResolvedTimeline =>
	compileTimeline({
		song: songSchema.parse({
			audio: 'song.wav',
			tempo: {bpm: 120, firstDownbeatInSeconds: 0.5, changes: [{atBar: 3, bpm: 90, beatsPerBar: 3}]},
			sections: [{id: 'intro'}, {id: 'verse', start: '2'}, {id: 'waltz', start: '3'}],
			lyrics: {lines: [{at: '2', end: '2:3', text: 'one two'}, {at: '3', text: 'three'}]},
		}),
		video: videoSchema.parse({id: 'V', sections: {intro: {filler: '#000'}, verse: {filler: '#111'}, waltz: {filler: '#222'}}}),
		facts: {song: {durationInSeconds: 8}, clips: {}, ...(analysis ? {analysis: {envelopes: analysis, beatsInSeconds: null, downbeatsInSeconds: null}} : {})},
	}).timeline;

describe('musicalTimeAt', () => {
	const timeline = compile();
	test.each([
		// frame, bar, beat in bar, beats per bar, bpm, beat progress, section
		[0, 0, 4, 4, 120, 0, 'intro'],
		[15, 1, 1, 4, 120, 0, 'intro'],
		[22.5, 1, 1, 4, 120, 0.5, 'intro'],
		[30, 1, 2, 4, 120, 0, 'intro'],
		[75, 2, 1, 4, 120, 0, 'verse'],
		[134, 2, 4, 4, 120, 14 / 15, 'verse'],
		[135, 3, 1, 3, 90, 0, 'waltz'],
		[155, 3, 2, 3, 90, 0, 'waltz'],
		[195, 4, 1, 3, 90, 0, 'waltz'],
	])('at frame %d: bar %d, beat %d of %d at %d bpm, %d through the beat, in %s', (frame, bar, beatInBar, beatsPerBar, bpm, beatProgress, section) => {
		const time = musicalTimeAt(timeline, frame);
		expect(time).toMatchObject({bar, beatInBar, beatsPerBar, bpm, section: {id: section}});
		expect(time.beatProgress).toBeCloseTo(beatProgress, 6);
	});

	test('counts beats from the first downbeat and decays an envelope from each beat and downbeat', () => {
		expect(musicalTimeAt(timeline, 15).beat).toBe(1);
		expect(musicalTimeAt(timeline, 135).beat).toBe(9);
		expect(musicalTimeAt(timeline, 15)).toMatchObject({beatEnvelope: 1, downbeatEnvelope: 1});
		const late = musicalTimeAt(timeline, 30 + 7.5);
		expect(late.beatEnvelope).toBeCloseTo(Math.exp(-0.5 / 0.25), 6);
		expect(late.downbeatEnvelope).toBeCloseTo(Math.exp(-1.5 / 0.25), 6);
		expect(late.barProgress).toBeCloseTo(1.5 / 4, 6);
	});

	test('names the lyric line and the word being sung', () => {
		expect(musicalTimeAt(timeline, 74).lyric).toBeNull();
		const sung = musicalTimeAt(timeline, 80);
		expect(sung.lyric?.line.text).toBe('one two');
		expect(sung.lyric?.words.map((word) => word.text)).toEqual(['one two']);
		expect(musicalTimeAt(timeline, 140).lyric?.line.text).toBe('three');
	});

	test('reads loudness and onsets per frame from the analysis envelopes, and null without them', () => {
		expect(musicalTimeAt(timeline, 40)).toMatchObject({loudness: null, onset: null, loudnessInDb: null});
		// 100 analysis frames a second: loud and a hit in the second half-second, quiet before.
		const loudnessInDb = Array.from({length: 800}, (_, i) => (i >= 50 && i < 100 ? -6 : -46));
		const onsetStrength = Array.from({length: 800}, (_, i) => (i === 51 ? 1 : 0));
		const withAnalysis = compile({framesPerSecond: 100, loudnessInDb, onsetStrength});
		expect(musicalTimeAt(withAnalysis, 10)).toMatchObject({loudnessInDb: -46, loudness: 0});
		expect(musicalTimeAt(withAnalysis, 16)).toMatchObject({loudnessInDb: -6, loudness: 1, onset: 0});
		// Analysis frame 51 (0.51 s) falls in video frame 15 (0.5–0.533 s).
		expect(musicalTimeAt(withAnalysis, 15).onset).toBe(1);
	});
});
