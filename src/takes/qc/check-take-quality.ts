import {runFfmpeg} from '../../media/remotion-ffmpeg.ts';
import type {TakeFacts, TakeQc} from '../take-schema.ts';
import {analyzeGrayFrames} from './analyze-gray-frames.ts';
import {qcFlags} from './qc-flags.ts';

const WIDTH = 64;
const HEIGHT = 48;

/** Decodes every frame of a clip as 64x48 8-bit gray with Remotion's ffmpeg: cheap enough to check every take. */
export const decodeGrayFrames = async (file: string): Promise<Uint8Array[]> => {
	const ffmpeg = runFfmpeg(['-i', file, '-an', '-vf', `scale=${WIDTH}:${HEIGHT}:flags=area,format=gray`, '-f', 'image2pipe', '-c:v', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], {readStdout: true});
	ffmpeg.stdin.end();
	const chunks: Buffer[] = [];
	for await (const chunk of ffmpeg.stdout as AsyncIterable<Buffer>) {
		chunks.push(chunk);
	}
	await ffmpeg.done;
	const bytes = Buffer.concat(chunks);
	const frameBytes = WIDTH * HEIGHT;
	const frames: Uint8Array[] = [];
	for (let offset = 0; offset + frameBytes <= bytes.length; offset += frameBytes) {
		frames.push(new Uint8Array(bytes.buffer, bytes.byteOffset + offset, frameBytes));
	}
	return frames;
};

/** Automatic QC of one take's file: decodes it small, reads its frames and returns the score and flags to record. */
export const checkTakeQuality = async ({file, facts, expected, others, now = new Date()}: {
	file: string;
	facts: TakeFacts;
	expected: {lengthInSeconds: number; size: string} | null;
	others: readonly {takeId: string; hashes: readonly string[]}[];
	now?: Date;
}): Promise<TakeQc> => {
	const frames = await decodeGrayFrames(file);
	const fps = facts.fps ?? (facts.durationInSeconds > 0 ? frames.length / facts.durationInSeconds : 30);
	return qcFlags({
		analysis: analyzeGrayFrames({frames, width: WIDTH, height: HEIGHT, fps}),
		durationInSeconds: facts.durationInSeconds,
		size: {width: facts.width, height: facts.height},
		expected,
		others,
		checkedAt: now.toISOString(),
	});
};
