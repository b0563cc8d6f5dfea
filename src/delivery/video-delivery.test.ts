import {describe, expect, test} from 'vitest';
import {specMessages} from '../schemas/messages.ts';
import type {ProjectInput} from '../schemas/project-schema.ts';
import {projectProblems, validateProject} from '../schemas/validate-project.ts';
import {videoDelivery} from './loudness-options.ts';

const FILE = 'remotion/compositions.ts';

const projectWith = (videoPatch: Record<string, unknown>, sectionPatch: Record<string, unknown> = {}): ProjectInput =>
	({
		song: {audio: 'song.wav', tempo: {bpm: 120}, sections: [{id: 'verse'}, {id: 'chorus', start: '5'}]},
		videos: [{id: 'Main', sections: {verse: {shots: [{clip: 'a.mp4'}], ...sectionPatch}, chorus: {shots: [{clip: 'c.mp4'}]}}, ...videoPatch}],
	}) as ProjectInput;


describe('per-video delivery settings', () => {
	test('a video\'s loudness is used when the command line gives none, with the default ceiling', () => {
		const [video] = validateProject(projectWith({loudness: {targetLufs: -14}}), FILE).videos;
		expect(videoDelivery({loudness: null}, video!)).toEqual({loudness: {targetLufs: -14, truePeakCeilingDbtp: -1}});
	});

	test('--loudness overrides the video\'s setting', () => {
		const [video] = validateProject(projectWith({loudness: {targetLufs: -14, truePeakCeilingDbtp: -2}}), FILE).videos;
		expect(videoDelivery({loudness: {targetLufs: -23, truePeakCeilingDbtp: -1}}, video!).loudness).toEqual({targetLufs: -23, truePeakCeilingDbtp: -1});
	});

	test('without either the song is untouched', () => {
		const [video] = validateProject(projectWith({}), FILE).videos;
		expect(videoDelivery({loudness: null}, video!)).toEqual({loudness: null});
	});

	test('section titles name the chapters; untitled sections keep their id', () => {
		const [video] = validateProject(projectWith({}, {title: 'First verse'}), FILE).videos;
		expect(videoDelivery({loudness: null}, video!).chapterTitles).toEqual({verse: 'First verse'});
	});

	test.each([
		[{loudness: {targetLufs: 3}}, {}, `${FILE}: videos[0].loudness.targetLufs: ${specMessages.mustBeAtMost(0, 3)}`],
		[{loudness: {targetLufs: -80}}, {}, `${FILE}: videos[0].loudness.targetLufs: ${specMessages.mustBeAtLeast(-70, -80)}`],
		[{loudness: {targetLufs: -14, truePeakCeilingDbtp: 1}}, {}, `${FILE}: videos[0].loudness.truePeakCeilingDbtp: ${specMessages.mustBeAtMost(0, 1)}`],
		[{}, {title: '   '}, `${FILE}: videos[0].sections.verse.title: `],
	])('refuses %j %j with one line naming the field', (videoPatch, sectionPatch, line) => {
		const problems = projectProblems(projectWith(videoPatch, sectionPatch), FILE);
		expect(problems).toHaveLength(1);
		expect(problems[0]?.startsWith(line)).toBe(true);
	});
});
