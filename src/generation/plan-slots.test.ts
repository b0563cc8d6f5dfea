import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {formatProblem, SongreelInputError} from '../problems/problem.ts';
import {shotListSchema, type ShotListInput} from '../schemas/shot-list-schema.ts';
import {songSchema} from '../schemas/song-schema.ts';
import {videoSchema, type VideoInput} from '../schemas/video-schema.ts';
import type {Registry, Take} from '../takes/take-schema.ts';
import {compileTimeline} from '../timeline/compile-timeline.ts';
import {timelineMessages} from '../timeline/messages.ts';
import type {ProviderCapabilities} from './clip-provider.ts';
import {generationMessages as m} from './messages.ts';
import {planSlots, sizeForVideo} from './plan-slots.ts';

const FILE = 'remotion/compositions.ts';

// A public/ folder with a start image, refs/start.png (a PNG's first bytes are all the planner reads), and a text
// file named like one, refs/page.png.
const PUBLIC_DIR = mkdtempSync(path.join(os.tmpdir(), 'songreel-plan-slots-'));
mkdirSync(path.join(PUBLIC_DIR, 'refs'));
writeFileSync(path.join(PUBLIC_DIR, 'refs/start.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
writeFileSync(path.join(PUBLIC_DIR, 'refs/page.png'), '<!doctype html>');
afterAll(() => rmSync(PUBLIC_DIR, {recursive: true, force: true}));

// 120 bpm from 0 s: a beat is 15 frames at 30 fps, a bar 60 (2 s). Verse bars 1–2 (0–4 s), chorus bars 3–4 (4–8 s).
const song = songSchema.parse({
	audio: 'song.wav',
	tempo: {bpm: 120},
	sections: [{id: 'verse'}, {id: 'chorus', start: '3'}],
	lyrics: {lines: [{at: '1:1', end: '1:4', text: 'first line'}, {at: '2:2', end: '3:2', text: 'second line'}]},
});

const emptyRegistry = (): Registry => ({version: 1, projectKey: 'k', picks: {}, takes: [], ledger: []});

const completeTake = (shotId: string, n: number, file: string, patch: Partial<Take> = {}): Take => ({
	id: `${shotId}/t${n}`,
	shotId,
	provider: 'offline',
	model: 'm',
	prompt: 'p',
	params: {lengthInSeconds: 3, size: '320x180', seed: 1, referenceImage: null},
	idempotencyKey: `k:${shotId}/t${n}:a1`,
	attempt: 1,
	jobId: `job-${n}`,
	status: 'complete',
	progress: 100,
	estimatedCostUsd: 0,
	costUsd: 0,
	createdAt: '2026-01-01T00:00:00Z',
	submittedAt: null,
	completedAt: '2026-01-01T00:00:00Z',
	file,
	sha256: null,
	facts: {durationInSeconds: 3, width: 320, height: 180, fps: 30, videoCodec: 'h264', hasAudio: false},
	rating: null,
	rejectedReason: null,
	error: null,
	qc: null,
	...patch,
});

const ANY: ProviderCapabilities = {lengthsInSeconds: null, sizes: null, imageTypes: ['png', 'jpeg', 'webp'], pricePerSecondUsd: 0.5};
const RUNWAY_LIKE: ProviderCapabilities = {lengthsInSeconds: [4, 6, 8], sizes: ['1280x720', '720x1280'], imageTypes: ['png', 'jpeg'], pricePerSecondUsd: 0.5};

type Setup = {sections?: VideoInput['sections']; size?: [number, number]; capabilities?: ProviderCapabilities; registry?: Registry; shotList?: Partial<ShotListInput>; takesPerShot?: number | null};

const plan = ({sections, size = [320, 180], capabilities = ANY, registry = emptyRegistry(), shotList = {}, takesPerShot = null}: Setup = {}) => {
	const video = videoSchema.parse({
		id: 'Main',
		width: size[0],
		height: size[1],
		sections: sections ?? {
			verse: {shots: [{clip: 'a.mp4', lengthInBars: 1}, {generate: {prompt: '{section} scene: {lyric|quiet}'}}]},
			chorus: {shots: [{generate: {prompt: 'the {section}, {lyric|instrumental}', continueFrom: 'previous', takes: 1}}]},
		},
	});
	// The registry resolves generated slots to files, as gather-facts does from the real registry.
	const takes = Object.fromEntries(
		[...new Set(registry.takes.map((t) => t.shotId))].map((shotId) => {
			const picked = registry.picks[shotId];
			const take = registry.takes.find((t) => t.id === picked) ?? registry.takes.find((t) => t.shotId === shotId && t.status === 'complete');
			return [shotId, take ? {src: take.file as string, warning: null} : {error: 'no complete take'}];
		}),
	);
	const clips = {'a.mp4': {durationInSeconds: 10, width: 320, height: 180, fps: 30}, ...Object.fromEntries(registry.takes.map((t) => [t.file as string, {durationInSeconds: 3, width: 320, height: 180, fps: 30}]))};
	const {timeline, warnings} = compileTimeline({song, video, facts: {song: {durationInSeconds: 8}, clips, takes}, file: FILE});
	const result = planSlots({
		video,
		timeline,
		registry,
		shotList: shotListSchema.parse({defaults: {takes: 2, size: '640x360'}, shots: [{id: 'listed', prompt: 'x'}], ...shotList}),
		shotListFromFile: true,
		provider: {name: 'fake', capabilities, estimateCostUsd: (request) => request.lengthInSeconds * capabilities.pricePerSecondUsd},
		options: {takesPerShot, retryFailed: false, providerName: 'fake'},
		file: FILE,
		publicDir: PUBLIC_DIR,
		now: '2026-01-01T00:00:00Z',
	});
	return {...result, timeline, warnings};
};

const problemsOf = (setup: Setup): string[] => {
	try {
		plan(setup);
	} catch (error) {
		if (error instanceof SongreelInputError) {
			return error.problems.map(formatProblem);
		}
		throw error;
	}
	throw new Error('expected planning to fail');
};

describe('generation from the edit: planning slots', () => {
	test('asks for takes as long as the slot, rounded up to a whole second, with the section and the lyric sung over it', () => {
		const {slots, plan: generation, warnings} = plan();
		const verse = slots[0];
		// verse/2 runs from bar 2 (frame 60) to the chorus (frame 120): 60 frames, 2 s exactly.
		expect(verse).toMatchObject({shotId: 'Main-verse-2', slotId: 'verse/2', visibleFrames: 60, wantedInSeconds: 2, askedInSeconds: 2, size: '640x360', state: 'ready', lyric: 'second line'});
		expect(verse?.prompt).toBe('verse scene: second line');
		expect(generation.newTakes.map((t) => [t.id, t.params.lengthInSeconds, t.params.size, t.prompt])).toEqual([
			['Main-verse-2/t1', 2, '640x360', 'verse scene: second line'],
			['Main-verse-2/t2', 2, '640x360', 'verse scene: second line'],
		]);
		expect(generation.estimatedUsd).toBe(2 * 2 * 0.5);
		// Until a take exists the slot shows the background, with a warning saying how to fill it.
		expect(warnings.map((w) => w.message)).toContain(timelineMessages.generatedSlotEmpty('Main-verse-2', 'Main'));
	});

	test('rounds a slot up to the provider\'s allowed lengths and picks its size in the video\'s aspect', () => {
		const landscape = plan({size: [1920, 1080], capabilities: RUNWAY_LIKE}).slots[0];
		expect(landscape).toMatchObject({wantedInSeconds: 2, askedInSeconds: 4, size: '1280x720'});
		const vertical = plan({size: [1080, 1920], capabilities: RUNWAY_LIKE}).slots[0];
		expect(vertical).toMatchObject({askedInSeconds: 4, size: '720x1280'});
		// Transitions widen what is visible (half of the 15-frame fade before the cut: 7), and the clip start and speed count too.
		const widened = plan({
			capabilities: RUNWAY_LIKE,
			size: [1280, 720],
			sections: {verse: {transition: {type: 'fade', lengthInBeats: 1}, shots: [{clip: 'a.mp4', lengthInBars: 1}, {generate: {prompt: 'x'}, speed: 1.5, clipStartInSeconds: 0.5}]}, chorus: {shots: [{clip: 'a.mp4'}]}},
		}).slots[0];
		expect(widened?.visibleFrames).toBe(67);
		expect(widened?.wantedInSeconds).toBeCloseTo(0.5 + (67 * 1.5) / 30, 9);
		expect(widened?.askedInSeconds).toBe(4);
	});

	test.each([
		['no size in the video\'s aspect', {size: [1000, 1000] as [number, number], capabilities: RUNWAY_LIKE}, `${FILE}: videos.Main.sections.verse.shots[1]: ${m.noSizeForAspect('fake', 1000, 1000, ['1280x720', '720x1280'])}; ${m.noSizeForAspectFix()}`],
		[
			'a slot longer than the longest take',
			{capabilities: {...RUNWAY_LIKE, lengthsInSeconds: [1]}, size: [1280, 720] as [number, number], sections: {verse: {shots: [{clip: 'a.mp4', lengthInBars: 1}, {generate: {prompt: 'x'}}]}, chorus: {filler: '#000'}}},
			`${FILE}: videos.Main.sections.verse.shots[1]: ${m.slotTooLong(2, 'fake', 1)}; ${m.slotTooLongFix()}`,
		],
		['a provider without image input for a continuing shot', {capabilities: {...ANY, imageTypes: []}}, `${FILE}: videos.Main.sections.chorus.shots[0]: ${m.noImageInput('fake')}; ${m.noImageInputFix()}`],
		[
			'a shot-list id that is not there',
			{sections: {verse: {shots: [{generate: {shot: 'nope'}}]}, chorus: {filler: '#000'}}},
			`${FILE}: videos.Main.sections.verse.shots[0].generate.shot: ${m.unknownShotListShot('nope', ['listed'])}; ${m.unknownShotListShotFix()}`,
		],
		['continuing the first shot', {sections: {verse: {shots: [{generate: {prompt: 'x', continueFrom: 'previous' as const}}]}, chorus: {filler: '#000'}}}, `${FILE}: videos.Main.sections.verse.shots[0].generate.continueFrom: ${m.continueFromFirstShot()}`],
		[
			'continuing a colour',
			{sections: {verse: {filler: '#000'}, chorus: {shots: [{generate: {prompt: 'x', continueFrom: 'previous' as const}}]}}},
			`${FILE}: videos.Main.sections.chorus.shots[0].generate.continueFrom: ${m.continueFromNoClip('verse/filler', 'a colour')}`,
		],
		[
			'one generate.id for two different slots',
			{sections: {verse: {shots: [{generate: {id: 'same', prompt: 'a'}, lengthInBars: 1}, {generate: {id: 'same', prompt: 'b'}}]}, chorus: {filler: '#000'}}},
			`${FILE}: videos.Main.sections.verse.shots[1].generate.id: ${m.idSharedByDifferentSlots('same', 'videos.Main.sections.verse.shots[0]')}; ${m.idSharedByDifferentSlotsFix()}`,
		],
		[
			'a start image that is not there',
			{sections: {verse: {shots: [{generate: {prompt: 'x', referenceImage: 'refs/nope.png'}}]}, chorus: {filler: '#000'}}},
			`${FILE}: videos.Main.sections.verse.shots[0].generate.referenceImage: ${m.referenceImageMissing('refs/nope.png')}; ${m.referenceImageMissingFix()}`,
		],
		[
			'a start image of a type the provider does not take',
			{capabilities: RUNWAY_LIKE, size: [1280, 720] as [number, number], sections: {verse: {shots: [{generate: {prompt: 'x', referenceImage: 'refs/start.webp'}}]}, chorus: {filler: '#000'}}},
			`${FILE}: videos.Main.sections.verse.shots[0].generate.referenceImage: ${m.referenceImageType('refs/start.webp', 'fake', ['png', 'jpeg'])}; ${m.referenceImageTypeFix('refs/start.webp', ['png', 'jpeg'])}`,
		],
		[
			'a start image whose first bytes are not of its type',
			{sections: {verse: {shots: [{generate: {prompt: 'x', referenceImage: 'refs/page.png'}}]}, chorus: {filler: '#000'}}},
			`${FILE}: videos.Main.sections.verse.shots[0].generate.referenceImage: ${m.referenceImageNotOfItsType('refs/page.png', 'png')}; ${m.referenceImageNotOfItsTypeFix()}`,
		],
		[
			'a shot-list shot whose start image is not there',
			{sections: {verse: {shots: [{generate: {shot: 'listed'}}]}, chorus: {filler: '#000'}}, shotList: {shots: [{id: 'listed', prompt: 'x', referenceImage: 'refs/gone.jpg'}]}},
			`${FILE}: videos.Main.sections.verse.shots[0].generate.shot: ${m.shotListImage('listed', m.referenceImageMissing('refs/gone.jpg'))}; ${m.referenceImageMissingFix()}`,
		],
	])('refuses %s before anything is paid for', (_name, setup, expected) => {
		expect(problemsOf(setup)).toEqual([expected]);
	});

	test('takes a start image that is there, of a type the provider takes', () => {
		const {slots} = plan({sections: {verse: {shots: [{generate: {prompt: 'x', referenceImage: 'refs/start.png'}}]}, chorus: {filler: '#000'}}});
		expect(slots[0]?.referenceImage).toBe('refs/start.png');
	});

	test('lets a slot longer than the longest take through when the shot says how to stretch it', () => {
		const sections = {verse: {shots: [{clip: 'a.mp4', lengthInBars: 1}, {generate: {prompt: 'x'}, onShortClip: 'loop' as const}]}, chorus: {filler: '#000'}};
		expect(plan({sections, capabilities: {...RUNWAY_LIKE, lengthsInSeconds: [1]}, size: [1280, 720]}).slots[0]?.askedInSeconds).toBe(1);
	});

	test('uses a shot of the shot list: its prompt as a template, its characters and model, with the style bible', () => {
		const {slots} = plan({
			sections: {verse: {shots: [{generate: {shot: 'mara', prompt: '{shot}, close up'}}]}, chorus: {filler: '#000'}},
			shotList: {styleBible: {look: 'paper cut', characters: {Mara: 'a girl in a yellow coat'}}, shots: [{id: 'mara', prompt: 'Mara in the {section}', model: 'm2', takes: 1}]},
		});
		expect(slots[0]).toMatchObject({model: 'm2', takesWanted: 1, prompt: 'Mara in the verse, close up\nMara: a girl in a yellow coat\nLook: paper cut'});
	});

	test('plans exactly the empty slots: a slot with a usable take is left alone, one whose takes were all rejected is empty again', () => {
		const registry = emptyRegistry();
		registry.takes.push(completeTake('Main-verse-2', 1, 'takes/Main-verse-2/t1.mp4'));
		const filled = plan({registry});
		expect(filled.slots[0]?.state).toBe('filled');
		expect(filled.plan.newTakes.filter((t) => t.shotId === 'Main-verse-2')).toEqual([]);
		const rejected = emptyRegistry();
		rejected.takes.push(completeTake('Main-verse-2', 1, 'takes/Main-verse-2/t1.mp4', {rejectedReason: 'blurry'}));
		const again = plan({registry: rejected});
		expect(again.slots[0]?.state).toBe('ready');
		expect(again.plan.newTakes.map((t) => t.id)).toEqual(['Main-verse-2/t2', 'Main-verse-2/t3']);
	});

	test('a continuing slot waits for the previous slot\'s pick, then starts from the last frame the edit shows of it', () => {
		const waiting = plan().slots[1];
		expect(waiting).toMatchObject({shotId: 'Main-chorus-1', state: 'waiting', waitsFor: 'Main-verse-2', startFrame: null, estimatedUsd: 1 * 4 * 0.5});
		const registry = emptyRegistry();
		registry.takes.push(completeTake('Main-verse-2', 1, 'takes/Main-verse-2/t1.mp4'));
		// A complete take without a pick is not chosen yet: the slot still waits.
		expect(plan({registry}).slots[1]?.state).toBe('waiting');
		registry.picks['Main-verse-2'] = 'Main-verse-2/t1';
		const ready = plan({registry});
		const slot = ready.slots[1];
		expect(slot?.state).toBe('ready');
		// verse/2 shows frames 0–59 of its take: the last one shown is 59/30 s in.
		expect(slot?.startFrame).toMatchObject({src: 'takes/Main-verse-2/t1.mp4', atSeconds: 59 / 30, fromShot: 'Main-verse-2'});
		expect(slot?.startFrame?.imagePath).toMatch(/^takes\/Main-chorus-1\/start-[0-9a-f]{12}\.png$/);
		expect(ready.plan.newTakes.map((t) => [t.id, t.params.referenceImage])).toEqual([['Main-chorus-1/t1', slot?.startFrame?.imagePath]]);
	});

	test('a slot after a clip starts from that clip\'s last shown frame at once', () => {
		const {slots} = plan({sections: {verse: {shots: [{clip: 'a.mp4', clipStartInSeconds: 1}]}, chorus: {shots: [{generate: {prompt: 'x', continueFrom: 'previous'}}]}}});
		expect(slots[0]?.startFrame).toMatchObject({src: 'a.mp4', atSeconds: 1 + 119 / 30, fromShot: 'verse/1'});
	});
});

describe('sizeForVideo', () => {
	test.each([
		[{width: 1280, height: 720, sizes: null, preferred: '960x540'}, '960x540'],
		[{width: 720, height: 1280, sizes: null, preferred: '960x540'}, '720x1280'],
		[{width: 1280, height: 720, sizes: null, preferred: null}, '1280x720'],
		[{width: 1920, height: 1080, sizes: ['720x1280', '1280x720', '1920x1080'], preferred: null}, '1920x1080'],
		[{width: 640, height: 360, sizes: ['720x1280', '1280x720', '1920x1080'], preferred: null}, '1280x720'],
		[{width: 1080, height: 1080, sizes: ['720x1280', '1280x720'], preferred: null}, null],
	])('%o -> %s', (input, expected) => {
		expect(sizeForVideo(input)).toBe(expected);
	});
});
