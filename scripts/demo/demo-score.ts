import {createTempoMap, beatsToSeconds} from '../../src/music/tempo-map.ts';
import {tempoSchema} from '../../src/schemas/tempo-schema.ts';
import {demoSong} from '../../remotion/demo-song.ts';

/** Bars the demo song plays before its last chord rings out. */
export const DEMO_BARS = 22;
/** How long the last chord rings after the final bar. */
export const DEMO_TAIL_IN_SECONDS = 1.5;
/** Bars where the full beat plays (the choruses). */
export const DEMO_LOUD_BARS: ReadonlySet<number> = new Set([9, 10, 11, 12, 15, 16, 17, 18]);

/** The demo's beat grid, from the song map the compositions file uses. */
export const demoTempoMap = createTempoMap(tempoSchema.parse(demoSong.tempo));

/** Length of the synthesized demo song. */
export const DEMO_SONG_IN_SECONDS = beatsToSeconds(demoTempoMap, DEMO_BARS * 4) + DEMO_TAIL_IN_SECONDS;
