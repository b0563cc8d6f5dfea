import React, {useMemo} from 'react';
import {Composition, Folder, getRemotionEnvironment} from 'remotion';
import {formatProblem, SongreelInputError} from '../problems/problem.ts';
import type {ProjectDefinition} from '../schemas/define-project.ts';
import {deliverableCompositionId} from '../schemas/deliverable-composition-id.ts';
import {generatedShotsOf} from '../schemas/generate-schema.ts';
import {projectSchemaFor} from '../schemas/project-schema.ts';
import {shotListSchema} from '../schemas/shot-list-schema.ts';
import {projectExtensions, validateProject} from '../schemas/validate-project.ts';
import {COMPOSITIONS_FILE, musicVideoMetadata} from './calculate-music-video-metadata.ts';
import {calculateTakesMetadata} from './calculate-takes-metadata.ts';
import {RENDER_COMPOSITION} from './composition-ids.ts';
import {LyricStillsComposition} from './LyricStills.tsx';
import {MusicVideo, type MusicVideoCompositionProps} from './MusicVideo.tsx';
import {ProblemList} from './ProblemList.tsx';
import {registryOf} from './songreel-registry.ts';
import {TakesGrid} from './TakesGrid.tsx';

/** Props of `SongreelCompositions`: the compositions file's default export, where it lives (for messages), and optionally the shot list. */
export type SongreelCompositionsProps = {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any project, whatever its components' props
	readonly project: ProjectDefinition<any>;
	/** The compositions file as messages should name it (default "remotion/compositions.ts"). */
	readonly file?: string;
	/** The shot list (`defineShots`): a `Takes-<shot>` review composition per shot. */
	readonly shots?: unknown;
};

/**
 * Registers a songreel project in a Remotion Root with one element: a composition per video (editable in
 * Studio) and per deliverable of a video (`DemoVideo-vertical`: the same edit at the deliverable's size), a take-review composition per shot of the shot list and per generated slot, and the compositions `songreel render` uses. A
 * broken project shows its problems in Studio, one a line, as `songreel check` prints them.
 */
export const SongreelCompositions: React.FC<SongreelCompositionsProps> = ({project, file = COMPOSITIONS_FILE, shots}) => {
	const registry = useMemo(() => registryOf(project), [project]);
	const extensions = useMemo(() => projectExtensions(project), [project]);
	const Video = useMemo(() => {
		const Bound: React.FC<MusicVideoCompositionProps> = (props) => <MusicVideo {...props} registry={registry} />;
		return Bound;
	}, [registry]);
	const calculateMetadata = useMemo(() => musicVideoMetadata({extensions, file}), [extensions, file]);
	const schema = useMemo(() => projectSchemaFor(extensions.transitions).musicVideoProps, [extensions]);
	let loaded;
	try {
		loaded = validateProject(project, file);
	} catch (error) {
		if (error instanceof SongreelInputError && !getRemotionEnvironment().isRendering) {
			return <Composition id="SongreelProblems" component={ProblemList} defaultProps={{problems: error.problems.map(formatProblem)}} durationInFrames={90} fps={30} width={1280} height={720} />;
		}
		throw error;
	}
	const parsedShots = shots === undefined ? null : shotListSchema.safeParse(shots);
	// A review composition per shot of the shot list and per generated slot of each video (`generate` in a shot).
	const takeShots = [...new Set([...(parsedShots?.success ? parsedShots.data.shots.map((shot) => shot.id) : []), ...loaded.videos.flatMap((video) => generatedShotsOf(video).map((slot) => slot.shotId))])];
	const first = loaded.videos[0] as (typeof loaded.videos)[0];
	return (
		<>
			{loaded.videos.flatMap((video) => [
				<Composition
					key={video.id}
					id={video.id}
					component={Video}
					schema={schema}
					defaultProps={{song: loaded.song, video}}
					calculateMetadata={calculateMetadata}
					width={video.width}
					height={video.height}
					fps={video.fps}
					durationInFrames={1}
				/>,
				// Each deliverable: the same edit at its size, `<video>-<deliverable>` (npx remotion render DemoVideo-vertical).
				...video.deliverables.map((deliverable) => (
					<Composition
						key={deliverableCompositionId(video.id, deliverable.id)}
						id={deliverableCompositionId(video.id, deliverable.id)}
						component={Video}
						schema={schema}
						defaultProps={{song: loaded.song, video, deliverable: deliverable.id}}
						calculateMetadata={calculateMetadata}
						width={deliverable.width}
						height={deliverable.height}
						fps={video.fps}
						durationInFrames={1}
					/>
				)),
			])}
			{takeShots.map((shotId) => (
				<Composition
					key={`Takes-${shotId}`}
					id={`Takes-${shotId}`}
					component={TakesGrid}
					defaultProps={{shotId, mode: 'grid' as const}}
					calculateMetadata={calculateTakesMetadata}
					width={1280}
					height={720}
					fps={30}
					durationInFrames={1}
				/>
			))}
			{/* What songreel's renderer uses: any video with its timeline compiled in Node, and lyric stills. */}
			<Folder name="songreel-renderer">
				<Composition id={RENDER_COMPOSITION} component={Video} schema={schema} defaultProps={{song: loaded.song, video: first}} calculateMetadata={calculateMetadata} width={first.width} height={first.height} fps={first.fps} durationInFrames={1} />
				<LyricStillsComposition />
			</Folder>
		</>
	);
};
