import {access, mkdir, rename, rm, writeFile} from 'node:fs/promises';
import {createHash} from 'node:crypto';
import {createRequire} from 'node:module';
import path from 'node:path';
import {bundle} from '@remotion/bundler';
import {makeCancelSignal, renderMedia, selectComposition} from '@remotion/renderer';
import {runFfmpeg} from '../media/remotion-ffmpeg';
import {sha256OfFile} from '../media/sha256-of-file';
import {sliceIntoChunks} from '../timeline/plan-render-ranges';
import type {ResolvedTimeline} from '../timeline/resolved-timeline';
import {resolveBrowserExecutable} from './resolve-browser-executable';
import {RenderCancelledError} from './render-video';
import {verifyRender} from './verify-render';

const require = createRequire(import.meta.url);
const VERSIONS = JSON.stringify({songreel: (require('../../package.json') as {version: string}).version, remotion: (require('remotion/package.json') as {version: string}).version});

/** What a chunked render did: how many chunks, how many came from the cache. */
export type ChunkedRenderSummary = {
	readonly outputPath: string;
	readonly frames: number;
	readonly chunks: number;
	readonly renderedChunks: number;
	readonly wallInSeconds: number;
};

/** Inputs of a chunked render. */
export type RenderInChunksInput = {
	readonly entryPoint: string;
	readonly publicDir: string;
	readonly cacheDir: string;
	readonly timeline: ResolvedTimeline;
	readonly inputProps: Record<string, unknown>;
	readonly outputPath: string;
	readonly chunkFrames: number;
	readonly concurrency?: number | null;
	readonly onProgress?: (progress: {readonly chunk: number; readonly chunks: number; readonly renderedFrames: number; readonly framesToRender: number}) => void;
	readonly signal?: AbortSignal;
};

/**
 * Renders video-only chunks cut where no transition spans, caches each under a hash of everything that decides
 * its pixels (its slice of the timeline, the clip files' contents, songreel and Remotion versions), joins them
 * without re-encoding and muxes the song once. After a change, only the chunks it touches are rendered again.
 * Clip audio is not supported here (the song must be the only sound); use a full render for that.
 */
export const renderInChunks = async (input: RenderInChunksInput): Promise<ChunkedRenderSummary> => {
	const started = performance.now();
	const {timeline} = input;
	const chunks = sliceIntoChunks(timeline, input.chunkFrames);
	const fileHashes = new Map<string, string>();
	const hashOfFile = async (src: string): Promise<string> => {
		if (!fileHashes.has(src)) {
			fileHashes.set(src, await sha256OfFile(path.join(input.publicDir, src)));
		}
		return fileHashes.get(src) as string;
	};
	const keys = await Promise.all(
		chunks.map(async (chunk) => {
			const sources = [...new Set(timeline.shots.filter((shot) => shot.visual.kind === 'clip' && shot.fromFrame < chunk.endFrame && shot.fromFrame + shot.durationInFrames > chunk.startFrame).map((shot) => (shot.visual as {src: string}).src))].sort();
			const contents = await Promise.all(sources.map(async (src) => `${src}=${await hashOfFile(src)}`));
			return createHash('sha256').update(chunk.pixelKey).update(contents.join('\n')).update(VERSIONS).digest('hex');
		}),
	);
	await mkdir(input.cacheDir, {recursive: true});
	const cached = (key: string): string => path.join(input.cacheDir, `${key}.mp4`);
	const exists = (file: string): Promise<boolean> => access(file).then(() => true, () => false);
	const missing = (await Promise.all(chunks.map(async (chunk, i) => ((await exists(cached(keys[i] as string))) ? null : {chunk, key: keys[i] as string})))).filter((item) => item !== null);
	if (missing.length > 0) {
		const browserExecutable = resolveBrowserExecutable();
		const serveUrl = await bundle({entryPoint: input.entryPoint, publicDir: input.publicDir, onProgress: () => undefined});
		try {
			const composition = await selectComposition({serveUrl, id: timeline.id, inputProps: input.inputProps, browserExecutable, logLevel: 'error'});
			const framesToRender = missing.reduce((sum, item) => sum + item.chunk.endFrame - item.chunk.startFrame, 0);
			let doneFrames = 0;
			for (const [index, {chunk, key}] of missing.entries()) {
				if (input.signal?.aborted) {
					throw new RenderCancelledError();
				}
				const temporary = `${cached(key)}.tmp-${process.pid}.mp4`;
				const {cancelSignal, cancel} = makeCancelSignal();
				input.signal?.addEventListener('abort', cancel, {once: true});
				try {
					await renderMedia({
						composition,
						serveUrl,
						inputProps: input.inputProps,
						codec: 'h264',
						muted: true,
						frameRange: [chunk.startFrame, chunk.endFrame - 1],
						outputLocation: temporary,
						browserExecutable,
						imageFormat: 'jpeg',
						jpegQuality: 90,
						...(input.concurrency ? {concurrency: input.concurrency} : {}),
						cancelSignal,
						logLevel: 'error',
						onProgress: ({renderedFrames}) => input.onProgress?.({chunk: index + 1, chunks: missing.length, renderedFrames: doneFrames + renderedFrames, framesToRender}),
					});
					await rename(temporary, cached(key));
				} catch (error) {
					await rm(temporary, {force: true});
					throw input.signal?.aborted ? new RenderCancelledError() : error;
				} finally {
					input.signal?.removeEventListener('abort', cancel);
				}
				doneFrames += chunk.endFrame - chunk.startFrame;
			}
		} finally {
			await rm(serveUrl, {recursive: true, force: true});
		}
	}
	// Join the chunks without re-encoding (same encoder settings, each starts on a keyframe), then add the song.
	const list = path.join(input.cacheDir, `join-${process.pid}.txt`);
	await writeFile(list, keys.map((key) => `file '${cached(key)}'`).join('\n'));
	await mkdir(path.dirname(input.outputPath), {recursive: true});
	const temporary = `${input.outputPath}.tmp-${process.pid}.mp4`;
	try {
		const seconds = (timeline.durationInFrames / timeline.fps).toFixed(6);
		const ffmpeg = runFfmpeg(['-y', '-f', 'concat', '-safe', '0', '-i', list, '-i', path.join(input.publicDir, timeline.audio.src), '-map', '0:v', '-map', '1:a', '-c:v', 'copy', '-c:a', 'aac', '-b:a', '320k', '-t', seconds, '-movflags', '+faststart', temporary]);
		ffmpeg.stdin.end();
		await ffmpeg.done;
		await verifyRender(temporary, {frames: timeline.durationInFrames, fps: timeline.fps, width: timeline.width, height: timeline.height});
		await rename(temporary, input.outputPath);
	} finally {
		await rm(temporary, {force: true});
		await rm(list, {force: true});
	}
	return {outputPath: input.outputPath, frames: timeline.durationInFrames, chunks: chunks.length, renderedChunks: missing.length, wallInSeconds: (performance.now() - started) / 1000};
};
