import {rmSync} from 'node:fs';
import {rename, rm, stat} from 'node:fs/promises';
import {mkdir} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {bundle} from '@remotion/bundler';
import {makeCancelSignal, renderMedia, selectComposition} from '@remotion/renderer';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {DEFAULT_ENCODER_SETTINGS, type EncoderSettings} from './encoder-settings.ts';
import {resolveBrowserExecutable} from './resolve-browser-executable.ts';
import {verifyRender} from './verify-render.ts';
import {RENDER_COMPOSITION} from '../remotion/composition-ids.ts';
import {RenderCancelledError} from './render-cancelled-error.ts';

/** Progress of a render, reported many times a second. */
export type RenderProgress = {
	readonly phase: 'bundling' | 'rendering';
	readonly renderedFrames: number;
	readonly encodedFrames: number;
	readonly totalFrames: number;
	readonly elapsedInSeconds: number;
};

/** What a finished render reports. */
export type RenderSummary = {
	readonly outputPath: string;
	readonly frames: number;
	readonly wallInSeconds: number;
	readonly renderInSeconds: number;
	readonly bundleInSeconds: number;
	readonly sizeInBytes: number;
};

/** Inputs of `renderVideos`: the bundle entry, what to render where, and how hard to push the machine. */
export type RenderVideosInput = {
	readonly entryPoint: string;
	readonly publicDir: string;
	/** `inputProps` are the composition's props: {song, video} and the timeline compiled here (`compiled: true`), which the bundle uses as it is. */
	readonly jobs: readonly {readonly timeline: ResolvedTimeline; readonly outputPath: string; readonly inputProps: Record<string, unknown>}[];
	readonly concurrency?: number | null;
	readonly encoder?: EncoderSettings;
	readonly frameRange?: readonly [number, number] | null;
	readonly scale?: number;
	readonly onProgress?: (id: string, progress: RenderProgress) => void;
	/** Aborts the render; the temp file is removed and nothing is left at the output path. */
	readonly signal?: AbortSignal;
};

/**
 * Bundles the Remotion project once and renders each video with the Node API. Each output is written to a
 * temp file beside it, checked (length, tracks, size, decodes to the end) and renamed only then, so a failed,
 * cancelled or damaged render never leaves a file at the output path.
 */
export const renderVideos = async (input: RenderVideosInput): Promise<RenderSummary[]> => {
	const browserExecutable = resolveBrowserExecutable();
	const started = performance.now();
	const elapsed = (): number => (performance.now() - started) / 1000;
	const serveUrl = await bundle({
		entryPoint: input.entryPoint,
		publicDir: input.publicDir,
		onProgress: () => undefined,
	});
	const bundleInSeconds = elapsed();
	const summaries: RenderSummary[] = [];
	try {
		for (const job of input.jobs) {
			const {timeline} = job;
			const jobStarted = performance.now();
			const composition = await selectComposition({serveUrl, id: RENDER_COMPOSITION, inputProps: job.inputProps, browserExecutable, logLevel: 'error'});
			const totalFrames = input.frameRange ? input.frameRange[1] - input.frameRange[0] + 1 : composition.durationInFrames;
			await mkdir(path.dirname(job.outputPath), {recursive: true});
			const extension = path.extname(job.outputPath) || '.mp4';
			const temporaryPath = `${job.outputPath}.tmp-${process.pid}${extension}`;
			const {cancelSignal, cancel} = makeCancelSignal();
			const onAbort = (): void => cancel();
			input.signal?.addEventListener('abort', onAbort);
			// Remotion's browser runner answers Ctrl-C with process.exit(130), before any promise settles;
			// an exit hook is the one place left to remove the partial file.
			const removeTemporary = (): void => rmSync(temporaryPath, {force: true});
			process.on('exit', removeTemporary);
			try {
				await renderMedia({
					composition,
					serveUrl,
					inputProps: job.inputProps,
					codec: 'h264',
					outputLocation: temporaryPath,
					browserExecutable,
					concurrency: input.concurrency ?? Math.max(1, os.availableParallelism()),
					imageFormat: 'jpeg',
					jpegQuality: 90,
					crf: (input.encoder ?? DEFAULT_ENCODER_SETTINGS).crf,
					x264Preset: (input.encoder ?? DEFAULT_ENCODER_SETTINGS).preset,
					...(input.frameRange ? {frameRange: [input.frameRange[0], input.frameRange[1]] as [number, number]} : {}),
					scale: input.scale ?? 1,
					cancelSignal,
					logLevel: (process.env.SONGREEL_LOG_LEVEL as 'verbose' | undefined) ?? 'error',
					onProgress: (progress) =>
						input.onProgress?.(timeline.id, {
							phase: 'rendering',
							renderedFrames: progress.renderedFrames,
							encodedFrames: progress.encodedFrames,
							totalFrames,
							elapsedInSeconds: (performance.now() - jobStarted) / 1000,
						}),
				});
				if (input.signal?.aborted) {
					throw new RenderCancelledError();
				}
				const scale = input.scale ?? 1;
				await verifyRender(temporaryPath, {frames: totalFrames, fps: composition.fps, width: Math.round(composition.width * scale), height: Math.round(composition.height * scale)});
				await rename(temporaryPath, job.outputPath);
			} catch (error) {
				await rm(temporaryPath, {force: true});
				throw input.signal?.aborted ? new RenderCancelledError() : error;
			} finally {
				input.signal?.removeEventListener('abort', onAbort);
				process.off('exit', removeTemporary);
			}
			const {size} = await stat(job.outputPath);
			summaries.push({
				outputPath: job.outputPath,
				frames: totalFrames,
				wallInSeconds: elapsed(),
				renderInSeconds: (performance.now() - jobStarted) / 1000,
				bundleInSeconds,
				sizeInBytes: size,
			});
		}
	} finally {
		await rm(serveUrl, {recursive: true, force: true});
	}
	return summaries;
};
