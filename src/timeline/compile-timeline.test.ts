import {describe, expect, test} from 'vitest';
import {secondsToFrame} from '../music/seconds-to-frame.ts';
import {beatsToSeconds, createTempoMap} from '../music/tempo-map.ts';
import {formatProblem, SongreelInputError} from '../problems/problem.ts';
import {songSchema, type SongInput} from '../schemas/song-schema.ts';
import type {ShotInput} from '../schemas/shot-schema.ts';
import {videoSchema, type VideoInput} from '../schemas/video-schema.ts';
import {compileTimeline, type CompileResult} from './compile-timeline.ts';
import {timelineMessages as m} from './messages.ts';
import type {ClipFacts, TimelineFacts} from './timeline-facts.ts';

const FILE = 'remotion/compositions.ts';
const clipOf = (durationInSeconds: number): ClipFacts => ({durationInSeconds, width: 1280, height: 720, fps: 30});

type Setup = {song?: Partial<SongInput>; video?: Partial<VideoInput>; songInSeconds?: number; clips?: Record<string, number>; facts?: Partial<TimelineFacts>};

// 120 bpm, first downbeat at 0: a beat is 15 frames at 30 fps, a bar 60. Two sections of 2 bars: 4 s, 120 frames.
const compile = ({song, video, songInSeconds = 4, clips = {'a.mp4': 10, 'b.mp4': 10}, facts}: Setup = {}): CompileResult =>
	compileTimeline({
		song: songSchema.parse({audio: 'song.wav', tempo: {bpm: 120}, sections: [{id: 'verse'}, {id: 'chorus', start: '2'}], ...song}),
		video: videoSchema.parse({
			id: 'Main',
			sections: {verse: {shots: [{clip: 'a.mp4', lengthInBeats: 2}, {clip: 'b.mp4'}]}, chorus: {shots: [{clip: 'a.mp4'}]}},
			...video,
		}),
		facts: {song: {durationInSeconds: songInSeconds}, clips: Object.fromEntries(Object.entries(clips).map(([src, seconds]) => [src, clipOf(seconds)])), ...facts},
		file: FILE,
	});

const problemsOf = (setup: Setup): string[] => {
	try {
		compile(setup);
	} catch (error) {
		if (error instanceof SongreelInputError) {
			return error.problems.map(formatProblem);
		}
		throw error;
	}
	throw new Error('expected the compile to fail');
};

const at = (path: string, message: string, fix?: string): string => `${FILE}: ${path}: ${message}${fix ? `; ${fix}` : ''}`;

