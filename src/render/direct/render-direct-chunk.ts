import {aviFrameChunkHeader, aviHeader} from '../../media/avi-header.ts';
import {runFfmpeg} from '../../media/remotion-ffmpeg.ts';
import {clipTimeInSecondsAt, sourceFrameIndexAt} from '../../draw/clip-source-frame.ts';
import {transitionProgressAt} from '../../draw/transition-progress.ts';
import type {ClipPlayback, PlainRange} from '../../draw/plan-render-ranges.ts';
import {type EncoderSettings, RAW_FRAMES_AS_JPEG_FRAMES_ARGS, x264OutputArgs} from '../encoder-settings.ts';
import {compositeOverlay, type OverlayImage} from './lyric-overlay.ts';
import type {DirectClipFacts} from './probe-direct-clip.ts';

/** Inputs of one direct chunk: its plain ranges back to back, their clips, the output frame, and the lyric stills over each frame. */
export type DirectChunkInput = {
	readonly ranges: readonly PlainRange[];
	readonly clipPath: (src: string) => string;
	readonly clipFacts: (src: string) => DirectClipFacts;
	readonly output: {readonly width: number; readonly height: number; readonly fps: number};
	/** The stills to lay over a frame of the video (absolute frame), bottom first, with their opacity. */
	readonly overlaysAt: (frame: number) => readonly {readonly overlay: OverlayImage; readonly opacity: number}[];
	readonly encoder: EncoderSettings;
	readonly outputPath: string;
	readonly onFrame?: () => void;
	readonly signal?: AbortSignal;
};

/**
 * ffmpeg filter that makes a clip frame what the browser shows: scaled and cropped to the output as CSS
 * \`object-fit: cover\` does (centred; \`contain\` reaches here only when the aspect ratios match, where it is the
 * same thing), with Chrome's bilinear filtering, and its colours carried through the browser's path: the
 * clip's YUV turned to RGB with its own matrix (BT.709 when untagged, as Chrome assumes), then back to YUV
 * with JPEG's BT.601 matrix, as each browser frame is.
 */
export const clipToOutputFilter = ({clip, output}: {clip: DirectClipFacts; output: {width: number; height: number}}): string => {
	const scale = Math.max(output.width / clip.width, output.height / clip.height);
	const even = (value: number): number => Math.max(2, 2 * Math.round(value / 2));
	const width = Math.max(output.width, even(clip.width * scale));
	const height = Math.max(output.height, even(clip.height * scale));
	// Colours first, at the clip's own size (cheaper when upscaling; the browser also converts before it scales).
	const filters = ['format=yuv420p'];
	if (clip.colorSpace !== 'bt601' || clip.fullRange) {
		const matrix = clip.colorSpace === 'bt601' ? 'bt470bg' : 'bt709';
		filters.push(`colorspace=ispace=${matrix}:space=bt470bg:iprimaries=bt709:primaries=bt709:itrc=bt709:trc=bt709:irange=${clip.fullRange ? 'pc' : 'tv'}:range=tv`, 'format=yuv420p');
	}
	if (width !== clip.width || height !== clip.height) {
		filters.push(`scale=${width}:${height}:flags=${scale < 1 ? 'area' : 'bilinear'}`, 'format=yuv420p');
	}
	if (width !== output.width || height !== output.height) {
		filters.push(`crop=${output.width}:${output.height}:${(width - output.width) / 2}:${(height - output.height) / 2}`);
	}
	return filters.join(',');
};

