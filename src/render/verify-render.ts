import {nodeReader} from '@remotion/media-parser/node';
import {probeWithMediaParser} from '../assets/probe-with-media-parser';
import {checkDecodes} from '../media/check-decodes';

/** Thrown when a finished render is not what was asked for; the file is not moved into place. */
export class RenderVerificationError extends Error {
	constructor(message: string) {
		super(`the rendered file failed its check: ${message}`);
		this.name = 'RenderVerificationError';
	}
}

/**
 * Checks a rendered file before it replaces the output: it lasts its frames (AAC may pad up to a tenth of a
 * second), has video and audio, has the asked size, and every video frame decodes.
 */
export const verifyRender = async (file: string, expected: {frames: number; fps: number; width: number; height: number}): Promise<void> => {
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
	try {
		await checkDecodes(file);
	} catch (error) {
		throw new RenderVerificationError(`it does not decode to the end: ${(error as Error).message.slice(0, 300)}`);
	}
};
