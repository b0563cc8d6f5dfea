// songreel's Node API: load and check a project, compile its videos, render them, analyse songs.
export {projectPaths, loadProject, loadProjectModule, type ProjectPaths} from './project/load-project.ts';
export {compileProjectVideos, selectVideos, type VideoCheck} from './project/compile-project-video.ts';
export {createNodeAssetReader} from './assets/node-asset-reader.ts';
export {renderInChunks, type RenderInChunksInput, type ChunkedRenderSummary} from './render/render-in-chunks.ts';
export {renderVideos, type RenderVideosInput, type RenderSummary} from './render/render-video.ts';
export {RenderCancelledError} from './render/render-cancelled-error.ts';
export {writeLyricSidecars} from './render/write-lyric-sidecars.ts';
export {projectCodeHash} from './render/project-code-hash.ts';
export {DEFAULT_ENCODER_SETTINGS, type EncoderSettings} from './render/encoder-settings.ts';
export {main as runSongreelCli} from './cli/main.ts';
