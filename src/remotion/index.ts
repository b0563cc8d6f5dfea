// songreel's Remotion API: register a project in a Root, draw compiled timelines, read musical time in your components.
export {SongreelCompositions, type SongreelCompositionsProps} from './SongreelCompositions.tsx';
export {MusicVideo, type MusicVideoCompositionProps} from './MusicVideo.tsx';
export {musicVideoMetadata, calculateMusicVideoMetadata, COMPOSITIONS_FILE} from './calculate-music-video-metadata.ts';
export {useMusicalTime, useSongreelTimeline, useVideoFrame} from './use-musical-time.ts';
export {FrameOffset} from './FrameOffset.tsx';
export {LyricLineView, LyricLayer} from './LyricLayer.tsx';
export {registryOf, type SongreelRegistry} from './songreel-registry.ts';
export type {LyricRendererProps} from './lyric-renderer-props.ts';
export type {MusicalTime} from '../draw/musical-time-at.ts';
export {RENDER_COMPOSITION, LYRIC_STILLS_COMPOSITION} from './composition-ids.ts';
