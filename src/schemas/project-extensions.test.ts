import {describe, expect, test} from 'vitest';
import {z} from 'zod';
import {formatProblem, SongreelInputError} from '../problems/problem.ts';
import {specMessages as m} from './messages.ts';
import {validateProject} from './validate-project.ts';

const FILE = 'remotion/compositions.ts';
const TitleCard = (props: {title: string}): unknown => props.title;
const Visualiser = (): unknown => null;
const swirl = (props: {turns?: number}) => ({component: () => null, props});

const project = (videoPatch: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): unknown => ({
	song: {audio: 'song.wav', tempo: {bpm: 120}, sections: [{id: 'verse'}, {id: 'chorus', start: '5'}]},
	videos: [{id: 'Main', sections: {verse: {shots: [{clip: 'a.mp4'}]}, chorus: {shots: [{clip: 'c.mp4'}]}}, ...videoPatch}],
	components: {TitleCard: {component: TitleCard, schema: z.strictObject({title: z.string()})}, Visualiser},
	transitions: {swirl},
	lyricRenderers: {kinetic: Visualiser},
	...extra,
});

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

const at = (path: string, message: string, fix?: string): string => `${FILE}: ${path}: ${message}${fix ? `; ${fix}` : ''}`;

describe('a project with its own components, transitions and lyric renderers', () => {
	test('accepts layers, component shots, its own transition by name and its own lyric renderer', () => {
		expect(
			problemsOf(
				project({
					layers: [{component: 'TitleCard', at: 'verse', lengthInBars: 2, props: {title: 'Paper Skies'}}],
					defaults: {lyrics: {renderer: 'kinetic'}},
					sections: {
						verse: {shots: [{clip: 'a.mp4'}, {component: 'Visualiser', lengthInBars: 1}], transition: {type: 'swirl', lengthInBeats: 1, props: {turns: 2}}, layers: [{component: 'Visualiser'}]},
						chorus: {shots: [{clip: 'c.mp4'}]},
					},
				}),
			),
		).toEqual([]);
	});

	test.each([
		[
			'a layer naming a component that is not registered',
			project({layers: [{component: 'TitelCard'}]}),
			[at('videos[0].layers[0].component', m.unknownComponent('TitelCard', ['TitleCard', 'Visualiser']), m.unknownComponentFix())],
		],
		[
			'props that fail the component\'s schema',
			project({layers: [{component: 'TitleCard', props: {title: 3}}]}),
			[at('videos[0].layers[0].props.title', m.wrongType('string', 3))],
		],
		[
			'a shot naming a component and a clip',
			project({sections: {verse: {shots: [{clip: 'a.mp4', component: 'Visualiser'}]}, chorus: {shots: [{clip: 'c.mp4'}]}}}),
			[at('videos[0].sections.verse.shots[0]', m.clipOrTake())],
		],
		[
			'a transition that is not registered',
			project({sections: {verse: {shots: [{clip: 'a.mp4'}], transitionIn: {type: 'swril'}}, chorus: {shots: [{clip: 'c.mp4'}]}}}),
			[at('videos[0].sections.verse.transitionIn.type', m.unknownVariant('type', 'swril', ['none', 'fade', 'slide', 'wipe', 'flip', 'iris', 'clockWipe', 'swirl']))],
		],
		[
			'a lyric renderer that is not registered',
			project({sections: {verse: {shots: [{clip: 'a.mp4'}], lyrics: {renderer: 'kinetik'}}, chorus: {shots: [{clip: 'c.mp4'}]}}}),
			[at('videos[0].sections.verse.lyrics.renderer', m.unknownLyricRenderer('kinetik', ['kinetic']), m.unknownLyricRendererFix())],
		],
		[
			'a registered component that is not a React component',
			project({}, {components: {TitleCard: 'TitleCard'}}),
			[at('components.TitleCard', m.notAComponent('TitleCard'))],
		],
		[
			'a transition named like a built-in one',
			project({}, {transitions: {fade: swirl}}),
			[at('transitions.fade', m.transitionNameTaken('fade'))],
		],
		[
			'a layer with two lengths',
			project({layers: [{component: 'Visualiser', lengthInBars: 1, until: 'chorus'}]}),
			[at('videos[0].layers[0]', m.atMostOneLayerLength(['lengthInBars', 'until']))],
		],
	])('refuses %s with one line at its path', (_name, input, expected) => {
		expect(problemsOf(input)).toEqual(expected);
	});
});
