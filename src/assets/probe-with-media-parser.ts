import {parseMedia, type ParseMediaOptions} from '@remotion/media-parser';
import type {ClipFacts} from '../timeline/timeline-facts';

type Reader = ParseMediaOptions<{durationInSeconds: true}>['reader'];

/** Reads duration, size and frame rate of a media file with @remotion/media-parser; works in Node and the browser. */
export const probeWithMediaParser = async ({src, reader}: {src: string; reader?: Reader}): Promise<ClipFacts> => {
	const result = await parseMedia({
		src,
		...(reader ? {reader} : {}),
		fields: {durationInSeconds: true, dimensions: true, fps: true},
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
	};
};
