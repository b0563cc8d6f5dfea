import {createNodeAssetReader} from '../assets/node-asset-reader.ts';
import {gatherFacts} from '../assets/gather-facts.ts';
import {SongreelInputError} from '../problems/problem.ts';
import type {Project} from '../schemas/project-schema.ts';
import type {Deliverable, Video} from '../schemas/video-schema.ts';
import {videoForDeliverable} from '../timeline/video-for-deliverable.ts';
import {compileTimeline, type CompileResult} from '../timeline/compile-timeline.ts';
import type {TimelineFacts} from '../timeline/timeline-facts.ts';
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

/**
 * One video's compile outcome (or one of its deliverables': `deliverable` names it and `video` is the video as that
 * deliverable draws it): its timeline and warnings, or every problem found.
 */
export type VideoCheck = {
	readonly video: Video;
	readonly deliverable: Deliverable | null;
	readonly sourceVideoId: string;
	/** What was probed for it (shared by every check of one call): clip durations and sizes, the song's length. */
	readonly facts: TimelineFacts;
} & ({readonly result: CompileResult; readonly error: null} | {readonly result: null; readonly error: SongreelInputError});

/**
 * Which shapes to compile: null, each video itself; 'all', each video and every deliverable it declares; a deliverable's
 * id, only that deliverable of each video (a video without it is a user error naming the ones it has).
 */
export type DeliverableSelection = null | 'all' | string;

const shapesOf = (videos: readonly Video[], selection: DeliverableSelection, file: string): {video: Video; deliverable: Deliverable | null; sourceId: string}[] => {
	if (selection === null) {
		return videos.map((video) => ({video, deliverable: null, sourceId: video.id}));
	}
	if (selection === 'all') {
		return videos.flatMap((video) => [{video, deliverable: null, sourceId: video.id}, ...video.deliverables.map((deliverable) => ({video: videoForDeliverable(video, deliverable), deliverable, sourceId: video.id}))]);
	}
	const lacking = videos.filter((video) => !video.deliverables.some((d) => d.id === selection));
	if (lacking.length > 0) {
		throw new SongreelInputError(
			lacking.map((video) => ({
				file: 'command line',
				path: '--deliverable',
				message: `video "${video.id}" has no deliverable "${selection}"${video.deliverables.length === 0 ? ' (it declares none)' : `; its deliverables are ${video.deliverables.map((d) => `"${d.id}"`).join(', ')}`}`,
				fix: `declare it in ${file} (videos: [{id: '${video.id}', deliverables: [{id: '${selection}', width: 1080, height: 1920}]}]) or use --deliverable all`,
			})),
		);
	}
	return videos.map((video) => {
		const deliverable = video.deliverables.find((d) => d.id === selection) as Deliverable;
		return {video: videoForDeliverable(video, deliverable), deliverable, sourceId: video.id};
	});
};

/** Probes the assets on disk once and compiles each video, collecting problems instead of stopping at the first video. */
export const compileProjectVideos = async ({
	project,
	videos,
	paths,
	onProgress,
	deliverables = null,
}: {
	project: Project;
	videos: readonly Video[];
	paths: ProjectPaths;
	/** Which shapes to compile (default: each video itself). */
	deliverables?: DeliverableSelection;
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
	const file = path.relative(paths.root, paths.compositionsFile);
	const shapes = shapesOf(videos, deliverables, file);
	const facts = await gatherFacts({song: project.song, videos, reader: counted});
	return shapes.map(({video, deliverable, sourceId}): VideoCheck => {
		try {
			// A deliverable's problems point at the video it comes from: its sections and shots are that video's.
			const videoPath = ['videos', sourceId];
			return {video, deliverable, sourceVideoId: sourceId, facts, result: compileTimeline({song: project.song, video, facts, file, videoPath}), error: null};
		} catch (error) {
			if (error instanceof SongreelInputError) {
				return {video, deliverable, sourceVideoId: sourceId, facts, result: null, error};
			}
			throw error;
		}
	});
};
