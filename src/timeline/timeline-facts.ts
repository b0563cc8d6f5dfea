/** What the compiler needs to know about a clip file, probed by the asset loader before compiling. */
export type ClipFacts = {
	readonly durationInSeconds: number;
	readonly width: number | null;
	readonly height: number | null;
	readonly fps: number | null;
};

/** A file the loader could not read, and why, so the compiler can report it with the rest. */
export type MissingAsset = {readonly error: string};

/** The per-frame envelopes `songreel analyze --write` keeps beside the audio. */
export type SongAnalysisFacts = {
	readonly envelopes: {readonly framesPerSecond: number; readonly loudnessInDb: readonly number[]; readonly onsetStrength: readonly number[]} | null;
	/** The beats and downbeats as played, for a grid that follows them (`tempo: {fromAnalysis}`). */
	readonly beatsInSeconds: readonly number[] | null;
	readonly downbeatsInSeconds: readonly number[] | null;
};

/** Everything outside the compositions file that the compiler depends on; gathered by IO code, passed in. */
export type TimelineFacts = {
	readonly song: {readonly durationInSeconds: number} | MissingAsset;
	readonly clips: Readonly<Record<string, ClipFacts | MissingAsset>>;
	/** Take references (`take` in a shot) resolved to a file under public/ by the take registry. */
	readonly takes?: Readonly<Record<string, {readonly src: string; readonly warning: string | null} | MissingAsset>>;
	/** Envelopes from the song's analysis file (`<audio>.analysis.json`), when there is one. */
	readonly analysis?: SongAnalysisFacts | MissingAsset | null;
	/** The lyrics file's text when the song names one. */
	readonly lyricsText?: string | MissingAsset;
};

/** Tells a missing asset from its facts. */
export const isMissing = (fact: unknown): fact is MissingAsset => typeof fact === 'object' && fact !== null && 'error' in fact;
