import {describe, expect, test} from 'vitest';
import project from '../../remotion/compositions.ts';
import {formatProblem, type SongreelInputError} from '../problems/problem.ts';
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