// Reads fixed-size frames from a stream, one at a time, into two buffers in turn (a frame stays valid until the
// read after next; allocating 3 MB a frame would keep the garbage collector busy); null at the end.
const frameReader = (stream: NodeJS.ReadableStream, frameBytes: number) => {
	const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
	// Start reading now: Node discards a child's unread output when it exits (a short clip may be done first).
	let ahead: Promise<IteratorResult<Buffer>> | null = iterator.next();
	ahead.catch(() => undefined);
	const buffers = [Buffer.allocUnsafe(frameBytes), Buffer.allocUnsafe(frameBytes)];
	let turn = 0;
	let rest: Buffer | null = null;
	return async (): Promise<Buffer | null> => {
		const frame = buffers[turn] as Buffer;
		turn = 1 - turn;
		let filled = 0;
		while (filled < frameBytes) {
			let chunk: Buffer;
			if (rest) {
				chunk = rest;
				rest = null;
			} else {
				const next = await (ahead ?? iterator.next());
				ahead = null;
				if (next.done) {
					return null;
				}
				chunk = next.value;
			}
			const take = Math.min(chunk.length, frameBytes - filled);
			chunk.copy(frame, filled, 0, take);
			filled += take;
			if (take < chunk.length) {
				rest = chunk.subarray(take);
			}
		}
		return frame;
	};
};

// A clip decoded from its first needed frame, scaled and cropped to the output; frames are read forward only.
const openClip = ({path, clip, output, first, last}: {path: string; clip: DirectClipFacts; output: {width: number; height: number}; first: number; last: number}) => {
	const decoder = runFfmpeg(
		[
			...(first > 0 ? ['-ss', ((first - 0.5) / clip.fps).toFixed(6)] : []),
			'-i', path,
			'-an', '-frames:v', String(last - first + 1),
			'-vf', clipToOutputFilter({clip, output}),
			'-fps_mode', 'passthrough',
			'-f', 'image2pipe', '-c:v', 'rawvideo', 'pipe:1',
		],
		{readStdout: true},
	);
	decoder.stdin.end();
	// Stopped on purpose once the frames needed are read, the decoder's exit is no error; settled now so an early failure is not unhandled.
	let stopped = false;
	const failure = decoder.done.then(
		() => null,
		(error: unknown) => (stopped ? null : error),
	);
	const read = frameReader(decoder.stdout as NodeJS.ReadableStream, output.width * output.height * 1.5);
	let current: Buffer | null = null;
	let index = first - 1;
	return {
		/** The frame at a clip index not before the last one asked for; the last frame decoded when the clip ends early (the browser holds it too). The caller must not change it while a later call may return it again. */
		frameAt: async (wanted: number): Promise<Buffer> => {
			while (index < wanted) {
				const next = await read();
				if (next === null) {
					break;
				}
				current = next;
				index++;
			}
			if (current === null) {
				throw (await failure) ?? new Error(`${path}: no frames decoded from clip frame ${first}`);
			}
			return current;
		},
		stop: (): void => {
			stopped = true;
			decoder.kill();
		},
		failure,
	};
};

// Blends b over a at opacity p, in place in a (both yuv420p; blending in YUV equals blending in RGB, the conversion being affine).
const crossfade = (a: Buffer, b: Buffer, p: number): void => {
	const weight = Math.round(p * 65536);
	for (let i = 0; i < a.length; i++) {
		const x = a[i] as number;
		a[i] = x + ((((b[i] as number) - x) * weight + 32768) >> 16);
	}
};

/**
 * Renders plain ranges without a browser: Remotion's ffmpeg decodes each clip from the first frame needed,
 * scales and crops it to the output; each output frame takes the clip frame the browser's Video element would
 * show (same clip time, same frame choice), crossfades the two clips where a fade runs, gets its lyric stills
 * laid over, and goes to x264 with the settings every chunk shares.
 */
