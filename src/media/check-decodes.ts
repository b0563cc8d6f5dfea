import {runFfmpeg} from './remotion-ffmpeg';

/** Decodes every video frame of a file with Remotion's ffmpeg; rejects with ffmpeg's words when any frame is broken. */
export const checkDecodes = async (file: string): Promise<void> => {
	const {stdin, done} = runFfmpeg(['-xerror', '-i', file, '-an', '-c:v', 'rawvideo', '-f', 'null', '-']);
	stdin.end();
	await done;
};
