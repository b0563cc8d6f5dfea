import {type CalculateMetadataFunction, getRemotionEnvironment} from 'remotion';
import {gatherFacts} from '../assets/gather-facts.ts';
import {formatProblem, SongreelInputError} from '../problems/problem.ts';
import {validateMusicVideoProps} from '../schemas/validate-project.ts';
import {compileTimeline} from '../timeline/compile-timeline.ts';
import {browserAssetReader} from './browser-asset-reader.ts';
import type {MusicVideoCompositionProps} from './MusicVideo.tsx';

/** The file named in messages shown in Studio and in render errors. */
export const COMPOSITIONS_FILE = 'remotion/compositions.ts';

/** How long the error card lasts in Studio when the project has problems. */
const ERROR_CARD_FRAMES = 90;

/**
 * Loads and probes every asset, then compiles the timeline. In Studio, bad input becomes an error card
 * listing every problem (the same lines `songreel check` prints); in a render it fails the render.
 */
export const calculateMusicVideoMetadata: CalculateMetadataFunction<MusicVideoCompositionProps> = async ({props}) => {
	try {
		const {song, video} = validateMusicVideoProps({song: props.song, video: props.video}, COMPOSITIONS_FILE);
		const facts = await gatherFacts({song, videos: [video], reader: browserAssetReader});
		const {timeline, warnings} = compileTimeline({song, video, facts, file: COMPOSITIONS_FILE});
		for (const warning of warnings) {
			console.warn(formatProblem(warning));
		}
		return {
			durationInFrames: timeline.durationInFrames,
			fps: timeline.fps,
			width: timeline.width,
			height: timeline.height,
			props: {...props, timeline, problems: null},
		};
	} catch (error) {
		if (error instanceof SongreelInputError && !getRemotionEnvironment().isRendering) {
			return {durationInFrames: ERROR_CARD_FRAMES, props: {...props, timeline: null, problems: error.problems.map(formatProblem)}};
		}
		throw error;
	}
};
