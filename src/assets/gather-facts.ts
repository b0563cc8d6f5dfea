import {generatedShotsOf} from '../schemas/generate-schema.ts';
import type {Song} from '../schemas/song-schema.ts';
import type {Video} from '../schemas/video-schema.ts';
import type {ClipFacts, MissingAsset, SongAnalysisFacts, TimelineFacts} from '../timeline/timeline-facts.ts';
import {REGISTRY_PATH_IN_PUBLIC} from '../takes/registry-path.ts';
import {resolveTakeRef} from '../takes/resolve-take.ts';
import {parseRegistry} from '../takes/parse-registry.ts';
import type {Registry} from '../takes/take-schema.ts';

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

// Every clip or take a video may play: its shots and the pools its cutEvery sections cycle through.
const shotsOf = (videos: readonly Video[]): {clip?: string; take?: string}[] =>
	videos.flatMap((video) =>
		Object.values(video.sections).flatMap((plan) => [
			...(plan.shots ?? []),
			...(plan.cutEvery?.clips ?? []).map((clip) => ({clip})),
			...(plan.cutEvery?.takes ?? []).map((take) => ({take})),
		]),
	);

/** Every clip path the videos refer to, each once, in order of first use. */
export const referencedClips = (videos: readonly Video[]): string[] => [...new Set(shotsOf(videos).flatMap((shot) => (shot.clip === undefined ? [] : [shot.clip])))];

/** Every take reference (shot or take id) the videos use, each once: generated slots name their takes' shot id. */
export const referencedTakes = (videos: readonly Video[]): string[] => [
	...new Set([...shotsOf(videos).flatMap((shot) => (shot.take === undefined ? [] : [shot.take])), ...videos.flatMap((video) => generatedShotsOf(video).map((slot) => slot.shotId))]),
];

// Reads the take registry (when any shot names a take) and resolves each reference to a file.
const resolveTakes = async (refs: readonly string[], reader: AssetReader): Promise<NonNullable<TimelineFacts['takes']>> => {
	if (refs.length === 0) {
		return {};
	}
	let registry: Registry;
	try {
		registry = parseRegistry(await reader.readText(REGISTRY_PATH_IN_PUBLIC), `public/${REGISTRY_PATH_IN_PUBLIC}`);
	} catch (error) {
		const missing = asMissing(error);
		return Object.fromEntries(refs.map((ref) => [ref, {error: `${missing.error}; run "songreel generate" first`}]));
	}
	return Object.fromEntries(refs.map((ref) => [ref, resolveTakeRef(registry, ref)]));
};

/** Where `songreel analyze --write` keeps a song's analysis: beside the audio, `song.wav` -> `song.analysis.json`. */
export const analysisPathOf = (audio: string): string => `${audio.replace(/\.[^./]+$/, '')}.analysis.json`;

const numbers = (value: unknown): readonly number[] | null => (Array.isArray(value) && value.every((item) => typeof item === 'number') ? value : null);

// The song's analysis: the file the tempo names (required then: a problem when it cannot be read), else the one
// beside the audio when it exists (optional: its envelopes feed the hooks).
const readAnalysis = async (song: Song, reader: AssetReader): Promise<SongAnalysisFacts | MissingAsset | null> => {
	const required = song.tempo.fromAnalysis;
	let parsed: {envelopes?: {framesPerSecond?: unknown; loudnessInDb?: unknown; onsetStrength?: unknown}; beatsInSeconds?: unknown; downbeatsInSeconds?: unknown};
	try {
		parsed = JSON.parse(await reader.readText(required ?? analysisPathOf(song.audio))) as typeof parsed;
	} catch (error) {
		return required === undefined ? null : asMissing(error);
	}
	const envelopes = parsed.envelopes;
	const loudnessInDb = numbers(envelopes?.loudnessInDb);
	const onsetStrength = numbers(envelopes?.onsetStrength);
	const framesPerSecond = envelopes?.framesPerSecond;
	return {
		envelopes: loudnessInDb && onsetStrength && typeof framesPerSecond === 'number' && framesPerSecond > 0 ? {framesPerSecond, loudnessInDb, onsetStrength} : null,
		beatsInSeconds: numbers(parsed.beatsInSeconds),
		downbeatsInSeconds: numbers(parsed.downbeatsInSeconds),
	};
};

/** Probes the song, every referenced clip and the lyrics file; a file that fails becomes a `MissingAsset`, never a throw. */
export const gatherFacts = async ({song, videos, reader}: {song: Song; videos: readonly Video[]; reader: AssetReader}): Promise<TimelineFacts> => {
	const takes = await resolveTakes(referencedTakes(videos), reader);
	const takePaths = Object.values(takes).flatMap((take) => ('src' in take ? [take.src] : []));
	const clipPaths = [...new Set([...referencedClips(videos), ...takePaths])];
	const [songFacts, analysis, lyricsText, ...clipFacts] = await Promise.all([
		settle(reader.probeMedia(song.audio)),
		readAnalysis(song, reader),
		song.lyrics?.file === undefined ? Promise.resolve(undefined) : settle(reader.readText(song.lyrics.file)),
		...clipPaths.map((src) => settle(reader.probeMedia(src))),
	]);
	const clips = Object.fromEntries(clipPaths.map((src, i) => [src, clipFacts[i] as ClipFacts | MissingAsset]));
	const base = {song: songFacts as ClipFacts | MissingAsset, clips, takes, analysis: analysis as SongAnalysisFacts | MissingAsset | null};
	return lyricsText === undefined ? base : {...base, lyricsText};
};
