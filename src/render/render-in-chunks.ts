import {rmSync} from 'node:fs';
import {access, mkdir, rename, rm, writeFile} from 'node:fs/promises';
import {fork} from 'node:child_process';
import {createHash} from 'node:crypto';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {AAC_ENCODER_ARGS, runFfmpeg} from '../media/remotion-ffmpeg.ts';
import {openFileHashCache} from '../media/file-hash-cache.ts';
import {chunkUsesProjectCode, findDirectRanges, planRenderChunks, type RenderChunk, type ShotPicture} from '../draw/plan-render-ranges.ts';
import {LYRIC_LAYOUT_REVISION} from '../draw/lyric-layout.ts';
import {cssColorToYuv} from './direct/css-color-to-yuv.ts';
import {projectCodeHash} from './project-code-hash.ts';
import type {ResolvedLyricLine, ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import type {WorkerMessage} from './chunk-worker.ts';
import {isStillCached, stillsNeeded} from './direct/lyric-still-cache.ts';
import {openLyricStillDrawer} from './direct/draw-lyric-still.ts';
import {drawnByStillsPage, lyricStillsPage} from './direct/lyric-stills-page.ts';
import {DIRECT_PROBE_FACT, type DirectClipFacts, probeDirectClip} from './direct/probe-direct-clip.ts';
import {DEFAULT_ENCODER_SETTINGS, type EncoderSettings} from './encoder-settings.ts';
import {type BatchTimings, type ChunkBatch, renderChunkBatch} from './render-chunk-batch.ts';
import {RenderCancelledError} from './render-cancelled-error.ts';
import {verifyJoinedRender} from './verify-render.ts';

const require = createRequire(import.meta.url);
// Bump when the direct renderer's pixels change, so cached direct chunks are not reused.
const DIRECT_RENDERER_REVISION = 5;
const VERSIONS = JSON.stringify({
	songreel: (require('../../package.json') as {version: string}).version,
	remotion: (require('remotion/package.json') as {version: string}).version,
	direct: DIRECT_RENDERER_REVISION,
	lyricLayout: LYRIC_LAYOUT_REVISION,
});

/** Plain ranges shorter than this go to the browser with their neighbours: a decoder of their own costs more than it saves. */
const MIN_DIRECT_FRAMES = 8;

/** Where a chunked render spent its time, and how its frames were made. */
export type ChunkedRenderBreakdown = {
	/** Worker processes that rendered (1: in this process; 0: everything came from the cache). */
	readonly workers: number;
	readonly browserFrames: number;
	readonly directFrames: number;
	readonly lyricStills: number;
	/** Of those, the stills the browser drew (the rest were drawn in Node). */
	readonly lyricStillsByBrowser: number;
	readonly planInSeconds: number;
	/** What the browser's pages came from: the project's bundle (its code or fonts drawn), songreel's prebuilt lyric-stills page, or nothing (no browser). */
	readonly bundle: 'project' | 'lyric-stills page' | null;
	readonly bundleInSeconds: number;
	readonly stillsInSeconds: number;
	/** Wall time from the stills to the last chunk, all workers together; the rest are the slowest worker's. */
	readonly framesInSeconds: number;
	/** The browser and direct paths run side by side in each worker. */
	readonly browserInSeconds: number;
	readonly directInSeconds: number;
	readonly joinInSeconds: number;
};

/** What a chunked render did: how many chunks, how many came from the cache, where the time went. */
export type ChunkedRenderSummary = {
	readonly outputPath: string;
	readonly frames: number;
	readonly chunks: number;
	readonly renderedChunks: number;
	readonly directChunks: number;
	readonly wallInSeconds: number;
	readonly breakdown: ChunkedRenderBreakdown;
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
	/** Worker processes rendering chunks side by side (default 1: in this process). */
	readonly workers?: number;
	/** Browser tabs per worker (Remotion's default when null). */
	readonly tabs?: number | null;
	readonly encoder?: EncoderSettings;
	/** Render plain clip playback without the browser (default true). */
	readonly direct?: boolean;
	readonly onProgress?: (progress: {readonly renderedFrames: number; readonly framesToRender: number; readonly chunksToRender: number}) => void;
	readonly signal?: AbortSignal;
};

const exists = (file: string): Promise<boolean> => access(file).then(() => true, () => false);

// A browser frame costs several direct frames; used only to balance work between workers.
const BROWSER_FRAME_COST = 6;

/** Splits chunks between workers so each gets about the same work (largest first, each to the least loaded). */
export const splitForWorkers = <T extends {chunk: RenderChunk}>(items: readonly T[], workers: number): T[][] => {
	const cost = ({chunk}: T): number => (chunk.endFrame - chunk.startFrame) * (chunk.direct ? 1 : BROWSER_FRAME_COST);
	const groups = Array.from({length: Math.min(workers, items.length)}, () => ({load: 0, items: [] as T[]}));
	for (const item of [...items].sort((a, b) => cost(b) - cost(a))) {
		const lightest = groups.reduce((min, group) => (group.load < min.load ? group : min));
		lightest.load += cost(item);
		lightest.items.push(item);
	}
	return groups.map((group) => group.items.sort((a, b) => a.chunk.startFrame - b.chunk.startFrame));
};

// A module of this folder run as a child process under tsx, as the CLI runs (`.ts` in a checkout, `.js` when built).
const forkSibling = (name: string) => fork(new URL(`./${name}${path.extname(new URL(import.meta.url).pathname)}`, import.meta.url), [], {execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href], stdio: ['ignore', 'inherit', 'inherit', 'ipc']});

