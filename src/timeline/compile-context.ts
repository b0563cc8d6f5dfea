import type {TempoMap} from '../music/tempo-map.ts';
import type {Song} from '../schemas/song-schema.ts';
import type {Video} from '../schemas/video-schema.ts';
import type {Diagnostics} from './diagnostics.ts';
import type {TimelineFacts} from './timeline-facts.ts';

/** What every compiler stage reads: the validated input, the facts and derived constants. */
export type CompileContext = {
	readonly song: Song;
	readonly video: Video;
	readonly facts: TimelineFacts;
	readonly tempoMap: TempoMap;
	readonly songDurationInSeconds: number;
	readonly durationInFrames: number;
	/** Paths in messages start here, so they read as the user wrote the file (`videos.Demo.sections…`). */
	readonly videoPath: readonly PropertyKey[];
	readonly songPath: readonly PropertyKey[];
	readonly diagnostics: Diagnostics;
};
