import {describe, expect, test} from 'vitest';
import {songSchema} from '../schemas/song-schema.ts';
import {videoSchema, type VideoInput} from '../schemas/video-schema.ts';
import {compileTimeline} from '../timeline/compile-timeline.ts';
import {type DirectRange, findDirectRanges, planRenderChunks} from './plan-render-ranges.ts';

// 120 bpm at 30 fps: a beat is 15 frames, a bar 60. Four one-bar sections, 240 frames.
const compile = (sections: VideoInput['sections'], lyrics: {at: string; end: string; text: string}[] = [], background = '#000000') =>
	compileTimeline({
		song: songSchema.parse({audio: 's.wav', tempo: {bpm: 120}, sections: [{id: 'a'}, {id: 'b', start: '2'}, {id: 'c', start: '3'}, {id: 'd', start: '4'}], lyrics: {lines: lyrics}}),
		video: videoSchema.parse({id: 'V', sections, background}),
		facts: {song: {durationInSeconds: 8}, clips: {'x.mp4': {durationInSeconds: 20, width: 640, height: 360, fps: 30}, 'y.mp4': {durationInSeconds: 20, width: 640, height: 360, fps: 30}}},
	}).timeline;

const plain = {a: {shots: [{clip: 'x.mp4'}]}, b: {shots: [{clip: 'y.mp4'}]}, c: {shots: [{clip: 'x.mp4', clipStartInSeconds: 2}]}, d: {shots: [{clip: 'y.mp4'}]}};

const spans = (ranges: readonly DirectRange[]) => ranges.map((r) => [r.layers.map((picture) => picture.shotId).join('>'), r.startFrame, r.endFrame]);

describe('findDirectRanges', () => {
	const edit = {
		a: {shots: [{clip: 'x.mp4'}]},
		b: {shots: [{clip: 'y.mp4'}], transitionIn: {type: 'slide', lengthInBeats: 1}},
		c: {shots: [{clip: 'x.mp4', kenBurns: {}}]},
		d: {shots: [{clip: 'y.mp4', clipStartInSeconds: 1}], effects: {flash: {strength: 0.5, decayInBeats: 0.5}}},
	} satisfies VideoInput['sections'];

	test('covers built-in transitions, Ken Burns moves, beat effects and lyric lines', () => {
		const ranges = findDirectRanges(compile(edit, [{at: '1:2', end: '1:3', text: 'hello'}]));
		expect(spans(ranges)).toEqual([
			['a/1', 0, 53],
			// The slide into b on frames 53-68 is one range with both shots, exiting first.
			['a/1>b/1', 53, 68],
			['b/1', 68, 120],
			['c/1', 120, 180],
			// d flashes on its downbeat (frames 180-187): drawn too, the background being black.
			['d/1', 180, 240],
		]);
		expect(ranges[1]?.transition).toEqual({type: 'slide', direction: 'from-right', startFrame: 53, durationInFrames: 15});
		expect(ranges[3]?.layers[0]).toMatchObject({kind: 'clip', kenBurns: {scale: {frames: [0, 59]}}, shotFromFrame: 120, frozen: false});
	});

	test('leaves to the browser a flash over a shot that may show a background other than black', () => {
		const sections = {...edit, d: {shots: [{clip: 'y.mp4', kenBurns: {fromScale: 0.8, toScale: 0.9}}], effects: edit.d.effects}};
		expect(spans(findDirectRanges(compile(sections, [], '#203040'))).slice(-1)).toEqual([['d/1', 188, 240]]);
		expect(spans(findDirectRanges(compile(sections))).slice(-1)).toEqual([['d/1', 180, 240]]);
		// A background it cannot draw leaves every shot that may show it to the browser.
		expect(spans(findDirectRanges(compile(sections), {canDrawBackground: false})).map(([shots]) => shots)).toEqual(['a/1', 'a/1>b/1', 'b/1']);
	});

	test('turns a fade between two playing clips into a transition of both, each with its own timing', () => {
		const timeline = compile({...plain, b: {...plain.b, transitionIn: {type: 'fade', lengthInBeats: 1}}});
		const ranges = findDirectRanges(timeline);
		expect(spans(ranges).slice(0, 3)).toEqual([
			['a/1', 0, 53],
			['a/1>b/1', 53, 68],
			['b/1', 68, 120],
		]);
		expect(ranges[1]?.transition).toEqual({type: 'fade', direction: null, startFrame: 53, durationInFrames: 15});
		// b's clip starts where its sequence starts, at the fade.
		expect(ranges[1]?.layers[1]).toMatchObject({timing: {sequenceStartFrame: 53, trimBeforeInFrames: 0, playbackRate: 1}});
		expect(ranges[2]?.layers[0]).toEqual(ranges[1]?.layers[1]);
	});
});

