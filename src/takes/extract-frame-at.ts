import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {PNG} from 'pngjs';
import {writeFileAtomically} from '../media/write-file-atomically.ts';
import {probeVideoStream, runFfmpeg} from '../media/remotion-ffmpeg.ts';

const rateOf = (value: string | number | undefined): number | null => {
	const [numerator, denominator = 1] = String(value ?? '').split('/').map(Number);
	const rate = (numerator as number) / denominator;
	return Number.isFinite(rate) && rate > 0 ? rate : null;
};

const decodeLastFrame = async (args: readonly string[], frameBytes: number): Promise<Buffer | null> => {
	const ffmpeg = runFfmpeg([...args, '-an', '-f', 'image2pipe', '-c:v', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'], {readStdout: true});
	ffmpeg.stdin.end();
	let pending = Buffer.alloc(0);
	let last: Buffer | null = null;
	for await (const chunk of ffmpeg.stdout as AsyncIterable<Buffer>) {
		pending = Buffer.concat([pending, chunk]);
		while (pending.length >= frameBytes) {
			last = Buffer.from(pending.subarray(0, frameBytes));
			pending = pending.subarray(frameBytes);
		}
	}
	await ffmpeg.done;
	return last;
};

/**
 * Writes the frame of a clip shown at `atSeconds` as a full-size PNG: the first frame a continuing shot starts
 * from. A time at or past the clip's end gives its last frame (the edit holds it there).
 */
export const extractFrameAt = async (file: string, atSeconds: number, outputPath: string): Promise<{readonly width: number; readonly height: number}> => {
	const stream = await probeVideoStream(file, ['width', 'height', 'avg_frame_rate', 'r_frame_rate']);
	const width = Number(stream.width);
	const height = Number(stream.height);
	const fps = rateOf(stream.avg_frame_rate) ?? rateOf(stream.r_frame_rate) ?? 30;
	// The frame on screen at a time is the last one that started at or before it; ffmpeg's exact seek gives the first
	// frame starting at or after the seek time, so seek to half a frame before that frame's start.
	const index = Math.floor(atSeconds * fps + 1e-6);
	const seekInSeconds = Math.max(0, (index - 0.5) / fps);
	if (!(width > 0 && height > 0)) {
		throw new Error(`${file} has no video stream`);
	}
	const frameBytes = width * height * 4;
	// Seeking before the input is exact for decoded output; a seek past the end decodes nothing, so the last second is read instead.
	const frame =
		(await decodeLastFrame(['-ss', seekInSeconds.toFixed(6), '-i', file, '-frames:v', '1'], frameBytes)) ?? (await decodeLastFrame(['-sseof', '-1', '-i', file], frameBytes));
	if (frame === null) {
		throw new Error(`${file}: no frame decoded at ${atSeconds.toFixed(2)} s`);
	}
	const png = new PNG({width, height});
	frame.copy(png.data);
	await mkdir(path.dirname(outputPath), {recursive: true});
	await writeFileAtomically(outputPath, PNG.sync.write(png));
	return {width, height};
};
