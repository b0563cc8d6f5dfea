import {createHash} from 'node:crypto';
import {parseMedia} from '@remotion/media-parser';
import {nodeReader} from '@remotion/media-parser/node';
import {probeWithMediaParser} from '../assets/probe-with-media-parser.ts';
import {checkDecodes} from '../media/check-decodes.ts';
import {probeVideoStream} from '../media/remotion-ffmpeg.ts';

/** Thrown when a finished render is not what was asked for; the file is not moved into place. */
export class RenderVerificationError extends Error {
	constructor(message: string) {
		super(`the rendered file failed its check: ${message}`);
		this.name = 'RenderVerificationError';
	}
}

type Expected = {frames: number; fps: number; width: number; height: number};

// Duration (AAC may pad up to a tenth of a second), both tracks, size.
const checkContainer = async (file: string, expected: Expected): Promise<void> => {
	const facts = await probeWithMediaParser({src: file, reader: nodeReader});
	const expectedSeconds = expected.frames / expected.fps;
	const duration = facts.durationInSeconds;
	if (duration < expectedSeconds - 1 / expected.fps || duration > expectedSeconds + 0.1 + 1 / expected.fps) {
		throw new RenderVerificationError(`it lasts ${duration.toFixed(3)} s, ${expected.frames} frames at ${expected.fps} fps are ${expectedSeconds.toFixed(3)} s`);
	}
	if (facts.videoCodec === null || facts.audioCodec === null) {
		throw new RenderVerificationError(facts.videoCodec === null ? 'it has no video track' : 'it has no audio track (the song)');
	}
	if (facts.width !== expected.width || facts.height !== expected.height) {
		throw new RenderVerificationError(`it is ${facts.width}x${facts.height}, not ${expected.width}x${expected.height}`);
	}
};

/**
 * Checks a rendered file before it replaces the output: it lasts its frames (AAC may pad up to a tenth of a
 * second), has video and audio, has the asked size, and every video frame decodes.
 */
export const verifyRender = async (file: string, expected: Expected): Promise<void> => {
	await checkContainer(file, expected);
	try {
		await checkDecodes(file);
	} catch (error) {
		throw new RenderVerificationError(`it does not decode to the end: ${(error as Error).message.slice(0, 300)}`);
	}
};

/**
 * Checks a freshly encoded chunk before it enters the cache, without decoding it: the encoder exited cleanly (it
 * reports any damage at the log level it runs at), so the container holding one video packet per frame asked for
 * is what is left to check. Decoding every chunk again took about 8% of the CPU time of a render.
 */
export const verifyChunk = async (file: string, frames: number): Promise<void> => {
	let packets: number;
	try {
		packets = Number((await probeVideoStream(file, ['nb_read_packets'], ['-count_packets'])).nb_read_packets ?? 0);
	} catch (error) {
		throw new RenderVerificationError(`a chunk cannot be read: ${(error as Error).message.slice(0, 300)}`);
	}
	if (packets !== frames) {
		throw new RenderVerificationError(`a chunk has ${packets} frames, not ${frames}`);
	}
};

// The H.264 parameter sets (the avcC box) of a file's video track, hashed; read in this process (an ffprobe per
// chunk cost a quarter of a second's CPU on a 4-minute video).
const parameterSetsHash = async (file: string): Promise<string> => {
	const {tracks} = await parseMedia({src: file, reader: nodeReader, fields: {tracks: true}, acknowledgeRemotionLicense: true, logLevel: 'error'});
	const video = tracks.find((track) => track.type === 'video');
	if (video?.description === undefined) {
		throw new RenderVerificationError(`a chunk has no H.264 parameter sets: ${file}`);
	}
	return createHash('sha256').update(video.description).digest('hex');
};

/**
 * Checks a video joined from verified chunks by stream copy, without decoding it all again: the container (length,
 * tracks, size), one video packet per frame, and every chunk with the same H.264 parameter sets as the first (a
 * decoder reads one set for the whole file).
 */
export const verifyJoinedRender = async (file: string, expected: Expected, chunks: readonly string[]): Promise<void> => {
	await checkContainer(file, expected);
	const packets = Number((await probeVideoStream(file, ['nb_read_packets'], ['-count_packets'])).nb_read_packets);
	if (packets !== expected.frames) {
		throw new RenderVerificationError(`it has ${packets} video frames, not ${expected.frames}`);
	}
	const hashes = await Promise.all([...new Set(chunks)].map(parameterSetsHash));
	if (new Set(hashes).size > 1) {
		throw new RenderVerificationError('its chunks were encoded with different H.264 parameter sets and cannot be joined; clear the chunk cache (--cache) and render again');
	}
};
