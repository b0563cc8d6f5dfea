import {describe, expect, test} from 'vitest';
import {focusAt, focusToObjectPosition, isCentredFocus} from '../draw/focus-at.ts';
import {specMessages} from '../schemas/messages.ts';
import type {ProjectInput} from '../schemas/project-schema.ts';
import {songSchema} from '../schemas/song-schema.ts';
import {projectProblems} from '../schemas/validate-project.ts';
import {videoSchema, type VideoInput} from '../schemas/video-schema.ts';
import {compileTimeline} from './compile-timeline.ts';
import {defaultLyricFontSizeInPx} from './place-lyrics.ts';
import type {ResolvedShot} from './resolved-timeline.ts';
import {videoForDeliverable} from './video-for-deliverable.ts';

const FILE = 'remotion/compositions.ts';
// 120 bpm from 0: a beat is 15 frames at 30 fps. Two sections of 2 bars, 4 s.
const song = songSchema.parse({audio: 'song.wav', tempo: {bpm: 120}, sections: [{id: 'verse'}, {id: 'chorus', start: '2'}], lyrics: {lines: [{at: '1:2', text: 'la la', end: '2:1'}]}});
const facts = {song: {durationInSeconds: 4}, clips: {'wide.mp4': {durationInSeconds: 10, width: 1280, height: 720, fps: 30}}};
const video = (patch: Partial<VideoInput> = {}) =>
	videoSchema.parse({
		id: 'Main',
		sections: {
			verse: {shots: [{clip: 'wide.mp4', lengthInBeats: 2, focus: {x: 0}}, {clip: 'wide.mp4', focus: {keyframes: [{atBeat: 0, x: 10, y: 50}, {atBeat: 1, x: 70, y: 41}, {atBeat: 4, x: 0, y: 0}]}}], lyrics: {fontSizeInPx: 40}},
			chorus: {shots: [{clip: 'wide.mp4'}]},
		},
		deliverables: [{id: 'vertical', width: 1080, height: 1920}],
		...patch,
	});
const compile = (v: ReturnType<typeof video>) => compileTimeline({song, video: v, facts, file: FILE}).timeline;
const clipVisual = (shot: ResolvedShot | undefined) => {
	if (shot?.visual.kind !== 'clip') {
		throw new Error('expected a clip shot');
	}
	return shot.visual;
};

describe('focus points', () => {
	test('a point holds for the whole shot; a shot without one is centred', () => {
		const {shots} = compile(video());
		expect(clipVisual(shots[0]).focus).toEqual({xPercent: {frames: [0], values: [0]}, yPercent: {frames: [0], values: [50]}});
		expect(clipVisual(shots[2]).focus).toEqual({xPercent: {frames: [0], values: [50]}, yPercent: {frames: [0], values: [50]}});
		expect(isCentredFocus(clipVisual(shots[2]).focus)).toBe(true);
		expect(isCentredFocus(clipVisual(shots[0]).focus)).toBe(false);
	});

	test('keyframes land on the beat grid, counted from the shot\'s cut in, in the shot\'s own frames', () => {
		const shot = compile(video()).shots[1];
		expect(shot?.cutInFrame).toBe(30);
		// Beats 0 and 1 after the cut at frame 30: frames 0 and 15 of the shot. Beat 4 is past the shot's last frame (29):
		// it is placed there.
		expect(clipVisual(shot).focus).toEqual({xPercent: {frames: [0, 15, 29], values: [10, 70, 0]}, yPercent: {frames: [0, 15, 29], values: [50, 41, 0]}});
		expect(focusAt(clipVisual(shot).focus, 5)).toEqual({xPercent: 30, yPercent: 47});
		expect(focusToObjectPosition(clipVisual(shot).focus, 15)).toBe('70% 41%');
	});
});