describe('shot placement', () => {
	test('cuts on the beat grid, a shot without a length filling the rest of its section', () => {
		const {timeline} = compile();
		expect(timeline.durationInFrames).toBe(120);
		expect(timeline.shots.map((s) => [s.id, s.cutInFrame, s.cutOutFrame])).toEqual([
			['verse/1', 0, 30],
			['verse/2', 30, 60],
			['chorus/1', 60, 120],
		]);
	});

	test('lays shots after a filler back from the section end, so they stay on the grid too', () => {
		const {timeline} = compile({
			song: {tempo: {bpm: 120, firstDownbeatInSeconds: 0.3}, sections: [{id: 'verse'}, {id: 'chorus', start: '2'}]},
			songInSeconds: 4.3,
			video: {sections: {verse: {shots: [{clip: 'a.mp4'}, {clip: 'b.mp4', lengthInBeats: 1}]}, chorus: {shots: [{clip: 'a.mp4'}]}}},
		});
		// Bar 2 is at 2.3 s (frame 69); the 1-beat shot before it starts at 1.8 s (frame 54).
		expect(timeline.shots.map((s) => [s.cutInFrame, s.cutOutFrame])).toEqual([
			[0, 54],
			[54, 69],
			[69, 129],
		]);
	});

	test('keeps a cut on the downbeat when a transition spans it', () => {
		const plain = compile().timeline;
		const {timeline} = compile({video: {defaults: {transition: {type: 'fade', lengthInBeats: 1}}}});
		expect(timeline.durationInFrames).toBe(plain.durationInFrames);
		expect(timeline.shots.map((s) => [s.cutInFrame, s.cutOutFrame])).toEqual(plain.shots.map((s) => [s.cutInFrame, s.cutOutFrame]));
		const chorus = timeline.shots[2];
		// 15 frames centred on frame 60: 7 before the cut, 8 after.
		expect(chorus?.transitionIn).toEqual({type: 'fade', direction: null, props: null, cutFrame: 60, startFrame: 53, durationInFrames: 15});
		expect(chorus?.fromFrame).toBe(53);
		expect(timeline.shots[1]).toMatchObject({fromFrame: 23, durationInFrames: 30 - 23 + 60 - 30 + 8 - 0});
	});

	test('keeps every cut of a 4-minute song within half a frame of its beat, with transitions, at 93.5 bpm and 24 fps', () => {
		const bpm = 93.5;
		const fps = 24;
		const tempo = {bpm, firstDownbeatInSeconds: 0.61};
		const map = createTempoMap({...tempo, beatsPerBar: 4, changes: []});
		const sectionIds = Array.from({length: 11}, (_, i) => `part-${i + 1}`);
		const songInSeconds = beatsToSeconds(map, 88 * 4) + 1.3;
		const sections = Object.fromEntries(
			sectionIds.map((id, i) => [
				id,
				{
					transition: {type: 'fade' as const, lengthInBeats: 1},
					// The first shot also covers the pickup before bar 1; the last runs into the song's tail.
					shots: Array.from({length: 8}, (_, k) => ((i === 0 && k === 0) || (i === sectionIds.length - 1 && k === 7) ? {clip: 'a.mp4'} : {clip: 'a.mp4', lengthInBars: 1})),
				},
			]),
		);
		const {timeline} = compile({
			song: {tempo, sections: sectionIds.map((id, i) => (i === 0 ? {id} : {id, start: String(i * 8 + 1)}))},
			songInSeconds,
			video: {fps, sections},
		});
		expect(timeline.shots).toHaveLength(88);
		timeline.shots.slice(1).forEach((shot, k) => {
			const beatInSeconds = beatsToSeconds(map, (k + 1) * 4);
			expect(Math.abs(shot.cutInFrame / fps - beatInSeconds)).toBeLessThanOrEqual(0.5 / fps + 1e-9);
			expect(shot.cutInFrame).toBe(secondsToFrame(beatInSeconds, fps));
		});
		expect(timeline.durationInFrames).toBe(secondsToFrame(songInSeconds, fps));
	});

	test('measures bars in the metre in force after a tempo change', () => {
		const {timeline} = compile({
			song: {tempo: {bpm: 120, changes: [{atBar: 2, bpm: 60, beatsPerBar: 3}]}, sections: [{id: 'verse'}, {id: 'chorus', start: '2'}]},
			songInSeconds: 2 + 6,
			video: {sections: {verse: {shots: [{clip: 'a.mp4'}]}, chorus: {shots: [{clip: 'a.mp4', lengthInBars: 1}, {clip: 'b.mp4', lengthInBeats: 3}]}}},
		});
		expect(timeline.shots.map((s) => [s.cutInFrame, s.cutOutFrame])).toEqual([
			[0, 60],
			[60, 150],
			[150, 240],
		]);
	});
});

