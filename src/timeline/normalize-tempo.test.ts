import {describe, expect, test} from 'vitest';
import {secondsToFrame} from '../music/seconds-to-frame.ts';
import {formatProblem, type SongreelInputError} from '../problems/problem.ts';
import {songSchema} from '../schemas/song-schema.ts';
import {videoSchema} from '../schemas/video-schema.ts';
import {compileTimeline} from './compile-timeline.ts';
import {timelineMessages as m} from './messages.ts';
import type {TimelineFacts} from './timeline-facts.ts';

// A rubato performance: 3/4 at about 72 bpm, slowing by 1.5 % a beat, with ±40 ms of human timing.
const played = Array.from({length: 40}, (_, i) => 0.7 + i * (60 / 72) * (1 + 0.015 * i) * 0.5 * 2 + (i % 3 === 1 ? 0.04 : i % 3 === 2 ? -0.03 : 0));
const downbeats = played.filter((_, i) => i % 3 === 0);
const songEnd = (played[played.length - 1] as number) + 0.5;

const compile = (facts: Partial<TimelineFacts>, tempo: Record<string, unknown> = {fromAnalysis: 'song.analysis.json'}) =>
	compileTimeline({
		song: songSchema.parse({audio: 'song.wav', tempo, sections: [{id: 'intro', start: '0s'}, {id: 'verse', start: '2'}, {id: 'end', start: '12'}]}),
		video: videoSchema.parse({
			id: 'V',
			fps: 30,
			sections: {
				intro: {filler: '#000'},
				// A cut on every beat of bars 2 to 11, by beats and by bars.
				verse: {cutEvery: {lengthInBeats: 1, clips: ['a.mp4']}},
				end: {shots: [{clip: 'a.mp4', lengthInBars: 1}, {clip: 'a.mp4'}]},
			},
		}),
		facts: {song: {durationInSeconds: songEnd}, clips: {'a.mp4': {durationInSeconds: 60, width: 640, height: 360, fps: 30}}, ...facts},
	});

describe('a grid from the beats as played', () => {
	test('puts every cut given in beats and bars within half a frame of its analysed beat on a rubato track', () => {
		const {timeline} = compile({analysis: {envelopes: null, beatsInSeconds: played, downbeatsInSeconds: downbeats}});
		const cuts = timeline.shots.slice(1).map((shot) => shot.cutInFrame);
		// Bar 2 is beat index 3; bars 2–11 have 30 beats, then bar 12, then the end section's second shot at bar 13.
		const expected = [...played.slice(3, 33), played[33] as number, played[36] as number].map((seconds) => secondsToFrame(seconds, 30));
		expect(cuts).toEqual(expected);
		for (const [index, frame] of cuts.entries()) {
			const beat = [...played.slice(3, 33), played[33] as number, played[36] as number][index] as number;
			expect(Math.abs(frame - beat * 30)).toBeLessThanOrEqual(0.5);
		}
		// A constant-tempo grid at the performance's mean tempo drifts off those beats.
		const meanBpm = (60 * (played.length - 1)) / ((played[played.length - 1] as number) - (played[0] as number));
		const ruler = compile({}, {bpm: meanBpm, beatsPerBar: 3, firstDownbeatInSeconds: played[0]}).timeline.shots.slice(1).map((shot) => shot.cutInFrame);
		const worst = Math.max(...ruler.map((frame, i) => Math.abs(frame - (expected[i] as number))));
		expect(worst).toBeGreaterThan(10);
		// The hooks' beat list is the played one.
		expect(timeline.beats.filter((beat) => beat.bar >= 1).slice(0, 4).map((beat) => [beat.bar, beat.beatInBar, Math.round(beat.frame)])).toEqual([
			[1, 1, Math.round((played[0] as number) * 30)],
			[1, 2, Math.round((played[1] as number) * 30)],
			[1, 3, Math.round((played[2] as number) * 30)],
			[2, 1, Math.round((played[3] as number) * 30)],
		]);
	});

	test.each([
		['no analysis file', {analysis: {error: 'no file at public/song.analysis.json'}}, m.analysisMissing('song.analysis.json', 'no file at public/song.analysis.json')],
		['an analysis without beats', {analysis: {envelopes: null, beatsInSeconds: null, downbeatsInSeconds: null}}, m.analysisWithoutBeats('song.analysis.json')],
	])('refuses %s with the command that makes one', (_name, facts, message) => {
		try {
			compile(facts as Partial<TimelineFacts>);
		} catch (error) {
			expect((error as SongreelInputError).problems.map(formatProblem)).toEqual([`remotion/compositions.ts: song.tempo.fromAnalysis: ${message}; ${m.analysisMissingFix('song.wav')}`]);
			return;
		}
		throw new Error('expected the compile to fail');
	});
});
