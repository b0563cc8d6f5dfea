import {createNodeAssetReader} from '../assets/node-asset-reader.ts';
import {gatherFacts} from '../assets/gather-facts.ts';
import {SongreelInputError} from '../problems/problem.ts';
import type {Project} from '../schemas/project-schema.ts';
import type {Video} from '../schemas/video-schema.ts';
import {compileTimeline, type CompileResult} from '../timeline/compile-timeline.ts';
import type {ProjectPaths} from './load-project.ts';
import path from 'node:path';

/** Picks videos by id (all when `ids` is empty); an unknown id is a user error that lists the known ones. */
export const selectVideos = (project: Project, ids: readonly string[], file: string): Video[] => {
	if (ids.length === 0) {
		return [...project.videos];
	}
	const known = project.videos.map((video) => video.id);
	const unknown = ids.filter((id) => !known.includes(id));
	if (unknown.length > 0) {
		throw new SongreelInputError(unknown.map((id) => ({file, path: '', message: `no composition "${id}"; the compositions are ${known.map((k) => `"${k}"`).join(', ')}`})));
	}
	return project.videos.filter((video) => ids.includes(video.id));
};

/** One video's compile outcome: its timeline and warnings, or every problem found. */
export type VideoCheck = {readonly video: Video} & ({readonly result: CompileResult; readonly error: null} | {readonly result: null; readonly error: SongreelInputError});

/** Probes the assets on disk once and compiles each video, collecting problems instead of stopping at the first video. */
export const compileProjectVideos = async ({
	project,
	videos,
	paths,
	onProgress,
}: {
	project: Project;
	videos: readonly Video[];
	paths: ProjectPaths;
	/** Hears how many of the media files asked about have been probed. */
	onProgress?: (update: {readonly phase: string; readonly done: number; readonly total: number}) => void;
}): Promise<VideoCheck[]> => {
	const reader = createNodeAssetReader(paths.publicDir, {probeCacheFile: path.join(paths.root, '.songreel/cache/decoded-ends.json')});
	let asked = 0;
	let answered = 0;
	const counted: typeof reader =
		onProgress === undefined
			? reader
			: {
					...reader,
					probeMedia: (src) => {
						asked++;
						onProgress({phase: 'probing media', done: answered, total: asked});
						return reader.probeMedia(src).finally(() => {
							answered++;
							onProgress({phase: 'probing media', done: answered, total: asked});
						});
					},
				};
	const facts = await gatherFacts({song: project.song, videos, reader: counted});
	const file = path.relative(paths.root, paths.compositionsFile);
	return videos.map((video): VideoCheck => {
		try {
			return {video, result: compileTimeline({song: project.song, video, facts, file}), error: null};
		} catch (error) {
			if (error instanceof SongreelInputError) {
				return {video, result: null, error};
			}
			throw error;
		}
	});
};
