import {runFfmpeg} from './remotion-ffmpeg.ts';

/** Decodes every video frame of a file with Remotion's ffmpeg; rejects with ffmpeg's words when any frame is broken. */
export const checkDecodes = async (file: string): Promise<void> => {
	await countDecodedFrames(file);
};

/** Decodes every video frame of a file and returns how many there were; rejects with ffmpeg's words when any frame is broken. */
export const countDecodedFrames = async (file: string): Promise<number> => {
	const ffmpeg = runFfmpeg(['-xerror', '-i', file, '-an', '-c:v', 'rawvideo', '-f', 'null', '-', '-nostats', '-progress', 'pipe:1'], {readStdout: true});
	ffmpeg.stdin.end();
	let progress = '';
	for await (const chunk of ffmpeg.stdout as AsyncIterable<Buffer>) {
		progress += chunk.toString();
	}
	await ffmpeg.done;
	const frames = [...progress.matchAll(/^frame=(\d+)$/gm)].pop();
	return frames ? Number(frames[1]) : 0;
};
