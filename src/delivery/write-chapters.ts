import {rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {runFfmpeg} from '../media/remotion-ffmpeg.ts';
import {writeFileAtomically} from '../media/write-file-atomically.ts';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {buildChapters, type ChapterPlan, serializeYoutubeChapters} from './build-chapters.ts';
import {encodeChaptersMkv} from './encode-chapters-mkv.ts';

/** `<dir>/<id>.chapters.txt` beside a video `<dir>/<id>.mp4`. */
export const chaptersTextPath = (videoPath: string): string => videoPath.replace(/\.[^./]+$/, '') + '.chapters.txt';

/**
 * Adds a rendered video's sections to its MP4 as chapters (by stream copy: picture and sound are not touched; the MP4 is
 * replaced atomically) and writes `<id>.chapters.txt` in YouTube's description form beside it. Returns the plan, whose
 * warnings say what YouTube needed changed. Call it after the MP4 exists and after anything that re-muxes the audio.
 */
export const writeChapters = async ({timeline, videoPath, titles}: {readonly timeline: ResolvedTimeline; readonly videoPath: string; readonly titles?: Readonly<Record<string, string>>}): Promise<ChapterPlan & {readonly textPath: string}> => {
	const plan = buildChapters({timeline, ...(titles === undefined ? {} : {titles})});
	const stem = path.join(path.dirname(videoPath), `${path.basename(videoPath)}.tmp-chapters-${process.pid}`);
	const mkvPath = `${stem}.mkv`;
	const mp4Path = `${stem}.mp4`;
	try {
		await writeFileAtomically(mkvPath, encodeChaptersMkv(plan.mp4, (timeline.durationInFrames / timeline.fps) * 1000));
		await runFfmpeg(['-y', '-i', videoPath, '-i', mkvPath, '-map', '0:v', '-map', '0:a?', '-map_metadata', '0', '-map_chapters', '1', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', mp4Path]).done;
		await rename(mp4Path, videoPath);
	} finally {
		await rm(mkvPath, {force: true});
		await rm(mp4Path, {force: true});
	}
	const textPath = chaptersTextPath(videoPath);
	await writeFileAtomically(textPath, serializeYoutubeChapters(plan));
	return {...plan, textPath};
};
