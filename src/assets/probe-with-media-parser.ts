import {parseMedia, type ParseMediaOptions} from '@remotion/media-parser';
import type {ClipFacts} from '../timeline/timeline-facts.ts';

type Reader = ParseMediaOptions<{durationInSeconds: true}>['reader'];

/** What a probe finds: the compiler's clip facts, and the codecs (null where a track is missing). */
export type MediaFacts = ClipFacts & {readonly videoCodec: string | null; readonly audioCodec: string | null};

/** Reads duration, size, frame rate and codecs of a media file with @remotion/media-parser; works in Node and the browser. */
export const probeWithMediaParser = async ({src, reader}: {src: string; reader?: Reader}): Promise<MediaFacts> => {
	const result = await parseMedia({
		src,
		...(reader ? {reader} : {}),
		fields: {durationInSeconds: true, dimensions: true, fps: true, videoCodec: true, audioCodec: true},
		acknowledgeRemotionLicense: true,
		logLevel: 'error',
	});
	let durationInSeconds = result.durationInSeconds;
	if (durationInSeconds === null) {
		// Some containers (MP3 without a Xing header, fragmented MP4) only tell their length after a full scan.
		const slow = await parseMedia({src, ...(reader ? {reader} : {}), fields: {slowDurationInSeconds: true}, acknowledgeRemotionLicense: true, logLevel: 'error'});
		durationInSeconds = slow.slowDurationInSeconds;
	}
	return {
		durationInSeconds,
		width: result.dimensions?.width ?? null,
		height: result.dimensions?.height ?? null,
		fps: result.fps ?? null,
		videoCodec: result.videoCodec ?? null,
		audioCodec: result.audioCodec ?? null,
	};
};
