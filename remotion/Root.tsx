import React from 'react';
import {Composition, getRemotionEnvironment} from 'remotion';
import {formatProblem, SongreelInputError} from '../src/spec/problem';
import {musicVideoPropsSchema, type Project} from '../src/spec/project-schema';
import {shotListSchema} from '../src/spec/shot-list-schema';
import {validateProject} from '../src/spec/validate-project';
import {calculateMusicVideoMetadata, COMPOSITIONS_FILE} from './calculate-music-video-metadata';
import project from './compositions';
import {MusicVideo} from './MusicVideo';
import {calculateTakesMetadata} from './calculate-takes-metadata';
import shots from './shots';
import {TakesGrid} from './TakesGrid';
import {ProblemList} from './ProblemList';

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
		</>
	);
};
