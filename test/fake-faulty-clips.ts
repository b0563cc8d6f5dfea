import {once} from 'node:events';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {drawProceduralFrame, frameStride} from '../src/generation/offline/procedural-frames.ts';
import {aviFrameChunkHeader, aviHeader} from '../src/media/avi-header.ts';
import {runFfmpeg} from '../src/media/remotion-ffmpeg.ts';

/** A fault to put in a test clip. */
export type ClipFault = 'none' | 'black-start' | 'blank' | 'frozen' | 'flicker' | 'letterbox';

/**
 * Writes an H.264 clip of procedural frames with one fault built in, through Remotion's ffmpeg (its build has no
 * lavfi test sources, so frames are drawn here, raw, and piped in as AVI). Frames are bottom-up BGR24.
 */
export const writeFaultyClip = async ({file, fault, width = 160, height = 90, fps = 30, durationInSeconds = 2, prompt = 'a city grid at night', crf = 23}: {
	file: string;
	fault: ClipFault;
	width?: number;
	height?: number;
	fps?: number;
	durationInSeconds?: number;
	prompt?: string;
	crf?: number;
}): Promise<void> => {
	await mkdir(path.dirname(file), {recursive: true});
	const frames = Math.round(durationInSeconds * fps);
	const stride = frameStride(width);
	const frameBytes = stride * height;
	const ffmpeg = runFfmpeg(['-y', '-f', 'avi', '-i', 'pipe:0', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(crf), '-pix_fmt', 'yuv420p', file]);
	ffmpeg.stdin.write(aviHeader({width, height, fps, frames, stride}));
	const spec = {prompt, seed: 1, width, height, fps, durationInSeconds};
	const barRows = Math.round(height * 0.15);
	for (let frame = 0; frame < frames; frame++) {
		const buffer = Buffer.alloc(frameBytes);
		const source = fault === 'frozen' && frame > fps / 2 ? Math.floor(fps / 2) : frame;
		drawProceduralFrame(spec, source, buffer);
		if ((fault === 'black-start' && frame < fps)) {
			buffer.fill(0);
		}
		if (fault === 'blank') {
			buffer.fill(128);
		}
		if (fault === 'flicker' && frame % 5 === 2) {
			for (let i = 0; i < buffer.length; i++) {
				buffer[i] = Math.min(255, (buffer[i] as number) + 60);
			}
		}
		if (fault === 'letterbox') {
			buffer.fill(0, 0, stride * barRows);
			buffer.fill(0, stride * (height - barRows));
		}
		ffmpeg.stdin.write(aviFrameChunkHeader(frameBytes));
		if (!ffmpeg.stdin.write(buffer)) {
			await once(ffmpeg.stdin, 'drain');
		}
	}
	ffmpeg.stdin.end();
	await ffmpeg.done;
};
