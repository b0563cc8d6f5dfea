import {type CalculateMetadataFunction, getRemotionEnvironment} from 'remotion';
import {gatherFacts} from '../assets/gather-facts.ts';
import {formatProblem, SongreelInputError} from '../problems/problem.ts';
import {NO_EXTENSIONS, type ProjectExtensions} from '../schemas/project-extensions.ts';
import {validateMusicVideoProps} from '../schemas/validate-project.ts';
import {specMessages} from '../schemas/messages.ts';
import type {Deliverable, Video} from '../schemas/video-schema.ts';
import {compileTimeline} from '../timeline/compile-timeline.ts';
import {videoForDeliverable} from '../timeline/video-for-deliverable.ts';
import {browserAssetReader} from './browser-asset-reader.ts';
import type {MusicVideoCompositionProps} from './MusicVideo.tsx';

// The deliverable a composition draws, by id; a deliverable the (edited) video no longer declares is a problem to show.
const deliverableOf = (video: Video, id: string, file: string): Deliverable => {
	const found = video.deliverables.find((deliverable) => deliverable.id === id);
	if (found === undefined) {
		throw new SongreelInputError([{file, path: 'deliverable', message: specMessages.unknownDeliverable(id, video.deliverables.map((deliverable) => deliverable.id))}]);
	}
	return found;
};

/** The file named in messages shown in Studio and in render errors, unless a project says otherwise. */
export const COMPOSITIONS_FILE = 'remotion/compositions.ts';

/** How long the error card lasts in Studio when the project has problems. */
const ERROR_CARD_FRAMES = 90;

/**
 * `calculateMetadata` of a songreel video. A render by songreel passes the timeline it compiled in Node as a
 * prop, and it is used as it is: the browser neither probes nor compiles again. Otherwise (Studio, where props
 * are edited live, or Remotion's own CLI) it validates the props, probes every asset over HTTP and compiles; bad
 * input becomes an error card in Studio listing every problem (the lines `songreel check` prints) and fails a render.
 * With `deliverable` in the props (a deliverable's composition) it compiles the video as that deliverable draws it.
 */
export const musicVideoMetadata =
	({extensions = NO_EXTENSIONS, file = COMPOSITIONS_FILE}: {extensions?: ProjectExtensions; file?: string} = {}): CalculateMetadataFunction<MusicVideoCompositionProps> =>
	async ({props}) => {
		if (props.timeline && props.compiled === true) {
			const {timeline} = props;
			return {durationInFrames: timeline.durationInFrames, fps: timeline.fps, width: timeline.width, height: timeline.height, props};
		}
		try {
			const {song, video, deliverable} = validateMusicVideoProps({song: props.song, video: props.video, deliverable: props.deliverable}, file, extensions);
			const facts = await gatherFacts({song, videos: [video], reader: browserAssetReader});
			const {timeline, warnings} = compileTimeline({song, video: deliverable === undefined ? video : videoForDeliverable(video, deliverableOf(video, deliverable, file)), facts, file});
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

/** `calculateMetadata` for a project with none of its own code. */
export const calculateMusicVideoMetadata = musicVideoMetadata();
