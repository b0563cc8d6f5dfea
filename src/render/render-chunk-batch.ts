import {once} from 'node:events';
import {rename, rm} from 'node:fs/promises';
import path from 'node:path';
import type {CancelSignal, HeadlessBrowser} from '@remotion/renderer';
import {RENDER_COMPOSITION} from '../remotion/composition-ids.ts';
import {type FfmpegProcess, runFfmpeg} from '../media/remotion-ffmpeg.ts';
import type {DirectRange, RenderChunk} from '../draw/plan-render-ranges.ts';
import type {ResolvedLyricLine, ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import type {DirectClipFacts} from './direct/probe-direct-clip.ts';
import {renderDirectChunk} from './direct/render-direct-chunk.ts';
import {openLyricStillDrawer} from './direct/draw-lyric-still.ts';
import type {OverlayImage} from './direct/lyric-overlay.ts';
import {openStillStore, stillsNeeded, visibleStillsAt} from './direct/lyric-still-cache.ts';
import {type EncoderSettings, x264OutputArgs} from './encoder-settings.ts';
import {resolveBrowserExecutable} from './resolve-browser-executable.ts';
import {cancelOnceStarted} from './cancel-once-started.ts';
import {RenderCancelledError} from './render-cancelled-error.ts';
import {verifyChunk} from './verify-render.ts';

/** Chunks for one worker to render: each is written to `temporaryPath`, then renamed to `cachePath`. JSON-safe, so it can go to a worker process. */
export type ChunkBatch = {
	/** The bundle; null when nothing in the batch needs the browser (no browser chunks, every lyric still cached). */
	readonly serveUrl: string | null;
	/** Where lyric stills are cached, and the versions that key them. */
	readonly cacheDir: string;
	readonly versions: string;
	readonly publicDir: string;
	readonly timeline: ResolvedTimeline;
	readonly inputProps: Record<string, unknown>;
	readonly chunks: readonly {readonly chunk: RenderChunk; readonly temporaryPath: string; readonly cachePath: string}[];
	readonly clipFacts: Readonly<Record<string, DirectClipFacts>>;
	readonly encoder: EncoderSettings;
	readonly tabs: number | null;
};

/** Where a batch spent its time. */
export type BatchTimings = {
	readonly lyricStills: number;
	/** Of those, the stills the browser drew (the rest were drawn in Node). */
	readonly lyricStillsByBrowser: number;
	readonly stillsInSeconds: number;
	readonly framesInSeconds: number;
	readonly browserInSeconds: number;
	readonly directInSeconds: number;
};

const BROWSER_JPEG_QUALITY = 95;

// One x264 encoder per browser chunk, fed JPEG frames in order (tabs finish frames out of order).
const chunkEncoder = ({chunk, fps, encoder, outputPath}: {chunk: RenderChunk; fps: number; encoder: EncoderSettings; outputPath: string}) => {
	let ffmpeg: FfmpegProcess | null = null;
	let next = chunk.startFrame;
	const waiting = new Map<number, Buffer>();
	return {
		/** Queues a frame; resolves true once the chunk's last frame is encoded and the file is complete. */
		add: async (frame: number, jpeg: Buffer): Promise<boolean> => {
			ffmpeg ??= runFfmpeg(['-y', '-f', 'image2pipe', '-framerate', String(fps), '-c:v', 'mjpeg', '-i', 'pipe:0', ...x264OutputArgs(encoder), '-f', 'mp4', outputPath]);
			waiting.set(frame, jpeg);
			while (waiting.has(next)) {
				const buffer = waiting.get(next) as Buffer;
				waiting.delete(next);
				next++;
				if (!ffmpeg.stdin.write(buffer)) {
					await once(ffmpeg.stdin, 'drain');
				}
			}
			if (next === chunk.endFrame) {
				ffmpeg.stdin.end();
				await ffmpeg.done;
				return true;
			}
			return false;
		},
		kill: (): void => {
			ffmpeg?.done.catch(() => undefined);
			ffmpeg?.kill();
		},
	};
};

/**
 * Renders a batch of chunks: the lyric stills its direct chunks need (one browser pass), then the browser
 * chunks' frames (one browser pass over just those frames, JPEGs encoded per chunk) side by side with the
 * direct chunks (decoded from their clips). Every finished chunk is renamed into the cache at once, so an
 * interrupted batch keeps what it finished.
 */
export const renderChunkBatch = async ({batch, onFrame, signal, bundling}: {
	batch: ChunkBatch;
	onFrame: () => void;
	signal?: AbortSignal;
	/** The bundle while it is being made, in place of `batch.serveUrl`: direct frames start without waiting for it. */
	bundling?: Promise<string | null>;
}): Promise<BatchTimings> => {
	const {timeline} = batch;
	// Only asked for when the batch has browser work, for which the caller bundles.
	const serveUrlReady = (bundling ?? Promise.resolve(batch.serveUrl)).then((url) => url ?? '');
	serveUrlReady.catch(() => undefined);
	const since = (from: number): number => (performance.now() - from) / 1000;
	const browserChunks = batch.chunks.filter(({chunk}) => chunk.direct === null);
	const directChunks = batch.chunks.filter(({chunk}) => chunk.direct !== null);
	const browserExecutable = resolveBrowserExecutable();
	const concurrency = batch.tabs ? {concurrency: batch.tabs} : {};
	// Remotion's cancel signal over an AbortController, not its makeCancelSignal: a batch with no browser work never
	// loads @remotion/renderer (its import was a tenth of a changed shot's re-render). Remotion subscribes once per
	// page, server and still, so the callbacks share one listener (one listener each tripped Node's leak warning).
	const cancellation = new AbortController();
	const onCancel: (() => void)[] = [];
	cancellation.signal.addEventListener('abort', () => onCancel.splice(0).forEach((callback) => callback()), {once: true});
	const cancelSignal: CancelSignal = (callback) => {
		if (cancellation.signal.aborted) {
			callback();
		} else {
			onCancel.push(callback);
		}
	};
	const encoders: {kill: () => void}[] = [];
	const onAbort = (): void => {
		cancellation.abort();
		for (const encoder of encoders) {
			encoder.kill();
		}
	};
	signal?.addEventListener('abort', onAbort, {once: true});
	// Opened while the bundle is made; set to null once closed.
	let browserOpen: Promise<HeadlessBrowser> | null = null;
	const timings = {lyricStills: 0, lyricStillsByBrowser: 0, stillsInSeconds: 0, framesInSeconds: 0, browserInSeconds: 0, directInSeconds: 0};
	try {
		const phase = performance.now();
		// One still per line and number of highlighted words seen on the direct chunks' frames; those drawn by an
		// earlier render come from the cache, the rest are drawn here in Node, or by the browser where Node cannot.
		const needed = stillsNeeded(timeline, directChunks.map(({chunk}) => chunk), batch.versions);
		const keyOf = new Map(needed.map((still) => [still.stillId, still.key]));
		const stills = openStillStore(batch.cacheDir);
		// The stills ready to show: in the cache, read when a frame shows them.
		const known = new Set<string>();
		for (const still of needed) {
			if (await stills.has(still.key)) {
				known.add(still.stillId);
			}
		}
		const uncached = needed.filter((still) => !known.has(still.stillId));
		const drawer = openLyricStillDrawer();
		const inNode = uncached.filter((still) => drawer.draws(timeline.lyrics[still.line] as ResolvedLyricLine, timeline.width, timeline.height));
		const drawnHere = new Set(inNode);
		const forBrowser = uncached.filter((still) => !drawnHere.has(still));
		// A browser only when something needs one (lyric stills, browser chunks); they share it in separate tabs.
		// Stills alone take a single-process browser: half the memory of Chrome's separate GPU and page processes
		// (340 MiB resident against 740 for the benchmark's 60 stills), and no slower.
		const renderer = forBrowser.length > 0 || browserChunks.length > 0 ? import('@remotion/renderer') : null;
		browserOpen = renderer
			? renderer.then(({openBrowser}) => openBrowser('chrome', {browserExecutable, logLevel: 'error', chromiumOptions: {enableMultiProcessOnLinux: browserChunks.length > 0}}))
			: null;
		browserOpen?.catch(() => undefined);
		const browserReady = async (): Promise<{serveUrl: string; puppeteerInstance: HeadlessBrowser}> => ({serveUrl: await serveUrlReady, puppeteerInstance: await (browserOpen as Promise<HeadlessBrowser>)});
		// Each still as the browser finishes it: a chunk starts once the stills it shows are drawn, not all of them.
		const arrivals = new Map(
			needed.map((still) => {
				let resolve = (): void => undefined;
				const promise = new Promise<void>((done) => {
					resolve = done;
				});
				return [still.stillId, {promise, resolve}];
			}),
		);
		for (const stillId of known.keys()) {
			arrivals.get(stillId)?.resolve();
		}
		const cacheWrites: Promise<void>[] = [];
		const arrived = (stillId: string): void => {
			known.add(stillId);
			arrivals.get(stillId)?.resolve();
		};
		// Drawn in Node a few milliseconds each, yielding between stills so frames that have theirs go on meanwhile.
		const drawnInNode = (async (): Promise<void> => {
			for (const still of inNode) {
				if (cancellation.signal.aborted) {
					throw new RenderCancelledError();
				}
				const overlay = drawer.draw(timeline.lyrics[still.line] as ResolvedLyricLine, still.highlightedWords, timeline.width, timeline.height);
				cacheWrites.push(stills.put(still.key, overlay).then(() => arrived(still.stillId)));
				await new Promise((resolve) => setImmediate(resolve));
			}
		})();
		drawnInNode.catch(() => undefined);
		const drawnByBrowser = (
			forBrowser.length > 0
				? browserReady().then(async ({serveUrl, puppeteerInstance}) => {
						// Not started once cancelled (see cancel-once-started.ts).
						if (cancellation.signal.aborted) {
							throw new RenderCancelledError();
						}
						return (await import('./direct/render-lyric-stills.ts')).renderLyricStills({
							requests: forBrowser,
							timeline,
							serveUrl,
							browserExecutable,
							puppeteerInstance,
							cancelSignal,
							tabs: batch.tabs,
							// Shown once cached: frames read their stills from the cache, the last few from memory.
							onStill: (k, overlay) => {
								const still = forBrowser[k] as (typeof forBrowser)[number];
								cacheWrites.push(stills.put(still.key, overlay).then(() => arrived(still.stillId)));
							},
						});
					})
				: Promise.resolve()
		).then(async () => {
			await Promise.all(cacheWrites);
			const missing = forBrowser.find((still) => !known.has(still.stillId));
			if (missing) {
				throw new Error(`the browser gave no lyric still for line ${missing.line + 1} with ${missing.highlightedWords} word(s) highlighted`);
			}
		});
		const stillsReady = Promise.all([drawnInNode, drawnByBrowser]).then(async () => {
			await Promise.all(cacheWrites);
			timings.lyricStills = uncached.length;
			timings.lyricStillsByBrowser = forBrowser.length;
			timings.stillsInSeconds = since(phase);
			// A browser kept open for nothing holds hundreds of megabytes for the rest of the render.
			if (browserChunks.length === 0 && browserOpen) {
				const done = browserOpen;
				browserOpen = null;
				await (await done).close({silent: true});
			}
		});
		stillsReady.catch(() => undefined);
		const browserPass = async (): Promise<void> => {
			if (browserChunks.length === 0) {
				return;
			}
			const from = performance.now();
			const {serveUrl, puppeteerInstance} = await browserReady();
			const {renderFrames, selectComposition} = await import('@remotion/renderer');
			const composition = await selectComposition({serveUrl, id: RENDER_COMPOSITION, inputProps: batch.inputProps, browserExecutable, puppeteerInstance, logLevel: 'error'});
			const encoderOfFrame = new Map<number, ReturnType<typeof chunkEncoder> & {temporaryPath: string; cachePath: string; frames: number}>();
			const frames: number[] = [];
			for (const {chunk, temporaryPath, cachePath} of browserChunks) {
				const handle = {...chunkEncoder({chunk, fps: timeline.fps, encoder: batch.encoder, outputPath: temporaryPath}), temporaryPath, cachePath, frames: chunk.endFrame - chunk.startFrame};
				encoders.push(handle);
				for (let frame = chunk.startFrame; frame < chunk.endFrame; frame++) {
					encoderOfFrame.set(frame, handle);
					frames.push(frame);
				}
			}
			const cancelWhenStarted = cancelOnceStarted(cancelSignal);
			await renderFrames({
				composition,
				serveUrl,
				inputProps: batch.inputProps,
				frames,
				outputDir: null,
				imageFormat: 'jpeg',
				jpegQuality: BROWSER_JPEG_QUALITY,
				muted: true,
				onStart: cancelWhenStarted.onStart,
				onFrameUpdate: () => undefined,
				onFrameBuffer: async (buffer, frame) => {
					const handle = encoderOfFrame.get(frame);
					if (!handle) {
						throw new Error(`the browser rendered frame ${frame}, which no chunk asked for`);
					}
					onFrame();
					if (await handle.add(frame, buffer)) {
						await verifyChunk(handle.temporaryPath, handle.frames);
						await rename(handle.temporaryPath, handle.cachePath);
					}
				},
				puppeteerInstance,
				browserExecutable,
				cancelSignal: cancelWhenStarted.cancelSignal,
				...concurrency,
				logLevel: 'error',
			});
			timings.browserInSeconds = since(from);
		};
		const directPass = async (): Promise<void> => {
			const from = performance.now();
			// Chunks without lyrics first: they need no stills, so they start while the browser draws them.
			const showsLyrics = ({chunk}: (typeof directChunks)[number]): boolean => {
				for (let frame = chunk.startFrame; frame < chunk.endFrame; frame++) {
					if (visibleStillsAt(timeline, frame).length > 0) {
						return true;
					}
				}
				return false;
			};
			const queue = [...directChunks.filter((item) => !showsLyrics(item)), ...directChunks.filter(showsLyrics)];
			// One chunk drawn at a time, with one encoder at full speed; the next chunk starts as soon as the last
			// frame is with the encoder, so its decoders' start, its first frame, x264's flush, the check and the
			// rename overlap (its encoder takes frames once the last one has exited: two at once were the render's
			// memory peak; a second lane of chunks held twice the memory for little speed).
			const finishing: Promise<void>[] = [];
			let previousEncoderDone: Promise<unknown> = Promise.resolve();
			const drawAll = async (): Promise<void> => {
				for (let next = queue.shift(); next; next = queue.shift()) {
					if (signal?.aborted) {
						throw new RenderCancelledError();
					}
					const {chunk, temporaryPath, cachePath} = next;
					let framesWritten = (): void => undefined;
					const written = new Promise<void>((resolve) => {
						framesWritten = resolve;
					});
					const encoded = renderDirectChunk({
						ranges: chunk.direct as readonly DirectRange[],
						clipPath: (src) => path.join(batch.publicDir, src),
						clipFacts: (src) => batch.clipFacts[src] as DirectClipFacts,
						output: timeline,
						background: timeline.background,
						effects: timeline.effects,
						overlaysAt: (frame) => {
							const visible = visibleStillsAt(timeline, frame);
							const shown = (overlays: readonly (OverlayImage | null | undefined)[]) => visible.flatMap(({state}, k) => (overlays[k] ? [{overlay: overlays[k], opacity: state.opacity}] : []));
							const held = visible.map(({stillId}) => (known.has(stillId) ? stills.peek(keyOf.get(stillId) as string) : undefined));
							if (held.every((overlay) => overlay !== undefined)) {
								return shown(held);
							}
							// The stills this frame shows once drawn and cached, or the failure of the pass that draws them.
							const pending = visible.filter(({stillId}) => !known.has(stillId));
							return Promise.race([Promise.all(pending.map(({stillId}) => arrivals.get(stillId)?.promise)), stillsReady])
								.then(() => Promise.all(visible.map(({stillId}) => stills.get(keyOf.get(stillId) as string))))
								.then(shown);
						},
						encoder: batch.encoder,
						outputPath: temporaryPath,
						onFrame,
						onFramesWritten: framesWritten,
						previousEncoderDone,
						...(signal ? {signal} : {}),
					});
					previousEncoderDone = encoded.catch(() => undefined);
					const finished = encoded.then(async () => {
						await verifyChunk(temporaryPath, chunk.endFrame - chunk.startFrame);
						await rename(temporaryPath, cachePath);
					});
					// Settled here so a failure while the next chunk draws is not unhandled; it is thrown below.
					finished.catch(() => undefined);
					finishing.push(finished);
					await Promise.race([written, finished]);
				}
			};
			try {
				await drawAll();
			} finally {
				// A chunk still finishing when another fails ends before the batch does (its files are removed after).
				await Promise.allSettled(finishing);
			}
			await Promise.all(finishing);
			timings.directInSeconds = since(from);
		};
		// The browser waits on frame extraction much of the time; the direct path uses the cores meanwhile.
		await Promise.all([browserPass(), directPass()]);
		timings.framesInSeconds = since(phase);
		return timings;
	} catch (error) {
		onAbort();
		throw signal?.aborted ? new RenderCancelledError() : error;
	} finally {
		signal?.removeEventListener('abort', onAbort);
		await Promise.all(batch.chunks.map(({temporaryPath}) => rm(temporaryPath, {force: true})));
		await (await browserOpen?.catch(() => null))?.close({silent: true});
	}
};
