import {once} from 'node:events';
import {mkdir, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {runFfmpeg} from '../../media/remotion-ffmpeg.ts';
import {aviFrameChunkHeader, aviHeader} from '../../media/avi-header.ts';
import {blendStartImage, drawProceduralFrame, frameStride, type ProceduralClipSpec} from './procedural-frames.ts';

/** Renders a procedural clip to an H.264 MP4 with Remotion's ffmpeg; written to a temp file, then renamed. */
export const renderProceduralClip = async (spec: ProceduralClipSpec, outputPath: string): Promise<void> => {
	await mkdir(path.dirname(outputPath), {recursive: true});
	const temporaryPath = `${outputPath}.tmp-${process.pid}.mp4`;
	const frames = Math.round(spec.durationInSeconds * spec.fps);
	const ffmpeg = runFfmpeg([
		'-y', '-f', 'avi', '-i', 'pipe:0',
		'-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-g', String(Math.round(spec.fps)), '-movflags', '+faststart',
		temporaryPath,
	]);
	const stride = frameStride(spec.width);
	const frameBytes = stride * spec.height;
	try {
		ffmpeg.stdin.write(aviHeader({width: spec.width, height: spec.height, fps: spec.fps, frames, stride}));
		for (let frame = 0; frame < frames; frame++) {
			const buffer = Buffer.alloc(frameBytes);
			drawProceduralFrame(spec, frame, buffer);
			blendStartImage(spec, frame, buffer);
			ffmpeg.stdin.write(aviFrameChunkHeader(frameBytes));
			if (!ffmpeg.stdin.write(buffer)) {
				await once(ffmpeg.stdin, 'drain');
			}
		}
		ffmpeg.stdin.end();
		await ffmpeg.done;
		await rename(temporaryPath, outputPath);
	} catch (error) {
		await rm(temporaryPath, {force: true});
		throw error;
	}
};