describe('planRenderChunks', () => {
	const browserOnly = (targetFrames: number) => ({targetFrames, minDirectFrames: Number.POSITIVE_INFINITY});

	test('cuts browser chunks about every N frames, but never inside a transition', () => {
		// The slide into c runs over frames 113-128; the cut due at 120 moves to its end.
		const timeline = compile({...plain, c: {...plain.c, transitionIn: {type: 'slide', lengthInBeats: 1}}});
		expect(planRenderChunks(timeline, browserOnly(40)).map((c) => [c.startFrame, c.endFrame, c.direct === null])).toEqual([
			[0, 40, true],
			[40, 80, true],
			[80, 128, true],
			[128, 168, true],
			[168, 208, true],
			[208, 240, true],
		]);
	});

	test('renders direct stretches directly, keeps transitions whole, and leaves project code and short stretches to the browser', () => {
		const timeline = compile({
			a: {shots: [{clip: 'x.mp4'}]},
			b: {shots: [{clip: 'y.mp4'}], transitionIn: {type: 'fade', lengthInBeats: 1}},
			c: {shots: [{clip: 'x.mp4'}], transitionIn: {type: 'wipe', lengthInBeats: 1}},
			d: {shots: [{clip: 'y.mp4', lengthInBeats: 0.2}, {component: 'Title'}]},
		});
		const chunks = planRenderChunks(timeline, {targetFrames: 50, minDirectFrames: 8});
		expect(chunks.map((c) => [c.startFrame, c.endFrame, c.direct ? spans(c.direct).map(([shots]) => shots).join(' ') : 'browser'])).toEqual([
			// a plays from 0 to the fade into b; cutting at 50 would leave a 3-frame sliver, so it stays whole.
			[0, 53, 'a/1'],
			// The fade (53-68) is never cut; b's clip is cut at the target length.
			[53, 103, 'a/1>b/1 b/1'],
			// The wipe into c (113-128) is drawn directly too, whole.
			[103, 153, 'b/1 b/1>c/1 c/1'],
			// d's 3-frame first shot rides along with c; d/2 is the project's component and needs the browser.
			[153, 183, 'c/1 d/1'],
			[183, 233, 'browser'],
			[233, 240, 'browser'],
		]);
		expect(chunks.every((chunk, i) => i === 0 || chunk.startFrame === chunks[i - 1]?.endFrame)).toBe(true);
	});

	test('starts a new direct chunk where a full one ends, without a one-frame sliver of the next shot', () => {
		const chunks = planRenderChunks(compile({a: {shots: [{clip: 'x.mp4'}]}, b: {shots: [{clip: 'y.mp4'}]}, c: {shots: [{clip: 'x.mp4'}]}, d: {shots: [{clip: 'y.mp4'}]}}), {targetFrames: 30, minDirectFrames: 8});
		expect(chunks.map((c) => [c.startFrame, c.endFrame])).toEqual(Array.from({length: 8}, (_, i) => [30 * i, 30 * (i + 1)]));
	});

	test('leaves clips the renderer cannot play straight to the browser', () => {
		const chunks = planRenderChunks(compile(plain), {targetFrames: 60, minDirectFrames: 8, canDrawDirectly: (picture) => picture.kind !== 'clip' || picture.src !== 'y.mp4'});
		expect(chunks.map((c) => c.direct !== null)).toEqual([true, false, true, false]);
	});

	test('changes the key of the chunk a changed shot is in, and no other', () => {
		const before = planRenderChunks(compile(plain), browserOnly(60));
		const after = planRenderChunks(compile({...plain, c: {shots: [{clip: 'y.mp4', clipStartInSeconds: 2}]}}), browserOnly(60));
		// Section c is frames 120-180: it overlaps the chunk from 120 only.
		expect(before.map((c, i) => c.pixelKey === after[i]?.pixelKey)).toEqual([true, true, false, true]);
	});

	test('gives equal chunks equal keys wherever they sit in time, and different keys to the browser and direct paths', () => {
		const timeline = compile({a: {shots: [{clip: 'x.mp4'}]}, b: {shots: [{clip: 'x.mp4'}]}, c: {shots: [{clip: 'x.mp4'}]}, d: {shots: [{clip: 'x.mp4'}]}});
		const strip = (key: string) => key.replace(/"id":"[a-d]\/1","sectionId":"[a-d]"/g, '');
		expect(new Set(planRenderChunks(timeline, browserOnly(60)).map((c) => strip(c.pixelKey))).size).toBe(1);
		const direct = planRenderChunks(timeline, {targetFrames: 60, minDirectFrames: 8});
		expect(direct.every((c) => c.direct !== null)).toBe(true);
		expect(strip(direct[0]?.pixelKey ?? '')).not.toBe(strip(planRenderChunks(timeline, browserOnly(60))[0]?.pixelKey ?? ''));
	});
});

