import path from 'node:path';
import {deliverRender, type DeliveryOptions, type DeliveryResult} from '../delivery/deliver-render.ts';
import type {ProjectPaths} from '../project/load-project.ts';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import type {EncoderSettings} from './encoder-settings.ts';
import type {LambdaSettings} from './lambda-settings.ts';
import type {LambdaProgress} from './render-on-lambda.ts';
import {type ChunkedRenderSummary, renderInChunks} from './render-in-chunks.ts';
import type {RenderSummary} from './render-video.ts';
import {writeLyricSidecars} from './write-lyric-sidecars.ts';

/** One video to render: its compiled timeline, the composition's props (the timeline included) and where the file goes. */
export type VideoToRender = {
	readonly timeline: ResolvedTimeline;
	readonly inputProps: Record<string, unknown>;
	readonly outputPath: string;
	/** This video's own delivery (its loudness setting, its section titles); the render's `delivery` when absent. */
	readonly delivery?: DeliveryOptions;
};

// Lambda's phases as progress lines: rendering in the video's frames, deploying and downloading in percent, each
// timed from its own start so that the rate and the time left are the phase's.
const lambdaProgressLine = (timeline: ResolvedTimeline, onProgress: RenderProjectInput['onProgress']) => {
	let current: {phase: LambdaProgress['phase']; startedAt: number} | null = null;
	return ({phase, fraction}: LambdaProgress): void => {
		if (current?.phase !== phase) {
			current = {phase, startedAt: performance.now()};
		}
		const elapsedInSeconds = (performance.now() - current.startedAt) / 1000;
		const label = `${timeline.id} on Lambda, ${phase}`;
		onProgress(phase === 'rendering' ? {label, done: Math.round(fraction * timeline.durationInFrames), total: timeline.durationInFrames, elapsedInSeconds} : {label, done: Math.round(fraction * 100), total: 100, elapsedInSeconds, unit: 'percent'});
	};
};

/** The engines: chunks (direct where it can, the browser for the rest, cached), one Remotion renderMedia, or Remotion Lambda. */
export type RenderEngine = 'chunks' | 'remotion' | 'lambda';

/** The engine that will render, and why when it is not the one asked for. */
export const pickEngine = ({requested, timelines, partial}: {requested: RenderEngine; timelines: readonly ResolvedTimeline[]; partial: boolean}): {engine: RenderEngine; note: string | null} => {
	if (requested !== 'chunks') {
		return {engine: requested, note: null};
	}
	const withClipAudio = timelines.filter((timeline) => timeline.shots.some((shot) => shot.visual.kind === 'clip' && shot.visual.volume > 0));
	if (withClipAudio.length > 0) {
		return {engine: 'remotion', note: `rendering with the remotion engine: ${withClipAudio.map((t) => t.id).join(', ')} play${withClipAudio.length === 1 ? 's' : ''} clip audio, which chunks do not mix`};
	}
	return partial ? {engine: 'remotion', note: 'rendering with the remotion engine: --frames and --scale need it'} : {engine: 'chunks', note: null};
};

/** What rendering one video produced: the file, its lyric sidecars, what delivery did (loudness, chapters, credits, C2PA). */
export type RenderedVideo = {readonly outputPath: string; readonly sidecars: readonly string[]; readonly delivery: DeliveryResult} & (
	| {readonly engine: 'chunks'; readonly summary: ChunkedRenderSummary}
	| {readonly engine: 'remotion'; readonly summary: RenderSummary}
	| {readonly engine: 'lambda'; readonly renderId: string; readonly costInUsd: number | null; readonly wallInSeconds: number}
);

// Omit on each member of the union, so each engine's fields stay checked.
type WithoutDelivery<T> = T extends unknown ? Omit<T, 'delivery'> : never;

/** Inputs of `renderProject`: the videos, the engine and its settings, progress and cancellation. */
export type RenderProjectInput = {
	readonly paths: ProjectPaths;
	readonly videos: readonly VideoToRender[];
	readonly engine: RenderEngine;
	readonly encoder: EncoderSettings;
	readonly chunks: {readonly cacheDir: string; readonly chunkSeconds: number; readonly workers: number; readonly tabs: number | null; readonly direct: boolean};
	readonly remotion: {readonly concurrency: number | null; readonly frameRange: readonly [number, number] | null; readonly scale: number | null};
	readonly lambda: LambdaSettings | null;
	/** Delivery after each file exists: loudness, chapters, credits, provenance. */
	readonly delivery: DeliveryOptions;
	readonly signal: AbortSignal;
	readonly onProgress: (progress: {readonly label: string; readonly done: number; readonly total: number; readonly elapsedInSeconds: number; readonly unit?: 'frames' | 'percent'}) => void;
	/** Called as each video is written (with its lyric sidecars). */
	readonly onVideo: (rendered: RenderedVideo) => void | Promise<void>;
};

