import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {PNG} from 'pngjs';
import {writeFileAtomically} from '../media/write-file-atomically.ts';
import {probeVideoStream, runFfmpeg} from '../media/remotion-ffmpeg.ts';

/**
 * Writes the last frame of a clip as a PNG (full size), for the next shot to start from as its reference image.
 * Only the clip's last second is decoded.
 */
export const extractLastFrame = async (file: string, outputPath: string): Promise<{readonly width: number; readonly height: number}> => {
	const stream = await probeVideoStream(file, ['width', 'height']);
	const width = Number(stream.width);
	const height = Number(stream.height);
	if (!(width > 0 && height > 0)) {
		throw new Error(`${file} has no video stream`);
	}
	const ffmpeg = runFfmpeg(['-sseof', '-1', '-i', file, '-an', '-f', 'image2pipe', '-c:v', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'], {readStdout: true});
	ffmpeg.stdin.end();
	const frameBytes = width * height * 4;
	let pending = Buffer.alloc(0);
	let last: Buffer | null = null;
	for await (const chunk of ffmpeg.stdout as AsyncIterable<Buffer>) {
		pending = Buffer.concat([pending, chunk]);
		while (pending.length >= frameBytes) {
			last = pending.subarray(0, frameBytes);
			pending = pending.subarray(frameBytes);
		}
	}
	await ffmpeg.done;
	if (last === null) {
		throw new Error(`${file}: no frame decoded from its last second`);
	}
	const png = new PNG({width, height});
	last.copy(png.data);
	await mkdir(path.dirname(outputPath), {recursive: true});
	await writeFileAtomically(outputPath, PNG.sync.write(png));
	return {width, height};
};
