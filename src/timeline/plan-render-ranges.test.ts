import {describe, expect, test} from 'vitest';
import {songSchema} from '../spec/song-schema';
import {videoSchema, type VideoInput} from '../spec/video-schema';
import {compileTimeline} from './compile-timeline';
import {findPlainRanges, sliceIntoChunks} from './plan-render-ranges';

// 120 bpm at 30 fps: a beat is 15 frames, a bar 60. Four one-bar sections, 240 frames.
const compile = (sections: VideoInput['sections'], lyrics: {at: string; end: string; text: string}[] = []) =>
	compileTimeline({
		song: songSchema.parse({audio: 's.wav', tempo: {bpm: 120}, sections: [{id: 'a'}, {id: 'b', start: '2'}, {id: 'c', start: '3'}, {id: 'd', start: '4'}], lyrics: {lines: lyrics}}),
		video: videoSchema.parse({id: 'V', sections}),
		facts: {song: {durationInSeconds: 8}, clips: {'x.mp4': {durationInSeconds: 20, width: 640, height: 360, fps: 30}, 'y.mp4': {durationInSeconds: 20, width: 640, height: 360, fps: 30}}},
	}).timeline;

const plain = {a: {shots: [{clip: 'x.mp4'}]}, b: {shots: [{clip: 'y.mp4'}]}, c: {shots: [{clip: 'x.mp4', clipStartInSeconds: 2}]}, d: {shots: [{clip: 'y.mp4'}]}};

describe('findPlainRanges', () => {
	test('leaves out transitions, lyric lines, Ken Burns moves and beat effects', () => {
		const timeline = compile(
			{
				a: {shots: [{clip: 'x.mp4'}]},
				b: {shots: [{clip: 'y.mp4'}], transitionIn: {type: 'fade', lengthInBeats: 1}},
				c: {shots: [{clip: 'x.mp4', kenBurns: {}}]},
				d: {shots: [{clip: 'y.mp4', clipStartInSeconds: 1}], effects: {flash: {strength: 0.5, decayInBeats: 0.5}}},
			},
			[{at: '1:2', end: '1:3', text: 'hello'}],
		);
		expect(findPlainRanges(timeline).map((r) => [r.shotId, r.startFrame, r.endFrame, r.clipStartFrame])).toEqual([
			// Section a: lyric on frames 15-30, fade into b on frames 53-68.
			['a/1', 0, 15, 0],
			['a/1', 30, 53, 30],
			['b/1', 68, 120, 15],
			// d flashes on its downbeat (brighter on frames 180-187); the rest plays from 1 s + 8 frames.
			['d/1', 188, 240, 38],
		]);
	});
});

describe('sliceIntoChunks', () => {
	test('cuts about every N frames, but never inside a transition', () => {
		// The fade into c runs over frames 113-128; the cut due at 120 moves to its end.
		const timeline = compile({...plain, c: {...plain.c, transitionIn: {type: 'fade', lengthInBeats: 1}}});
		expect(sliceIntoChunks(timeline, 40).map((c) => [c.startFrame, c.endFrame])).toEqual([
			[0, 40],
			[40, 80],
			[80, 128],
			[128, 168],
			[168, 208],
			[208, 240],
		]);
	});

	test('changes the key of the chunk a changed shot is in, and no other', () => {
		const before = sliceIntoChunks(compile(plain), 60);
		const after = sliceIntoChunks(compile({...plain, c: {shots: [{clip: 'y.mp4', clipStartInSeconds: 2}]}}), 60);
		// Section c is frames 120-180: it overlaps the chunk from 120 only.
		expect(before.map((c) => c.pixelKey === after[before.indexOf(c)]?.pixelKey)).toEqual([true, true, false, true]);
	});

	test('gives equal chunks equal keys wherever they sit in time', () => {
		const chunks = sliceIntoChunks(compile({a: {shots: [{clip: 'x.mp4'}]}, b: {shots: [{clip: 'x.mp4'}]}, c: {shots: [{clip: 'x.mp4'}]}, d: {shots: [{clip: 'x.mp4'}]}}), 60);
		expect(new Set(chunks.map((c) => c.pixelKey.replace(/"id":"[a-d]\/1","sectionId":"[a-d]"/g, ''))).size).toBe(1);
	});
});
