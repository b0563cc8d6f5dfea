import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {PNG} from 'pngjs';
import {writeFileAtomically} from '../media/write-file-atomically.ts';
import {probeVideoStream, runFfmpeg} from '../media/remotion-ffmpeg.ts';

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
	const stream = await probeVideoStream(file, ['width', 'height']);
	const width = Number(stream.width);
	const height = Number(stream.height);
	if (!(width > 0 && height > 0)) {
		throw new Error(`${file} has no video stream`);
	}
	const frameBytes = width * height * 4;
	// Seeking before the input is exact for decoded output; a seek past the end decodes nothing, so the last second is read instead.
	const frame =
		(await decodeLastFrame(['-ss', atSeconds.toFixed(4), '-i', file, '-frames:v', '1'], frameBytes)) ?? (await decodeLastFrame(['-sseof', '-1', '-i', file], frameBytes));
	if (frame === null) {
		throw new Error(`${file}: no frame decoded at ${atSeconds.toFixed(2)} s`);
	}
	const png = new PNG({width, height});
	frame.copy(png.data);
	await mkdir(path.dirname(outputPath), {recursive: true});
	await writeFileAtomically(outputPath, PNG.sync.write(png));
	return {width, height};
};
