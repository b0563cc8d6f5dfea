import {describe, expect, test} from 'vitest';
import project from '../../remotion/compositions.ts';
import {formatProblem, type SongreelInputError} from '../problems/problem.ts';
import {specMessages} from '../schemas/messages.ts';
import {validateMusicVideoProps, validateProject} from '../schemas/validate-project.ts';
import {calculateMusicVideoMetadata, COMPOSITIONS_FILE} from './calculate-music-video-metadata.ts';

const {song, videos} = validateProject(project, COMPOSITIONS_FILE);

describe('calculateMusicVideoMetadata outside a render (Studio)', () => {
	test('shows the same problem lines as songreel check instead of a blank canvas', async () => {
		const broken = {song, video: {...videos[0], fps: -1}} as unknown as Parameters<typeof calculateMusicVideoMetadata>[0]['props'];
		let expected: string[] = [];
		try {
			validateMusicVideoProps(broken, COMPOSITIONS_FILE);
		} catch (error) {
			expected = (error as SongreelInputError).problems.map(formatProblem);
		}
		expect(expected).toEqual([`${COMPOSITIONS_FILE}: video.fps: must be positive, got -1`]);
		const metadata = await calculateMusicVideoMetadata({props: broken, defaultProps: broken, abortSignal: new AbortController().signal, compositionId: 'DemoVideo', isRendering: false});
		expect(metadata.props).toMatchObject({problems: expected, timeline: null});
	});
});

describe('calculateMusicVideoMetadata of a deliverable\'s composition', () => {
	test('shows a deliverable the edited video no longer declares as a problem line naming the ones it has', async () => {
		const props = {song, video: videos[0], deliverable: 'landscape-4k'} as unknown as Parameters<typeof calculateMusicVideoMetadata>[0]['props'];
		const metadata = await calculateMusicVideoMetadata({props, defaultProps: props, abortSignal: new AbortController().signal, compositionId: 'DemoVideo-landscape-4k', isRendering: false});
		expect(metadata.props).toMatchObject({problems: [`${COMPOSITIONS_FILE}: deliverable: ${specMessages.unknownDeliverable('landscape-4k', ['vertical', 'square'])}`], timeline: null});
	});
});

describe('calculateMusicVideoMetadata in a songreel render', () => {
	test('uses the timeline compiled in Node as it is: no probing, no second compile', async () => {
		const timeline = {id: 'DemoVideo', width: 640, height: 360, fps: 25, durationInFrames: 1234} as unknown as NonNullable<Parameters<typeof calculateMusicVideoMetadata>[0]['props']['timeline']>;
		const props = {song, video: videos[0], timeline, compiled: true} as unknown as Parameters<typeof calculateMusicVideoMetadata>[0]['props'];
		// Probing would fetch over HTTP, which fails here: reaching it would throw.
		const metadata = await calculateMusicVideoMetadata({props, defaultProps: props, abortSignal: new AbortController().signal, compositionId: 'SongreelRender', isRendering: true});
		expect(metadata).toMatchObject({durationInFrames: 1234, fps: 25, width: 640, height: 360});
		expect(metadata.props?.timeline).toBe(timeline);
	});
});
