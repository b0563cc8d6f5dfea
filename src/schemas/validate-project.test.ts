import {describe, expect, test} from 'vitest';
import {specMessages} from './messages.ts';
import {formatProblem, SongreelInputError} from '../problems/problem.ts';
import type {ProjectInput} from './project-schema.ts';
import {validateProject} from './validate-project.ts';

const FILE = 'remotion/compositions.ts';

const project = (videoPatch: Record<string, unknown> = {}, songPatch: Record<string, unknown> = {}): ProjectInput =>
	({
		song: {audio: 'song.wav', tempo: {bpm: 120}, sections: [{id: 'verse'}, {id: 'chorus', start: '5'}], ...songPatch},
		videos: [
			{
				id: 'Main',
				sections: {verse: {shots: [{clip: 'a.mp4', lengthInBeats: 4}, {clip: 'b.mp4'}]}, chorus: {shots: [{clip: 'c.mp4'}]}},
				...videoPatch,
			},
		],
	}) as ProjectInput;

const problemsOf = (input: unknown): string[] => {
	try {
		validateProject(input, FILE);
	} catch (error) {
		if (error instanceof SongreelInputError) {
			return error.problems.map(formatProblem);
		}
		throw error;
	}
	return [];
};

describe('validateProject', () => {
	test('accepts a valid project and fills defaults', () => {
		const valid = validateProject(project(), FILE);
		expect(valid.videos[0]).toMatchObject({width: 1280, height: 720, fps: 30, defaults: {fit: 'cover', transition: {type: 'none'}}});
		expect(valid.song.tempo).toEqual({bpm: 120, beatsPerBar: 4, firstDownbeatInSeconds: 0, changes: []});
	});

	test('reports a negative length with its path in the user\'s terms and the value given', () => {
		const input = project({sections: {verse: {shots: [{clip: 'a.mp4'}, {clip: 'b.mp4'}, {clip: 'c.mp4', lengthInBeats: -2}]}, chorus: {shots: [{clip: 'c.mp4'}]}}});
		expect(problemsOf(input)).toEqual([`${FILE}: videos[0].sections.verse.shots[2].lengthInBeats: ${specMessages.mustBePositive(-2)}`]);
	});

	test('reports every problem at once, one per line', () => {
		const input = project({width: 'wide', fps: 0}, {tempo: {bpm: -1}});
		expect(problemsOf(input)).toEqual([
			`${FILE}: song.tempo.bpm: ${specMessages.mustBePositive(-1)}`,
			`${FILE}: videos[0].width: ${specMessages.wrongType('number', 'wide')}`,
			`${FILE}: videos[0].fps: ${specMessages.mustBePositive(0)}`,
		]);
	});

	test('names an unknown field and lists the fields that exist there', () => {
		const [line] = problemsOf(project({sections: {verse: {shots: [{clip: 'a.mp4', lenghtInBeats: 4}]}, chorus: {shots: [{clip: 'c.mp4'}]}}}));
		expect(line).toContain('videos[0].sections.verse.shots[0].lenghtInBeats: unknown field "lenghtInBeats" (known fields: clip, take, lengthInBeats,');
	});

	test('names an unknown transition type and the types that exist', () => {
		const input = project({defaults: {transition: {type: 'dissolve'}}});
		expect(problemsOf(input)).toEqual([
			`${FILE}: videos[0].defaults.transition.type: ${specMessages.unknownVariant('type', 'dissolve', ['none', 'fade', 'slide', 'wipe', 'flip', 'iris', 'clockWipe'])}`,
		]);
	});

	test.each([
		['a bad enum value', {defaults: {fit: 'stretch'}}, 'videos[0].defaults.fit', specMessages.oneOf(['cover', 'contain'], 'stretch')],
		['a shot with neither clip nor take', {sections: {verse: {shots: [{lengthInBeats: 4}]}, chorus: {shots: [{clip: 'c.mp4'}]}}}, 'videos[0].sections.verse.shots[0]', specMessages.clipOrTake()],
		['a shot with both clip and take', {sections: {verse: {shots: [{clip: 'a.mp4', take: 'rooftop'}]}, chorus: {shots: [{clip: 'c.mp4'}]}}}, 'videos[0].sections.verse.shots[0]', specMessages.clipOrTake()],
		['two lengths on one shot', {sections: {verse: {shots: [{clip: 'a.mp4', lengthInBeats: 4, lengthInSeconds: 2}]}, chorus: {shots: [{clip: 'c.mp4'}]}}}, 'videos[0].sections.verse.shots[0]', specMessages.atMostOneLength(['lengthInBeats', 'lengthInSeconds'])],
		['a section with neither shots nor filler', {sections: {verse: {}, chorus: {shots: [{clip: 'c.mp4'}]}}}, 'videos[0].sections.verse', specMessages.shotsOrFiller()],
		['an empty video list', null, 'videos', specMessages.tooFewItems(1)],
	])('reports %s', (_name, patch, path, message) => {
		const input = patch === null ? {...project(), videos: []} : project(patch);
		expect(problemsOf(input)).toEqual([`${FILE}: ${path}: ${message}`]);
	});

	test('reports a malformed position with the forms it accepts', () => {
		const [line] = problemsOf(project({}, {sections: [{id: 'verse'}, {id: 'chorus', start: 'bar 5'}]}));
		expect(line).toBe(`${FILE}: song.sections[1].start: expected a position like "5" (bar 5), "5:3" (bar 5, beat 3) or "12.5s" (seconds)`);
	});

	test('reports a duplicate composition id', () => {
		const base = project();
		const input = {...base, videos: [...base.videos, ...base.videos]};
		expect(problemsOf(input)).toEqual([`${FILE}: videos[1].id: ${specMessages.duplicateVideoId('Main')}`]);
	});

	test('reports a file that does not export a project', () => {
		expect(problemsOf(undefined)).toEqual([`${FILE}: ${specMessages.notAProject()}`]);
	});
});