/**
 * Renders the videos with the chosen engine, one after the other, each file checked and renamed into place by its
 * engine, lyric sidecars written beside it. Throws `RenderCancelledError` when the signal aborts.
 */
export const renderProject = async (input: RenderProjectInput): Promise<RenderedVideo[]> => {
	const {paths, encoder, signal, onProgress} = input;
	const done: RenderedVideo[] = [];
	const finish = async (rendered: WithoutDelivery<RenderedVideo>, video: VideoToRender): Promise<void> => {
		const {timeline} = video;
		const delivery = await deliverRender({timeline, videoPath: rendered.outputPath, publicDir: paths.publicDir, options: video.delivery ?? input.delivery, frameRange: rendered.engine === 'remotion' ? input.remotion.frameRange : null});
		const complete = {...rendered, delivery} as RenderedVideo;
		done.push(complete);
		await input.onVideo(complete);
	};
	if (input.engine === 'remotion') {
		// Loaded only for this engine: it brings webpack and Remotion's renderer, which a chunked render of cached
		// stills and clip frames never needs (they were a third of the command's start).
		const {renderVideos} = await import('./render-video.ts');
		const summaries = await renderVideos({
			entryPoint: paths.entryPoint,
			publicDir: paths.publicDir,
			jobs: input.videos,
			concurrency: input.remotion.concurrency,
			encoder,
			frameRange: input.remotion.frameRange,
			...(input.remotion.scale === null ? {} : {scale: input.remotion.scale}),
			signal,
			onProgress: (id, progress) => onProgress({label: id, done: progress.renderedFrames, total: progress.totalFrames, elapsedInSeconds: progress.elapsedInSeconds}),
		});
		for (const [index, summary] of summaries.entries()) {
			const video = input.videos[index] as VideoToRender;
			await finish({engine: 'remotion', summary, outputPath: summary.outputPath, sidecars: await writeLyricSidecars(video.timeline, summary.outputPath)}, video);
		}
		return done;
	}
	for (const video of input.videos) {
		const {timeline, outputPath} = video;
		const started = performance.now();
		const elapsedInSeconds = (): number => (performance.now() - started) / 1000;
		if (input.engine === 'lambda') {
			// Loaded only here: the AWS SDK behind it is large.
			const {renderOnLambda} = await import('./render-on-lambda.ts');
			const result = await renderOnLambda({
				entryPoint: paths.entryPoint,
				publicDir: paths.publicDir,
				timeline,
				inputProps: video.inputProps,
				outputPath,
				settings: input.lambda as LambdaSettings,
				encoder,
				signal,
				onProgress: lambdaProgressLine(timeline, onProgress),
			});
			await finish({engine: 'lambda', renderId: result.renderId, costInUsd: result.costInUsd, wallInSeconds: elapsedInSeconds(), outputPath, sidecars: await writeLyricSidecars(timeline, outputPath)}, video);
			continue;
		}
		const summary = await renderInChunks({
			entryPoint: paths.entryPoint,
			publicDir: paths.publicDir,
			cacheDir: input.chunks.cacheDir,
			timeline,
			inputProps: video.inputProps,
			outputPath,
			chunkFrames: Math.round(input.chunks.chunkSeconds * timeline.fps),
			workers: input.chunks.workers,
			tabs: input.chunks.tabs,
			encoder,
			direct: input.chunks.direct,
			signal,
			onProgress: (progress) => onProgress({label: `${timeline.id} (${progress.chunksToRender} chunks)`, done: progress.renderedFrames, total: progress.framesToRender, elapsedInSeconds: elapsedInSeconds()}),
		});
		await finish({engine: 'chunks', summary, outputPath, sidecars: await writeLyricSidecars(timeline, path.resolve(outputPath))}, video);
	}
	return done;
};
