import React from 'react';
import {Composition, Folder, getRemotionEnvironment} from 'remotion';
import {formatProblem, SongreelInputError} from '../src/problems/problem.ts';
import {musicVideoPropsSchema, type Project} from '../src/schemas/project-schema.ts';
import {shotListSchema} from '../src/schemas/shot-list-schema.ts';
import {validateProject} from '../src/schemas/validate-project.ts';
import {calculateMusicVideoMetadata, COMPOSITIONS_FILE} from '../src/remotion/calculate-music-video-metadata.ts';
import project from './compositions.ts';
import {MusicVideo} from '../src/remotion/MusicVideo.tsx';
import {calculateTakesMetadata} from '../src/remotion/calculate-takes-metadata.ts';
import shots from './shots.ts';
import {TakesGrid} from '../src/remotion/TakesGrid.tsx';
import {ProblemList} from '../src/remotion/ProblemList.tsx';
import {calculateLyricStillsMetadata, LyricStills, type LyricStillsProps} from '../src/remotion/LyricStills.tsx';
import {LYRIC_STILLS_COMPOSITION, RENDER_COMPOSITION} from '../src/remotion/composition-ids.ts';

const load = (): {project: Project; problems: null} | {project: null; problems: string[]} => {
	try {
		return {project: validateProject(project, COMPOSITIONS_FILE), problems: null};
	} catch (error) {
		if (error instanceof SongreelInputError && !getRemotionEnvironment().isRendering) {
			return {project: null, problems: error.problems.map(formatProblem)};
		}
		throw error;
	}
};

// A review composition per shot of the shot list; a broken shot list is reported by "songreel generate".
const parsedShots = shotListSchema.safeParse(shots);
const takeShots = parsedShots.success ? parsedShots.data.shots.map((shot) => shot.id) : [];

/** Registers one composition per video of the compositions file; a broken file shows its problems in Studio. */
export const RemotionRoot: React.FC = () => {
	const loaded = load();
	if (loaded.problems) {
		return <Composition id="SongreelProblems" component={ProblemList} defaultProps={{problems: loaded.problems}} durationInFrames={90} fps={30} width={1280} height={720} />;
	}
	return (
		<>
			{loaded.project.videos.map((video) => (
				<Composition
					key={video.id}
					id={video.id}
					component={MusicVideo}
					schema={musicVideoPropsSchema}
					defaultProps={{song: loaded.project.song, video}}
					calculateMetadata={calculateMusicVideoMetadata}
					width={video.width}
					height={video.height}
					fps={video.fps}
					durationInFrames={1}
				/>
			))}
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
			{/* What songreel's renderer uses: any video's props (so --compositions files render too), and lyric stills. */}
			<Folder name="songreel-renderer">
				<Composition
					id={RENDER_COMPOSITION}
					component={MusicVideo}
					schema={musicVideoPropsSchema}
					defaultProps={{song: loaded.project.song, video: loaded.project.videos[0] as (typeof loaded.project.videos)[0]}}
					calculateMetadata={calculateMusicVideoMetadata}
					width={1280}
					height={720}
					fps={30}
					durationInFrames={1}
				/>
				<Composition
					id={LYRIC_STILLS_COMPOSITION}
					component={LyricStills}
					defaultProps={{frameWidth: 1280, frameHeight: 720, width: 1280, height: 720, slotHeight: 720, fps: 30, lines: [], captures: []} satisfies LyricStillsProps}
					calculateMetadata={calculateLyricStillsMetadata}
					width={1280}
					height={720}
					fps={30}
					durationInFrames={1}
				/>
			</Folder>
		</>
	);
};