describe('clips that are shorter than their shot', () => {
	const shortClip = (onShortClip: ShotInput['onShortClip'], extra: Record<string, unknown> = {}): Setup => ({
		clips: {'a.mp4': 10, 'short.mp4': 0.5},
		video: {sections: {verse: {shots: [{clip: 'short.mp4', onShortClip, ...extra}]}, chorus: {shots: [{clip: 'a.mp4'}]}}},
	});

	test('are an error naming both lengths by default', () => {
		expect(problemsOf(shortClip('error'))).toEqual([
			at('videos.Main.sections.verse.shots[0].clip', m.clipTooShort('short.mp4', 0.5, 0, 2, 60, 1), m.clipTooShortFix()),
		]);
	});

	test('loop from their start point', () => {
		const shot = compile(shortClip('loop', {clipStartInSeconds: 0.1})).timeline.shots[0];
		expect(shot?.visual.kind === 'clip' && shot.visual.segments.map((s) => [s.fromFrame, s.durationInFrames, s.trimBeforeInFrames])).toEqual([
			[0, 12, 3],
			[12, 12, 3],
			[24, 12, 3],
			[36, 12, 3],
			[48, 12, 3],
		]);
	});

	test('freeze on their last frame', () => {
		const shot = compile(shortClip('freeze')).timeline.shots[0];
		expect(shot?.visual.kind === 'clip' && shot.visual.segments).toEqual([
			{kind: 'play', fromFrame: 0, durationInFrames: 15, trimBeforeInFrames: 0, playbackRate: 1},
			{kind: 'freeze', fromFrame: 15, durationInFrames: 45, trimBeforeInFrames: 14, playbackRate: 1},
		]);
	});

	test('slow down within the stated bound', () => {
		const shot = compile({...shortClip('slow', {slowestSpeed: 0.5}), clips: {'a.mp4': 10, 'short.mp4': 1.5}}).timeline.shots[0];
		expect(shot?.visual.kind === 'clip' && shot.visual.segments[0]?.playbackRate).toBeCloseTo(0.75, 9);
		expect(problemsOf({...shortClip('slow'), clips: {'a.mp4': 10, 'short.mp4': 1}})).toEqual([
			at('videos.Main.sections.verse.shots[0].onShortClip', m.clipTooSlow(0.5, 0.75), m.clipTooSlowFix()),
		]);
	});
});

describe('beat-aware editing', () => {
	test('snaps a cut given in seconds to the nearest beat', () => {
		const shots = (snap?: 'beat' | 'downbeat') => ({video: {sections: {verse: {shots: [{clip: 'a.mp4', lengthInSeconds: 0.6, ...(snap ? {snap} : {})}, {clip: 'b.mp4'}]}, chorus: {shots: [{clip: 'a.mp4'}]}}}});
		expect(compile(shots()).timeline.shots[1]?.cutInFrame).toBe(18);
		expect(compile(shots('beat')).timeline.shots[1]?.cutInFrame).toBe(15);
	});

	test('warns about a cut more than half a frame off the beat grid', () => {
		const {warnings} = compile({video: {sections: {verse: {shots: [{clip: 'a.mp4', lengthInSeconds: 0.6}, {clip: 'b.mp4'}]}, chorus: {shots: [{clip: 'a.mp4'}]}}}});
		expect(warnings.map(formatProblem)).toEqual([at('videos.Main.sections.verse.shots[1]', m.cutOffBeat('verse/2', 0.6, 0.1))]);
	});

	test('cuts every N beats through a pool, the last shot filling the section', () => {
		const {timeline} = compile({video: {sections: {verse: {cutEvery: {lengthInBeats: 3, clips: ['a.mp4', 'b.mp4'], shot: {fit: 'contain'}}}, chorus: {shots: [{clip: 'a.mp4'}]}}}});
		expect(timeline.shots.slice(0, 3).map((s) => [s.cutInFrame, s.cutOutFrame, s.visual.kind === 'clip' && s.visual.src, s.visual.kind === 'clip' && s.visual.fit])).toEqual([
			[0, 45, 'a.mp4', 'contain'],
			[45, 60, 'b.mp4', 'contain'],
			[60, 120, 'a.mp4', 'cover'],
		]);
	});

	test('pulses on every beat and flashes on every downbeat of the sections that ask', () => {
		const {timeline} = compile({video: {sections: {verse: {shots: [{clip: 'a.mp4'}]}, chorus: {shots: [{clip: 'a.mp4'}], effects: {pulse: {strength: 0.05, decayInBeats: 0.5}, flash: {strength: 0.5}}}}}});
		// Chorus beats at frames 60, 75, 90, 105; a 0.5-beat decay is 8 frames (7.5 rounded up).
		expect(timeline.effects?.scale).toEqual({
			frames: [59, 60, 68, 74, 75, 83, 89, 90, 98, 104, 105, 113],
			values: [1, 1.05, 1, 1, 1.05, 1, 1, 1.05, 1, 1, 1.05, 1],
		});
		expect(timeline.effects?.brightness).toEqual({frames: [59, 60, 68], values: [1, 1.5, 1]});
		expect(compile().timeline.effects).toBeNull();
	});
});

