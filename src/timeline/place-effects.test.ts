import {describe, expect, test} from 'vitest';
import {songSchema} from '../schemas/song-schema.ts';
import {videoSchema, type VideoInput} from '../schemas/video-schema.ts';
import {compileTimeline} from './compile-timeline.ts';
import {timelineMessages as m} from './messages.ts';
import type {SongAnalysisFacts} from './timeline-facts.ts';

// 120 bpm from 0 s, 30 fps: a beat is 15 frames. One 4-bar section (8 s). The analysis (100 frames a second): quiet
// (−40 dB) for the first 4 s, loud (0 dB) after; onsets of 0.9 at 1.0 s and 5.5 s, and a weak one (0.3) at 3.0 s.
const analysis: SongAnalysisFacts = {
	envelopes: {
		framesPerSecond: 100,
		loudnessInDb: Array.from({length: 800}, (_, i) => (i < 400 ? -40 : 0)),
		onsetStrength: Array.from({length: 800}, (_, i) => (i === 100 || i === 550 ? 0.9 : i === 300 ? 0.3 : 0)),
	},
	beatsInSeconds: null,
	downbeatsInSeconds: null,
};

const compile = (section: NonNullable<VideoInput['sections']>[string], withAnalysis = true) =>
	compileTimeline({
		song: songSchema.parse({audio: 'song.wav', tempo: {bpm: 120}, sections: [{id: 'all'}]}),
		video: videoSchema.parse({id: 'V', sections: {all: section}}),
		facts: {song: {durationInSeconds: 8}, clips: {'a.mp4': {durationInSeconds: 60, width: 640, height: 360, fps: 30}, 'b.mp4': {durationInSeconds: 60, width: 640, height: 360, fps: 30}}, analysis: withAnalysis ? analysis : null},
	});

describe('effects driven by the sound', () => {
	test('a pulse that follows loudness barely moves in quiet bars and kicks fully in loud ones', () => {
		const {timeline} = compile({shots: [{clip: 'a.mp4'}], effects: {pulse: {strength: 0.1, followLoudness: true}}});
		const peakAt = (frame: number) => timeline.effects?.scale?.values[timeline.effects.scale.frames.indexOf(frame)];
		expect(peakAt(30)).toBeCloseTo(1, 6);
		expect(peakAt(150)).toBeCloseTo(1.1, 6);
	});

	test('flashes on the strong onsets the music plays, scaled by their strength, not on the grid', () => {
		const {timeline} = compile({shots: [{clip: 'a.mp4'}], effects: {flash: {strength: 0.5, on: 'onset', onsetAbove: 0.5}}});
		const {frames, values} = timeline.effects?.brightness ?? {frames: [], values: []};
		const peaks = frames.filter((_, i) => (values[i] as number) > 1);
		expect(peaks).toEqual([30, 165]);
		expect(values[frames.indexOf(30)]).toBeCloseTo(1.45, 6);
	});

	test('a cut pool cuts faster in loud passages', () => {
		const {timeline} = compile({cutEvery: {lengthInBeats: 4, loud: {lengthInBeats: 1, above: 0.7}, clips: ['a.mp4', 'b.mp4']}});
		// Quiet first 4 s (8 beats): two 4-beat shots; loud after: a cut every beat.
		expect(timeline.shots.map((shot) => shot.cutInFrame)).toEqual([0, 60, 120, 135, 150, 165, 180, 195, 210, 225]);
	});

	test('without an analysis file, says what it does instead', () => {
		const {warnings} = compile({shots: [{clip: 'a.mp4'}], effects: {pulse: {followLoudness: true}}}, false);
		expect(warnings.map((warning) => warning.message)).toEqual([m.effectsWithoutAnalysis()]);
	});
});
