import type {ProceduralClipSpec} from '../../src/generation/offline/procedural-frames.ts';

/** The demo's clips: mixed sizes, rates and lengths, as takes from a real generator would be. Paths are under public/. */
export const demoClips: readonly (ProceduralClipSpec & {readonly src: string})[] = [
	{src: 'demo/clips/paper-sky.mp4', prompt: 'paper sky over a sleeping city', seed: 1, width: 1280, height: 720, fps: 30, durationInSeconds: 6},
	{src: 'demo/clips/neon-street.mp4', prompt: 'neon street, slow dolly forward', seed: 2, width: 960, height: 540, fps: 30, durationInSeconds: 5},
	{src: 'demo/clips/rooftop.mp4', prompt: 'rooftop at dusk, singer silhouette', seed: 3, width: 960, height: 540, fps: 30, durationInSeconds: 4},
	{src: 'demo/clips/window-light.mp4', prompt: 'window light flickering', seed: 4, width: 960, height: 540, fps: 24, durationInSeconds: 4},
	{src: 'demo/clips/crowd.mp4', prompt: 'crowd dancing, strobe', seed: 5, width: 960, height: 540, fps: 30, durationInSeconds: 3},
	{src: 'demo/clips/tape-reels.mp4', prompt: 'tape reels spinning macro', seed: 6, width: 640, height: 360, fps: 30, durationInSeconds: 3},
	{src: 'demo/clips/paper-birds.mp4', prompt: 'paper birds taking off', seed: 7, width: 1280, height: 720, fps: 30, durationInSeconds: 5},
	{src: 'demo/clips/train.mp4', prompt: 'night train passing, motion blur', seed: 8, width: 960, height: 540, fps: 30, durationInSeconds: 4},
	{src: 'demo/clips/skyline.mp4', prompt: 'skyline timelapse, clouds racing', seed: 9, width: 960, height: 540, fps: 30, durationInSeconds: 6},
	{src: 'demo/clips/sunrise.mp4', prompt: 'sunrise over paper mountains', seed: 10, width: 960, height: 540, fps: 30, durationInSeconds: 5},
];
