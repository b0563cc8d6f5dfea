import {describe, expect, test} from 'vitest';
import {z} from 'zod';
import {specMessages} from './messages.ts';
import type {ProjectInput} from './project-schema.ts';
import {projectProblems, validateProject} from './validate-project.ts';

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


describe('validateProject', () => {
	test('accepts a valid project and fills defaults', () => {
		const valid = validateProject(project(), FILE);
		expect(valid.videos[0]).toMatchObject({width: 1280, height: 720, fps: 30, defaults: {fit: 'cover', transition: {type: 'none'}}});
		expect(valid.song.tempo).toEqual({bpm: 120, beatsPerBar: 4, firstDownbeatInSeconds: 0, changes: []});
	});

	test('reports a negative length with its path in the user\'s terms and the value given', () => {
		const input = project({sections: {verse: {shots: [{clip: 'a.mp4'}, {clip: 'b.mp4'}, {clip: 'c.mp4', lengthInBeats: -2}]}, chorus: {shots: [{clip: 'c.mp4'}]}}});
		expect(projectProblems(input, FILE)).toEqual([`${FILE}: videos[0].sections.verse.shots[2].lengthInBeats: ${specMessages.mustBePositive(-2)}`]);
	});

	test('reports every problem at once, one per line', () => {
		const input = project({width: 'wide', fps: 0}, {tempo: {bpm: -1}});
		expect(projectProblems(input, FILE)).toEqual([
			`${FILE}: song.tempo.bpm: ${specMessages.mustBePositive(-1)}`,
			`${FILE}: videos[0].width: ${specMessages.wrongType('number', 'wide')}`,
			`${FILE}: videos[0].fps: ${specMessages.mustBePositive(0)}`,
		]);
	});

	test('names an unknown field and lists the fields that exist there', () => {
		const [line] = projectProblems(project({sections: {verse: {shots: [{clip: 'a.mp4', lenghtInBeats: 4}]}, chorus: {shots: [{clip: 'c.mp4'}]}}}), FILE);
		expect(line).toContain('videos[0].sections.verse.shots[0].lenghtInBeats: unknown field "lenghtInBeats" (known fields: clip, take, lengthInBeats,');
	});

	test('names an unknown transition type and the types that exist', () => {
		const input = project({defaults: {transition: {type: 'dissolve'}}});
		expect(projectProblems(input, FILE)).toEqual([
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
		['a generated shot that also names a clip', {sections: {verse: {shots: [{clip: 'a.mp4', generate: {prompt: 'x'}}]}, chorus: {shots: [{clip: 'c.mp4'}]}}}, 'videos[0].sections.verse.shots[0]', specMessages.generateWithSource()],
		['a generated shot with neither prompt nor shot', {sections: {verse: {shots: [{generate: {takes: 2}}]}, chorus: {shots: [{clip: 'c.mp4'}]}}}, 'videos[0].sections.verse.shots[0].generate', specMessages.generatePromptOrShot()],
		[
			'a generated shot starting from two images',
			{sections: {verse: {shots: [{generate: {prompt: 'x', referenceImage: 'refs/a.png', continueFrom: 'previous'}}]}, chorus: {shots: [{clip: 'c.mp4'}]}}},
			'videos[0].sections.verse.shots[0].generate',
			specMessages.generateImageTwice(),
		],
		[
			'an unknown prompt template field',
			{sections: {verse: {shots: [{generate: {prompt: 'in the {sectoin}'}}]}, chorus: {shots: [{clip: 'c.mp4'}]}}},
			'videos[0].sections.verse.shots[0].generate.prompt',
			specMessages.unknownPromptField('sectoin', ['section', 'lyric', 'video', 'shot']),
		],
		['continueFrom other than "previous"', {sections: {verse: {shots: [{clip: 'a.mp4'}, {generate: {prompt: 'x', continueFrom: 'next'}}]}, chorus: {shots: [{clip: 'c.mp4'}]}}}, 'videos[0].sections.verse.shots[1].generate.continueFrom', specMessages.oneOf(['previous'], 'next')],
	])('reports %s', (_name, patch, path, message) => {
		const input = patch === null ? {...project(), videos: []} : project(patch);
		expect(projectProblems(input, FILE)).toEqual([`${FILE}: ${path}: ${message}`]);
	});

	test('reports a malformed position with the forms it accepts', () => {
		const [line] = projectProblems(project({}, {sections: [{id: 'verse'}, {id: 'chorus', start: 'bar 5'}]}), FILE);
		expect(line).toBe(`${FILE}: song.sections[1].start: expected a position like "5" (bar 5), "5:3" (bar 5, beat 3) or "12.5s" (seconds)`);
	});

	test('reports a duplicate composition id', () => {
		const base = project();
		const input = {...base, videos: [...base.videos, ...base.videos]};
		expect(projectProblems(input, FILE)).toEqual([`${FILE}: videos[1].id: ${specMessages.duplicateVideoId('Main')}`]);
	});

	test('reports a file that does not export a project', () => {
		expect(projectProblems(undefined, FILE)).toEqual([`${FILE}: ${specMessages.notAProject()}`]);
	});
});

const at = (path: string, message: string, fix?: string): string => `${FILE}: ${path}: ${message}${fix ? `; ${fix}` : ''}`;

const TitleCard = (props: {title: string}): unknown => props.title;
const Visualiser = (): unknown => null;
const swirl = (props: {turns?: number}) => ({component: () => null, props});

const projectWithCode = (videoPatch: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): unknown => ({
	song: {audio: 'song.wav', tempo: {bpm: 120}, sections: [{id: 'verse'}, {id: 'chorus', start: '5'}]},
	videos: [{id: 'Main', sections: {verse: {shots: [{clip: 'a.mp4'}]}, chorus: {shots: [{clip: 'c.mp4'}]}}, ...videoPatch}],
	components: {TitleCard: {component: TitleCard, schema: z.strictObject({title: z.string()})}, Visualiser},
	transitions: {swirl},
	lyricRenderers: {kinetic: Visualiser},
	...extra,
});


describe('a project with its own components, transitions and lyric renderers', () => {
	test('accepts layers, component shots, its own transition by name and its own lyric renderer', () => {
		expect(
			projectProblems(
				projectWithCode({
					layers: [{component: 'TitleCard', at: 'verse', lengthInBars: 2, props: {title: 'Paper Skies'}}],
					defaults: {lyrics: {renderer: 'kinetic'}},
					sections: {
						verse: {shots: [{clip: 'a.mp4'}, {component: 'Visualiser', lengthInBars: 1}], transition: {type: 'swirl', lengthInBeats: 1, props: {turns: 2}}, layers: [{component: 'Visualiser'}]},
						chorus: {shots: [{clip: 'c.mp4'}]},
					},
				}),
				FILE,
			),
		).toEqual([]);
	});

	test.each([
		[
			'a layer naming a component that is not registered',
			projectWithCode({layers: [{component: 'TitelCard'}]}),
			[at('videos[0].layers[0].component', specMessages.unknownComponent('TitelCard', ['TitleCard', 'Visualiser']), specMessages.unknownComponentFix())],
		],
		[
			'props that fail the component\'s schema',
			projectWithCode({layers: [{component: 'TitleCard', props: {title: 3}}]}),
			[at('videos[0].layers[0].props.title', specMessages.wrongType('string', 3))],
		],
		[
			'a shot naming a component and a clip',
			projectWithCode({sections: {verse: {shots: [{clip: 'a.mp4', component: 'Visualiser'}]}, chorus: {shots: [{clip: 'c.mp4'}]}}}),
			[at('videos[0].sections.verse.shots[0]', specMessages.clipOrTake())],
		],
		[
			'a transition that is not registered',
			projectWithCode({sections: {verse: {shots: [{clip: 'a.mp4'}], transitionIn: {type: 'swril'}}, chorus: {shots: [{clip: 'c.mp4'}]}}}),
			[at('videos[0].sections.verse.transitionIn.type', specMessages.unknownVariant('type', 'swril', ['none', 'fade', 'slide', 'wipe', 'flip', 'iris', 'clockWipe', 'swirl']))],
		],
		[
			'a lyric renderer that is not registered',
			projectWithCode({sections: {verse: {shots: [{clip: 'a.mp4'}], lyrics: {renderer: 'kinetik'}}, chorus: {shots: [{clip: 'c.mp4'}]}}}),
			[at('videos[0].sections.verse.lyrics.renderer', specMessages.unknownLyricRenderer('kinetik', ['kinetic']), specMessages.unknownLyricRendererFix())],
		],
		[
			'a registered component that is not a React component',
			projectWithCode({}, {components: {TitleCard: 'TitleCard'}}),
			[at('components.TitleCard', specMessages.notAComponent('TitleCard'))],
		],
		[
			'a transition named like a built-in one',
			projectWithCode({}, {transitions: {fade: swirl}}),
			[at('transitions.fade', specMessages.transitionNameTaken('fade'))],
		],
		[
			'a layer with two lengths',
			projectWithCode({layers: [{component: 'Visualiser', lengthInBars: 1, until: 'chorus'}]}),
			[at('videos[0].layers[0]', specMessages.atMostOneLayerLength(['lengthInBars', 'until']))],
		],
	])('refuses %s with one line at its path', (_name, input, expected) => {
		expect(projectProblems(input, FILE)).toEqual(expected);
	});
});