// Bundles the project (or songreel's stills page) in a child process (see bundle-worker.ts); its folder is the caller's to remove.
const bundleInChild = ({entryPoint, publicDir, outDir, signal}: {entryPoint: string; publicDir: string; outDir?: string; signal?: AbortSignal}): Promise<string> =>
	new Promise((resolve, reject) => {
		const child = forkSibling('bundle-worker');
		let outcome: {type: 'done'; serveUrl: string} | {type: 'error'; message: string} | null = null;
		const stop = (): void => {
			child.kill('SIGTERM');
		};
		signal?.addEventListener('abort', stop, {once: true});
		child.on('message', (message: typeof outcome) => {
			outcome = message;
		});
		child.on('error', reject);
		child.on('exit', (code) => {
			signal?.removeEventListener('abort', stop);
			const result = outcome as typeof outcome;
			if (result?.type === 'done') {
				resolve(result.serveUrl);
			} else if (signal?.aborted) {
				reject(new RenderCancelledError());
			} else {
				reject(new Error(result?.type === 'error' ? `bundling ${path.relative(process.cwd(), entryPoint)} failed: ${result.message}` : `the bundler exited with ${code} before finishing`));
			}
		});
		child.send({entryPoint, publicDir, outDir});
	});

// Runs a batch in a worker process (under tsx, as the CLI runs); SIGTERM on abort lets it remove its temp files.
const renderBatchInWorker = ({batch, onFrames, signal}: {batch: ChunkBatch; onFrames: (count: number) => void; signal?: AbortSignal}): Promise<BatchTimings> =>
	new Promise((resolve, reject) => {
		const child = forkSibling('chunk-worker');
		let outcome: WorkerMessage | null = null;
		const stop = (): void => {
			child.kill('SIGTERM');
		};
		signal?.addEventListener('abort', stop, {once: true});
		child.on('message', (message: WorkerMessage) => {
			if (message.type === 'frames') {
				onFrames(message.count);
			} else {
				outcome = message;
			}
		});
		child.on('error', reject);
		child.on('exit', (code) => {
			signal?.removeEventListener('abort', stop);
			const result = outcome as WorkerMessage | null;
			if (result?.type === 'done') {
				resolve(result.timings);
			} else if (signal?.aborted) {
				reject(new RenderCancelledError());
			} else {
				reject(new Error(result?.type === 'error' ? `a render worker failed: ${result.stack ?? result.message}` : `a render worker exited with ${code} before finishing`));
			}
		});
		child.send(batch);
	});