export const renderDirectChunk = async (input: DirectChunkInput): Promise<void> => {
	const {ranges, output} = input;
	const startFrame = (ranges[0] as PlainRange).startFrame;
	const endFrame = (ranges[ranges.length - 1] as PlainRange).endFrame;
	const frameBytes = output.width * output.height * 1.5;
	const sourceIndexAt = (clip: ClipPlayback, frame: number): number => {
		const facts = input.clipFacts(clip.src);
		return sourceFrameIndexAt({timeInSeconds: clipTimeInSecondsAt({timing: clip.timing, frame, fps: output.fps}), sourceFps: facts.fps, frameCount: facts.frameCount});
	};
	// One decoder per clip playback (a shot's clip), shared by its ranges: the crossfade and the stretch after it read on.
	const playbackKey = (clip: ClipPlayback): string => JSON.stringify(clip);
	const spans = new Map<string, {clip: ClipPlayback; first: number; last: number}>();
	for (const range of ranges) {
		for (const clip of range.layers) {
			const key = playbackKey(clip);
			const span = spans.get(key);
			spans.set(key, {clip, first: span ? span.first : sourceIndexAt(clip, range.startFrame), last: sourceIndexAt(clip, range.endFrame - 1)});
		}
	}
	const decoders = new Map<string, ReturnType<typeof openClip>>();
	const decoderFor = (clip: ClipPlayback) => {
		const key = playbackKey(clip);
		if (!decoders.has(key)) {
			const span = spans.get(key) as {first: number; last: number};
			decoders.set(key, openClip({path: input.clipPath(clip.src), clip: input.clipFacts(clip.src), output, first: span.first, last: span.last}));
		}
		return decoders.get(key) as ReturnType<typeof openClip>;
	};
	// Start every decoder now: their start-up and seek overlap the frames before they are needed.
	for (const {clip} of spans.values()) {
		decoderFor(clip);
	}
	const scratch = Buffer.allocUnsafe(frameBytes);
	const encoder = runFfmpeg(['-y', '-f', 'avi', '-i', 'pipe:0', ...x264OutputArgs(input.encoder), ...RAW_FRAMES_AS_JPEG_FRAMES_ARGS, '-f', 'mp4', input.outputPath]);
	const stop = (): void => {
		for (const decoder of decoders.values()) {
			decoder.stop();
		}
		encoder.kill();
	};
	input.signal?.addEventListener('abort', stop, {once: true});
	try {
		encoder.stdin.write(aviHeader({width: output.width, height: output.height, fps: output.fps, frames: endFrame - startFrame, pixelFormat: 'i420'}));
		for (const range of ranges) {
			for (let frame = range.startFrame; frame < range.endFrame; frame++) {
				const [bottom, top] = range.layers as [ClipPlayback, ClipPlayback | undefined];
				const wanted = sourceIndexAt(bottom, frame);
				const base = await decoderFor(bottom).frameAt(wanted);
				const overlays = input.overlaysAt(frame);
				// Draw on the decoded frame itself unless the next output frame shows it again (a slower clip).
				const shownAgain = frame + 1 < endFrame && sourceIndexAt(bottom, frame + 1) === wanted;
				let out = base;
				if ((top && range.fade) || overlays.length > 0) {
					// Every write below is drained before the next frame, so one scratch buffer serves all frames.
					if (shownAgain) {
						base.copy(scratch);
						out = scratch;
					}
				}
				if (top && range.fade) {
					crossfade(out, await decoderFor(top).frameAt(sourceIndexAt(top, frame)), transitionProgressAt({frameInTransition: frame - range.fade.startFrame, durationInFrames: range.fade.durationInFrames}));
				}
				for (const {overlay, opacity} of overlays) {
					compositeOverlay({frame: out, frameWidth: output.width, frameHeight: output.height, overlay, opacity});
				}
				encoder.stdin.write(aviFrameChunkHeader(frameBytes));
				// Wait until the frame is handed to the encoder whatever the buffer level: its buffer is reused.
				await new Promise<void>((resolve, reject) => encoder.stdin.write(out, (error) => (error ? reject(error) : resolve())));
				input.onFrame?.();
			}
		}
		encoder.stdin.end();
		// Decoders may still hold frames past the last one needed.
		for (const decoder of decoders.values()) {
			decoder.stop();
		}
		await encoder.done;
		for (const decoder of decoders.values()) {
			const failure = await decoder.failure;
			if (failure) {
				throw failure;
			}
		}
	} catch (error) {
		stop();
		await Promise.allSettled([encoder.done, ...[...decoders.values()].map((decoder) => decoder.failure)]);
		throw error;
	} finally {
		input.signal?.removeEventListener('abort', stop);
	}
};