describe('the project\'s own code in chunks', () => {
	const withLayer = (props: Record<string, unknown>) =>
		compileTimeline({
			song: songSchema.parse({audio: 's.wav', tempo: {bpm: 120}, sections: [{id: 'a'}, {id: 'b', start: '2'}, {id: 'c', start: '3'}, {id: 'd', start: '4'}]}),
			video: videoSchema.parse({id: 'V', sections: {...plain, c: {shots: [{clip: 'x.mp4', clipStartInSeconds: 2}], layers: [{component: 'TitleCard', props}]}}}),
			facts: {song: {durationInSeconds: 8}, clips: {'x.mp4': {durationInSeconds: 20, width: 640, height: 360, fps: 30}, 'y.mp4': {durationInSeconds: 20, width: 640, height: 360, fps: 30}}},
		}).timeline;

	test('places a section layer over its section and sends its frames to the browser', () => {
		const timeline = withLayer({title: 'one'});
		expect(timeline.layers).toEqual([{id: 'c/layer-1', component: 'TitleCard', props: {title: 'one'}, startFrame: 120, endFrame: 180, sectionId: 'c'}]);
		expect(findDirectRanges(timeline).some((range) => range.startFrame < 180 && range.endFrame > 120)).toBe(false);
	});

	test('changing a component\'s props changes the key of the chunks it shows in, and only those', () => {
		const options = {targetFrames: 60, minDirectFrames: 8, projectCode: 'code-1'};
		const before = planRenderChunks(withLayer({title: 'one'}), options);
		const after = planRenderChunks(withLayer({title: 'two'}), options);
		const changed = before.flatMap((chunk, i) => (chunk.pixelKey === after[i]?.pixelKey ? [] : [[chunk.startFrame, chunk.endFrame]]));
		expect(changed).toEqual([[120, 180]]);
		// Editing the project's code changes the same chunks.
		const recoded = planRenderChunks(withLayer({title: 'one'}), {...options, projectCode: 'code-2'});
		expect(before.flatMap((chunk, i) => (chunk.pixelKey === recoded[i]?.pixelKey ? [] : [[chunk.startFrame, chunk.endFrame]]))).toEqual([[120, 180]]);
	});
});