/**
 * Renders the video in chunks and joins them: plain clip playback straight from the clips (decode, scale,
 * lyric stills laid over), everything else (transitions, effects, Ken Burns, freezes) by Remotion in one
 * browser pass over just those frames. Each chunk is cached under a hash of everything that decides its pixels
 * (its slice of the timeline, the clip files' contents, encoder settings, songreel and Remotion versions), so
 * after a change only the chunks it touches are rendered again. Chunks share x264 settings, are joined without
 * re-encoding, and the song is muxed once. Clip audio is not supported (the song must be the only sound).
 */
export const renderInChunks = async (input: RenderInChunksInput): Promise<ChunkedRenderSummary> => {
	const started = performance.now();
	const since = (from: number): number => (performance.now() - from) / 1000;
	const {timeline} = input;
	const encoder = input.encoder ?? DEFAULT_ENCODER_SETTINGS;
	await mkdir(input.cacheDir, {recursive: true});
	const fileHashes = await openFileHashCache(input.cacheDir);
	const clipFacts = new Map<string, DirectClipFacts | null>();
	if (input.direct ?? true) {
		const sources = [...new Set(findDirectRanges(timeline).flatMap((range) => range.layers.flatMap((picture) => (picture.kind === 'clip' ? [picture.src] : []))))];
		// Probed once while a clip is unchanged (every packet's time is read: about 0.3 s for the benchmark's clips).
		const facts = await Promise.all(sources.map((src) => fileHashes.factOf(path.join(input.publicDir, src), DIRECT_PROBE_FACT, probeDirectClip)));
		for (const [i, src] of sources.entries()) {
			clipFacts.set(src, facts[i] ?? null);
		}
	}
	// Clips it cannot read exactly and colours it cannot parse are left to the browser.
	const canDrawDirectly = (picture: ShotPicture): boolean => (picture.kind === 'color' ? cssColorToYuv(picture.color) !== null : !!clipFacts.get(picture.src));
	// The project's own code draws some frames: its source goes into those chunks' keys (hashed only when needed).
	const projectCode = chunkUsesProjectCode(timeline, 0, timeline.durationInFrames) ? await projectCodeHash(input.entryPoint) : null;
	const chunks = planRenderChunks(timeline, {targetFrames: input.chunkFrames, minDirectFrames: (input.direct ?? true) ? MIN_DIRECT_FRAMES : Number.POSITIVE_INFINITY, canDrawDirectly, canDrawBackground: cssColorToYuv(timeline.background) !== null, projectCode});
	const hashOfFile = (src: string): Promise<string> => fileHashes.hashOf(path.join(input.publicDir, src));
	const keys = await Promise.all(
		chunks.map(async (chunk) => {
			const sources = [...new Set(timeline.shots.filter((shot) => shot.visual.kind === 'clip' && shot.fromFrame < chunk.endFrame && shot.fromFrame + shot.durationInFrames > chunk.startFrame).map((shot) => (shot.visual as {src: string}).src))].sort();
			const contents = await Promise.all(sources.map(async (src) => `${src}=${await hashOfFile(src)}`));
			return createHash('sha256').update(chunk.pixelKey).update(contents.join('\n')).update(VERSIONS).update(JSON.stringify(encoder)).digest('hex');
		}),
	);
	const cached = (key: string): string => path.join(input.cacheDir, `${key}.mp4`);
	const missing = (await Promise.all(chunks.map(async (chunk, i) => ((await exists(cached(keys[i] as string))) ? null : {chunk, key: keys[i] as string})))).filter((item) => item !== null);
	const planInSeconds = since(started);
	const framesToRender = missing.reduce((sum, {chunk}) => sum + chunk.endFrame - chunk.startFrame, 0);
	let renderedFrames = 0;
	const frameDone = (count: number): void => {
		renderedFrames += count;
		input.onProgress?.({renderedFrames, framesToRender, chunksToRender: missing.length});
	};
	let framesInSeconds = 0;
	// Remotion's browser runner answers Ctrl-C with process.exit(130) before any promise settles; an exit hook is
	// the one place left to remove this render's temporary files (workers' included: they are named here).
	const temporaries = new Set<string>();
	const removeTemporaries = (): void => {
		for (const file of temporaries) {
			rmSync(file, {force: true});
		}
	};
	process.on('exit', removeTemporaries);
	// The song, encoded once (AAC, as every render muxes it) while the frames render; cached by its content.
	const songPath = path.join(input.publicDir, timeline.audio.src);
	const encodedSong = (async (): Promise<string> => {
		const file = path.join(input.cacheDir, `song-${await fileHashes.hashOf(songPath)}-fdk320.m4a`);
		if (!(await exists(file))) {
			const temporary = `${file}.tmp-${process.pid}.m4a`;
			temporaries.add(temporary);
			try {
				const ffmpeg = runFfmpeg(['-y', '-i', songPath, '-vn', ...AAC_ENCODER_ARGS, '-f', 'mp4', temporary]);
				ffmpeg.stdin.end();
				await ffmpeg.done;
				await rename(temporary, file);
			} finally {
				await rm(temporary, {force: true});
			}
		}
		return file;
	})();
	// Settled now so a failure is not unhandled while the frames render; awaited at the join.
	encodedSong.catch(() => undefined);
	// The hashes learned, remembered for the next render while the frames render; awaited at the join.
	const hashesSaved = fileHashes.save();
	hashesSaved.catch(() => undefined);
	let timings: BatchTimings[] = [];
	let bundleInSeconds = 0;
	let bundleKind: ChunkedRenderBreakdown['bundle'] = null;
	let joinStarted = 0;
	try {
		if (missing.length > 0) {
			// The browser (and so a bundle) only for browser chunks and lyric stills no earlier render cached that Node
			// cannot draw: a changed shot under lines already drawn re-renders without one. Stills of lines in the
			// built-in look that Node cannot draw (three rows or more, letters outside Latin) come from songreel's own
			// prebuilt page: the project is bundled only when the browser draws its code or fonts.
			const stills = stillsNeeded(timeline, missing.map(({chunk}) => chunk), VERSIONS);
			const cachedStills = await Promise.all(stills.map((still) => isStillCached(input.cacheDir, still.key)));
			const drawer = openLyricStillDrawer();
			const stillsForBrowser = stills.filter((still, index) => !cachedStills[index] && !drawer.draws(timeline.lyrics[still.line] as ResolvedLyricLine, timeline.width, timeline.height));
			const projectBundle = missing.some(({chunk}) => chunk.direct === null) || stillsForBrowser.some((still) => !drawnByStillsPage(timeline.lyrics[still.line] as ResolvedLyricLine));
			const signal = input.signal ? {signal: input.signal} : {};
			bundleKind = projectBundle ? 'project' : stillsForBrowser.length > 0 ? 'lyric-stills page' : null;
			const bundleStarted = performance.now();
			// Made while the direct frames start: a render in one process hands the batch the bundle to come.
			const bundling = (
				projectBundle
					? bundleInChild({entryPoint: input.entryPoint, publicDir: input.publicDir, ...signal})
					: stillsForBrowser.length > 0
						? lyricStillsPage((options) => bundleInChild({...options, ...signal}))
						: Promise.resolve(null)
			).finally(() => {
				bundleInSeconds = since(bundleStarted);
			});
			bundling.catch(() => undefined);
			try {
				const groups = splitForWorkers(missing, Math.max(1, input.workers ?? 1));
				const serveUrl = groups.length === 1 ? null : await bundling;
				const batches = groups.map((group, worker): ChunkBatch => ({
					serveUrl,
					cacheDir: input.cacheDir,
					versions: VERSIONS,
					publicDir: input.publicDir,
					timeline,
					inputProps: input.inputProps,
					chunks: group.map(({chunk, key}) => {
						const temporaryPath = `${cached(key)}.tmp-${process.pid}-${worker}.mp4`;
						temporaries.add(temporaryPath);
						return {chunk, cachePath: cached(key), temporaryPath};
					}),
					clipFacts: Object.fromEntries([...clipFacts].filter((entry): entry is [string, DirectClipFacts] => entry[1] !== null)),
					encoder,
					tabs: input.tabs ?? null,
				}));
				const framesStarted = performance.now();
				timings = await Promise.all(
					batches.map((batch) =>
						batches.length === 1
							? renderChunkBatch({batch, bundling, onFrame: () => frameDone(1), ...signal})
							: renderBatchInWorker({batch, onFrames: frameDone, ...signal}),
					),
				);
				framesInSeconds = since(framesStarted);
			} finally {
				// The project's bundle is this render's; songreel's stills page is kept for the next.
				const serveUrl = await bundling.catch(() => null);
				if (serveUrl !== null && projectBundle) {
					await rm(serveUrl, {recursive: true, force: true});
				}
			}
		}
		// Join the chunks without re-encoding (same encoder settings, each starts on a keyframe), then add the song.
		joinStarted = performance.now();
		await hashesSaved;
		const list = path.join(input.cacheDir, `join-${process.pid}.txt`);
		await writeFile(list, keys.map((key) => `file '${cached(key)}'`).join('\n'));
		await mkdir(path.dirname(input.outputPath), {recursive: true});
		const temporary = `${input.outputPath}.tmp-${process.pid}.mp4`;
		temporaries.add(temporary).add(list);
		try {
			const seconds = (timeline.durationInFrames / timeline.fps).toFixed(6);
			const ffmpeg = runFfmpeg(['-y', '-f', 'concat', '-safe', '0', '-i', list, '-i', await encodedSong, '-map', '0:v', '-map', '1:a', '-c', 'copy', '-t', seconds, '-movflags', '+faststart', temporary]);
			ffmpeg.stdin.end();
			await ffmpeg.done;
			await verifyJoinedRender(temporary, {frames: timeline.durationInFrames, fps: timeline.fps, width: timeline.width, height: timeline.height}, keys.map(cached));
			await rename(temporary, input.outputPath);
		} finally {
			await rm(temporary, {force: true});
			await rm(list, {force: true});
		}
	} finally {
		process.off('exit', removeTemporaries);
	}
	const count = (items: typeof missing) => items.reduce((sum, {chunk}) => sum + chunk.endFrame - chunk.startFrame, 0);
	const longest = (key: keyof BatchTimings): number => Math.max(0, ...timings.map((t) => t[key]));
	return {
		outputPath: input.outputPath,
		frames: timeline.durationInFrames,
		chunks: chunks.length,
		renderedChunks: missing.length,
		directChunks: chunks.filter((chunk) => chunk.direct !== null).length,
		wallInSeconds: since(started),
		breakdown: {
			workers: timings.length,
			browserFrames: count(missing.filter(({chunk}) => chunk.direct === null)),
			directFrames: count(missing.filter(({chunk}) => chunk.direct !== null)),
			lyricStills: timings.reduce((sum, t) => sum + t.lyricStills, 0),
			lyricStillsByBrowser: timings.reduce((sum, t) => sum + t.lyricStillsByBrowser, 0),
			planInSeconds,
			bundle: bundleKind,
			bundleInSeconds,
			stillsInSeconds: longest('stillsInSeconds'),
			framesInSeconds,
			browserInSeconds: longest('browserInSeconds'),
			directInSeconds: longest('directInSeconds'),
			joinInSeconds: since(joinStarted),
		},
	};
};