describe('shots that name a take', () => {
	test('play the file the registry resolved, passing its warning on', () => {
		const {timeline, warnings} = compile({
			video: {sections: {verse: {shots: [{take: 'rooftop'}]}, chorus: {shots: [{clip: 'a.mp4'}]}}},
			facts: {takes: {rooftop: {src: 'b.mp4', warning: 'shot "rooftop" has no pick; using take "rooftop/t2"'}}},
		});
		expect(timeline.shots[0]?.visual).toMatchObject({kind: 'clip', src: 'b.mp4'});
		expect(warnings.map(formatProblem)).toEqual([`${FILE}: videos.Main.sections.verse.shots[0].take: shot "rooftop" has no pick; using take "rooftop/t2"`]);
	});

	test('report a take that cannot be resolved', () => {
		expect(problemsOf({video: {sections: {verse: {shots: [{take: 'rooftop/t9'}]}, chorus: {shots: [{clip: 'a.mp4'}]}}}, facts: {takes: {'rooftop/t9': {error: 'take "rooftop/t9" is not in the registry'}}}})).toEqual([
			at('videos.Main.sections.verse.shots[0].take', m.takeUnresolved('rooftop/t9', 'take "rooftop/t9" is not in the registry')),
		]);
	});
});

describe('lyrics', () => {
	test('become overlay lines in frames, lasting until the next line, styled by the section they start in', () => {
		const {timeline} = compile({
			song: {lyrics: {lines: [{at: '1:2', text: 'one'}, {at: '2', text: 'two', end: '2:3'}]}},
			video: {sections: {verse: {shots: [{clip: 'a.mp4'}]}, chorus: {shots: [{clip: 'a.mp4'}], lyrics: {position: 'top', color: '#00ff00'}}}},
		});
		expect(timeline.lyrics.map((l) => [l.text, l.startFrame, l.endFrame, l.style.position, l.style.color])).toEqual([
			['one', 15, 60, 'bottom', '#ffffff'],
			['two', 60, 90, 'top', '#00ff00'],
		]);
		expect(timeline.lyrics[0]?.opacity).toEqual({frames: [15, 19, 56, 60], values: [0, 1, 1, 0]});
	});

	test('carry word frames from enhanced LRC for karaoke highlighting', () => {
		const {timeline} = compile({
			song: {lyrics: {file: 'words.lrc'}},
			facts: {lyricsText: '[00:00.50]<00:00.50>Cut <00:01.00>to <00:01.50>the <00:02.00>beat <00:02.50>\n'},
		});
		expect(timeline.lyrics[0]?.words).toEqual([
			{text: 'Cut', startFrame: 15, endFrame: 30},
			{text: 'to', startFrame: 30, endFrame: 45},
			{text: 'the', startFrame: 45, endFrame: 60},
			{text: 'beat', startFrame: 60, endFrame: 75},
		]);
		expect(timeline.lyrics[0]?.style.wordHighlight).toBe(true);
	});

	test('are left out where their section hides them', () => {
		const {timeline} = compile({
			song: {lyrics: {lines: [{at: '1', text: 'hidden'}, {at: '2', text: 'shown'}]}},
			video: {sections: {verse: {shots: [{clip: 'a.mp4'}], lyrics: {hidden: true}}, chorus: {shots: [{clip: 'a.mp4'}]}}},
		});
		expect(timeline.lyrics.map((l) => l.text)).toEqual(['shown']);
	});
});

