import {runFfmpeg} from './remotion-ffmpeg.ts';

// Decodes a video to yuv420p frames (each frame one buffer).
const decodeFrames = async (file: string, width: number, height: number): Promise<Buffer[]> => {
	const ffmpeg = runFfmpeg(['-i', file, '-an', '-pix_fmt', 'yuv420p', '-f', 'image2pipe', '-c:v', 'rawvideo', 'pipe:1'], {readStdout: true});
	ffmpeg.stdin.end();
	const frameBytes = width * height * 1.5;
	const chunks: Buffer[] = [];
	for await (const chunk of ffmpeg.stdout as AsyncIterable<Buffer>) {
		chunks.push(chunk);
	}
	await ffmpeg.done;
	const all = Buffer.concat(chunks);
	const frames: Buffer[] = [];
	for (let offset = 0; offset + frameBytes <= all.length; offset += frameBytes) {
		frames.push(all.subarray(offset, offset + frameBytes));
	}
	return frames;
};

/** PSNR in dB of two 8-bit images or planes (Infinity when equal). */
export const psnr = (a: Uint8Array, b: Uint8Array): number => {
	let squared = 0;
	for (let i = 0; i < a.length; i++) {
		const d = (a[i] as number) - (b[i] as number);
		squared += d * d;
	}
	return squared === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10((255 * 255 * a.length) / squared);
};

/** PSNR of each frame of two videos of the same size (all planes of yuv420p together), for the frames both have. */
export const framePsnr = async ({a, b, width, height}: {a: string; b: string; width: number; height: number}): Promise<number[]> => {
	const [framesA, framesB] = await Promise.all([decodeFrames(a, width, height), decodeFrames(b, width, height)]);
	return framesA.slice(0, framesB.length).map((frame, i) => psnr(frame, framesB[i] as Buffer));
};