describe('deliverables', () => {
	test('share the edit: the same cuts and lyrics frames at the deliverable\'s size', () => {
		const main = video();
		const landscape = compile(main);
		const portrait = compile(videoForDeliverable(main, main.deliverables[0]!));
		expect(portrait).toMatchObject({id: 'Main.vertical', width: 1080, height: 1920});
		expect(portrait.shots.map((s) => [s.cutInFrame, s.cutOutFrame, s.visual])).toEqual(landscape.shots.map((s) => [s.cutInFrame, s.cutOutFrame, s.visual]));
		expect(portrait.lyrics.map((l) => [l.startFrame, l.endFrame])).toEqual(landscape.lyrics.map((l) => [l.startFrame, l.endFrame]));
	});

	test('lyric sizes follow the frame\'s short side, set or default', () => {
		const main = video();
		const portrait = videoForDeliverable(main, {id: 'vertical', width: 1080, height: 1920});
		// 720 → 1080 on the short side: × 1.5.
		expect(portrait.sections.verse?.lyrics?.fontSizeInPx).toBe(60);
		expect(portrait.defaults.lyrics.fontSizeInPx).toBe(Math.round(defaultLyricFontSizeInPx(720) * 1.5));
		const square = videoForDeliverable(main, {id: 'small', width: 360, height: 360});
		expect(square.sections.verse?.lyrics?.fontSizeInPx).toBe(20);
		expect(compile(portrait).lyrics[0]?.style.fontSizeInPx).toBe(60);
	});

	const project = ({shot = {}, ...videoPatch}: Record<string, unknown>): ProjectInput =>
		({song: {audio: 'song.wav', tempo: {bpm: 120}, sections: [{id: 'verse'}]}, videos: [{id: 'Main', sections: {verse: {shots: [{clip: 'a.mp4', ...(shot as object)}]}}, ...videoPatch}]}) as ProjectInput;

	test.each([
		[{deliverables: [{id: 'vertical', width: 1081, height: 1920}]}, `videos[0].deliverables[0].width: ${specMessages.mustBeEven(1081)}`],
		[{deliverables: [{id: 'tiny', width: 8, height: 1920}]}, `videos[0].deliverables[0].width: ${specMessages.mustBeAtLeast(16, 8)}`],
		[{deliverables: [{id: 'v', width: 1080, height: 1920}, {id: 'v', width: 1080, height: 1080}]}, `videos[0].deliverables[1].id: ${specMessages.duplicateDeliverable('v')}`],
		[{shot: {focus: {x: 120, y: 50}}}, `videos[0].sections.verse.shots[0].focus.x: ${specMessages.mustBeAtMost(100, 120)}`],
		[{shot: {focus: {x: 50, y: -5}}}, `videos[0].sections.verse.shots[0].focus.y: ${specMessages.mustBeAtLeast(0, -5)}`],
		[{shot: {focus: {keyframes: [{atBeat: 0, x: 0, y: 101}]}}}, `videos[0].sections.verse.shots[0].focus.keyframes[0].y: ${specMessages.mustBeAtMost(100, 101)}`],
		[{shot: {focus: {keyframes: [{atBeat: 2, x: 0, y: 0}, {atBeat: 1, x: 0, y: 0}]}}}, `videos[0].sections.verse.shots[0].focus.keyframes: ${specMessages.keyframesOutOfOrder()}`],
		[{shot: {focus: {x: 10, keyframes: [{atBeat: 0, x: 0, y: 0}]}}}, `videos[0].sections.verse.shots[0].focus: ${specMessages.focusPointOrKeyframes()}`],
	])('refuses %j with one line naming the field', (patch, line) => {
		expect(projectProblems(project(patch), FILE)).toEqual([`${FILE}: ${line}`]);
	});

	test('refuses a deliverable whose composition id (video-deliverable) is another video\'s or deliverable\'s', () => {
		const main = project({deliverables: [{id: 'vertical', width: 1080, height: 1920}]});
		const other = {...main.videos[0], id: 'Main-vertical', deliverables: []};
		expect(projectProblems({...main, videos: [main.videos[0], other]}, FILE)).toEqual([`${FILE}: videos[0].deliverables[0].id: ${specMessages.deliverableCompositionTaken('Main-vertical', {video: 'Main-vertical', deliverable: null})}`]);
		const nested = {...main.videos[0], id: 'Main-a', deliverables: [{id: 'b', width: 16, height: 16}]};
		const clash = {...main.videos[0], deliverables: [{id: 'a-b', width: 16, height: 16}]};
		expect(projectProblems({...main, videos: [nested, clash]}, FILE)).toEqual([`${FILE}: videos[1].deliverables[0].id: ${specMessages.deliverableCompositionTaken('Main-a-b', {video: 'Main-a', deliverable: 'b'})}`]);
	});
});
