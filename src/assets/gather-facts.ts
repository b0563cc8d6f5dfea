import type {Song} from '../spec/song-schema';
import type {Video} from '../spec/video-schema';
import type {ClipFacts, MissingAsset, TimelineFacts} from '../timeline/timeline-facts';

/** How facts about files are read: in Node from disk, in the Remotion bundle over HTTP. Paths are relative to public/. */
export type AssetReader = {
	readonly probeMedia: (src: string) => Promise<ClipFacts>;
	readonly readText: (src: string) => Promise<string>;
};

const asMissing = (error: unknown): MissingAsset => ({error: error instanceof Error ? error.message : String(error)});

const settle = async <T>(work: Promise<T>): Promise<T | MissingAsset> => {
	try {
		return await work;
	} catch (error) {
		return asMissing(error);
	}
};

/** Every clip path the videos refer to, each once, in order of first use. */
export const referencedClips = (videos: readonly Video[]): string[] => [
	...new Set(videos.flatMap((video) => Object.values(video.sections).flatMap((plan) => (plan.shots ?? []).map((shot) => shot.clip)))),
];

/** Probes the song, every referenced clip and the lyrics file; a file that fails becomes a `MissingAsset`, never a throw. */
export const gatherFacts = async ({song, videos, reader}: {song: Song; videos: readonly Video[]; reader: AssetReader}): Promise<TimelineFacts> => {
	const clipPaths = referencedClips(videos);
	const [songFacts, lyricsText, ...clipFacts] = await Promise.all([
		settle(reader.probeMedia(song.audio)),
		song.lyrics?.file === undefined ? Promise.resolve(undefined) : settle(reader.readText(song.lyrics.file)),
		...clipPaths.map((src) => settle(reader.probeMedia(src))),
	]);
	const clips = Object.fromEntries(clipPaths.map((src, i) => [src, clipFacts[i] as ClipFacts | MissingAsset]));
	return lyricsText === undefined ? {song: songFacts as ClipFacts | MissingAsset, clips} : {song: songFacts as ClipFacts | MissingAsset, clips, lyricsText};
};