describe('meaning errors', () => {
	test.each<[string, Setup, string[]]>([
		['song audio that cannot be read', {facts: {song: {error: 'no file at public/song.wav'}}}, [at('song.audio', m.audioMissing('song.wav', 'no file at public/song.wav'), m.audioMissingFix())]],
		['a section of the video that the song lacks', {video: {sections: {verse: {shots: [{clip: 'a.mp4'}]}, chorus: {shots: [{clip: 'a.mp4'}]}, bridge: {shots: [{clip: 'a.mp4'}]}}}}, [at('videos.Main.sections.bridge', m.unknownSection('bridge', ['verse', 'chorus']))]],
		['a song section without shots', {video: {sections: {verse: {shots: [{clip: 'a.mp4'}]}}}}, [at('videos.Main.sections.chorus', m.sectionWithoutPlan('chorus'), m.sectionWithoutPlanFix('chorus'))]],
		['a missing clip', {clips: {'a.mp4': 10}, facts: {clips: {'a.mp4': clipOf(10), 'b.mp4': {error: 'no file at public/b.mp4'}}}}, [at('videos.Main.sections.verse.shots[1].clip', m.clipMissing('b.mp4', 'no file at public/b.mp4'), m.clipMissingFix())]],
		['a clip start past the clip end', {video: {sections: {verse: {shots: [{clip: 'a.mp4', clipStartInSeconds: 12}]}, chorus: {shots: [{clip: 'a.mp4'}]}}}}, [at('videos.Main.sections.verse.shots[0].clipStartInSeconds', m.clipStartPastEnd(12, 10))]],
		['a transition longer than a neighbouring shot', {video: {sections: {verse: {shots: [{clip: 'a.mp4', lengthInBeats: 3}, {clip: 'b.mp4', transitionIn: {type: 'fade', lengthInBeats: 2}}]}, chorus: {shots: [{clip: 'a.mp4'}]}}}}, [at('videos.Main.sections.verse.shots[1].transitionIn.lengthInBeats', m.transitionLongerThanShot('fade', 'verse/2', 30, 'verse/2', 15), m.transitionLongerThanShotFix())]],
		[
			'transitions on both sides of a short shot',
			{video: {defaults: {transition: {type: 'fade', lengthInBeats: 1.5}}, sections: {verse: {shots: [{clip: 'a.mp4', lengthInBeats: 3}, {clip: 'b.mp4'}]}, chorus: {shots: [{clip: 'a.mp4'}]}}}},
			[
				at('videos.Main.defaults.transition.lengthInBeats', m.transitionLongerThanShot('fade', 'verse/2', 22, 'verse/2', 15), m.transitionLongerThanShotFix()),
				at('videos.Main.defaults.transition.lengthInBeats', m.transitionLongerThanShot('fade', 'chorus/1', 22, 'verse/2', 15), m.transitionLongerThanShotFix()),
			],
		],
		['shots longer than their section', {video: {sections: {verse: {shots: [{clip: 'a.mp4', lengthInBars: 3}]}, chorus: {shots: [{clip: 'a.mp4'}]}}}}, [at('videos.Main.sections.verse.shots', m.shotsOverflow(6, 2), m.shotsOverflowFix())]],
		['shots shorter than their section', {video: {sections: {verse: {shots: [{clip: 'a.mp4', lengthInBeats: 3}]}, chorus: {shots: [{clip: 'a.mp4'}]}}}}, [at('videos.Main.sections.verse.shots', m.shotsUnderflow(1.5, 2), m.shotsUnderflowFix())]],
		['two shots filling one section', {video: {sections: {verse: {shots: [{clip: 'a.mp4'}, {clip: 'b.mp4'}]}, chorus: {shots: [{clip: 'a.mp4'}]}}}}, [at('videos.Main.sections.verse.shots[1]', m.twoFillShots())]],
		['a section that ends before the next starts', {song: {sections: [{id: 'verse', end: '1:3'}, {id: 'chorus', start: '2'}]}}, [at('song.sections[0].end', m.sectionGap('verse', 1, 'chorus', 2), m.sectionGapFix())]],
		['a last section that ends before the song', {song: {sections: [{id: 'verse'}, {id: 'chorus', start: '2', end: '2:3'}]}}, [at('song.sections[1].end', m.sectionEndsOffSong('chorus', 3, 4), m.sectionGapFix())]],
		['a first section that starts late', {song: {sections: [{id: 'verse', start: '1:2'}, {id: 'chorus', start: '2'}]}}, [at('song.sections[0].start', m.firstSectionNotAtStart(0.5), m.firstSectionNotAtStartFix())]],
		['sections out of order', {song: {sections: [{id: 'verse'}, {id: 'chorus', start: '2'}, {id: 'outro', start: '1:3'}]}}, [at('song.sections[2].start', m.sectionOutOfOrder('outro', '1:3', 1, 'chorus', '2', 2), m.sectionOutOfOrderFix())]],
		['a section moved out of order, blamed on the moved one', {song: {sections: [{id: 'verse'}, {id: 'outro', start: '4'}, {id: 'chorus', start: '2'}, {id: 'bridge', start: '3'}]}}, [at('song.sections[1].start', m.sectionAfterLaterOnes('outro', '4', 6, 'chorus', '2', 2), m.sectionOutOfOrderFix())]],
		['two sections at the same bar', {song: {sections: [{id: 'verse'}, {id: 'chorus', start: '2'}, {id: 'outro', start: '2'}]}}, [at('song.sections[2].start', m.sectionsSameStart('outro', '2', 'chorus', '2', 2), m.sectionsSameStartFix())]],
		['a section after the song ends', {song: {sections: [{id: 'verse'}, {id: 'chorus', start: '3'}]}}, [at('song.sections[1].start', m.sectionAfterSong('chorus', 4, 4))]],
		['a section start missing', {song: {sections: [{id: 'verse'}, {id: 'chorus'}]}}, [at('song.sections[1].start', m.sectionStartRequired())]],
		['a beat that is not in its bar', {song: {sections: [{id: 'verse'}, {id: 'chorus', start: '1:5'}]}}, [at('song.sections[1].start', m.beatOutsideBar('1:5', 1, 5, 4), m.beatOutsideBarFix(1, 4))]],
		['tempo changes out of order', {song: {tempo: {bpm: 120, changes: [{atBar: 5, bpm: 100}, {atBar: 3, bpm: 90}]}}}, [at('song.tempo.changes[1].atBar', m.tempoChangeOrder('must come after bar 5, got bar 3'))]],
		['lyrics after the song ends', {song: {lyrics: {lines: [{at: '1', text: 'ok'}, {at: '5s', text: 'too late'}]}}}, [at('song.lyrics.lines[1]', m.lyricsAfterEnd('too late', 5, 4))]],
		['a lyric ending after the song', {song: {lyrics: {lines: [{at: '2', end: '4.5s', text: 'long'}]}}}, [at('song.lyrics.lines[0]', m.lyricsEndAfterSong('long', 4.5, 4))]],
		['lyrics from a file and inline at once', {song: {lyrics: {file: 'a.lrc', lines: [{at: '1', text: 'x'}]}}, facts: {lyricsText: ''}}, [at('song.lyrics', m.lyricsBothSources())]],
		['a lyrics file that cannot be read', {song: {lyrics: {file: 'a.lrc'}}, facts: {lyricsText: {error: 'no file at public/a.lrc'}}}, [at('song.lyrics.file', m.lyricsFileMissing('a.lrc', 'no file at public/a.lrc'))]],
		['a lyrics file line past the end', {song: {lyrics: {file: 'a.srt'}}, facts: {lyricsText: '1\n00:00:05,000 --> 00:00:06,000\nlate\n'}}, ['public/a.srt: line 1: ' + m.lyricsAfterEnd('late', 5, 4)]],
		['a malformed lyrics file', {song: {lyrics: {file: 'a.lrc'}}, facts: {lyricsText: '[00:01.00]ok\nnot timed\n'}}, ['public/a.lrc: line 2: expected a line starting with a time tag like [01:23.45], got "not timed"']],
	])('reports %s', (_name, setup, expected) => {
		expect(problemsOf(setup)).toEqual(expected);
	});

	test('reports problems from several stages at once', () => {
		const problems = problemsOf({
			clips: {},
			video: {sections: {verse: {shots: [{clip: 'a.mp4'}]}, chorus: {shots: [{clip: 'b.mp4'}]}, bridge: {shots: [{clip: 'a.mp4'}]}}},
			facts: {clips: {}},
		});
		expect(problems).toHaveLength(3);
	});

	test('warns, and cuts instead, when a transition is shorter than a frame', () => {
		const {warnings, timeline} = compile({video: {defaults: {transition: {type: 'fade', lengthInBeats: 0.01}}}});
		expect(timeline.shots.every((s) => s.transitionIn === null)).toBe(true);
		expect(warnings.map(formatProblem)).toContain(at('videos.Main.defaults.transition', m.transitionRoundsToNothing('fade')));
	});
});
