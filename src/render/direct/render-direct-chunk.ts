import {aviFrameChunkHeader, aviHeader} from '../../media/avi-header.ts';
import {openFramePipe} from '../../media/raw-frame-pipe.ts';
import {runFfmpeg} from '../../media/remotion-ffmpeg.ts';
import {clipTimeInSecondsAt, sourceFrameIndexAt} from '../../draw/clip-source-frame.ts';
import {directSceneAt} from '../../draw/direct-scene-at.ts';
import {clipPlacement as placeInFrame} from '../../draw/clip-placement.ts';
import {focusAt, isCentredFocus} from '../../draw/focus-at.ts';
import {isIdentity} from '../../draw/matrix-3x3.ts';
import type {ClipPlayback, DirectRange} from '../../draw/plan-render-ranges.ts';
import type {ResolvedEffects} from '../../timeline/resolved-timeline.ts';
import {type EncoderSettings, RAW_FRAMES_AS_JPEG_FRAMES_ARGS, x264OutputArgs} from '../encoder-settings.ts';
import {cssColorToYuv} from './css-color-to-yuv.ts';
import {brighten, drawLayer, fillFrame, type LayerImage, type PixelBox, type YuvColor} from './draw-layer.ts';
import {compositeOverlay, type OverlayImage} from './lyric-overlay.ts';
import type {DirectClipFacts} from './probe-direct-clip.ts';

/** Inputs of one direct chunk: its direct ranges back to back, their clips, the output frame, the video's background and beat effects, and the lyric stills over each frame. */
export type DirectChunkInput = {
	readonly ranges: readonly DirectRange[];
	readonly clipPath: (src: string) => string;
	readonly clipFacts: (src: string) => DirectClipFacts;
	readonly output: {readonly width: number; readonly height: number; readonly fps: number};
	/** The video's background (a CSS colour; frames that may show one the engine cannot draw are not in its ranges). */
	readonly background: string;
	readonly effects: ResolvedEffects | null;
	/**
	 * The stills to lay over a frame of the video (absolute frame), bottom first, with their opacity; a promise while
	 * they are still being drawn, so a chunk draws its frames before its first lyric line without waiting for it.
	 */
	readonly overlaysAt: (frame: number) => Overlays | Promise<Overlays>;
	readonly encoder: EncoderSettings;
	readonly outputPath: string;
	readonly onFrame?: () => void;
	/** Called once the last frame is with the encoder (which still has to finish the file). */
	readonly onFramesWritten?: () => void;
	/**
	 * Settles when the previous chunk's encoder has exited: this chunk's first frame (on which x264 allocates its
	 * buffers, about 330 MiB at 1080p) waits for it, so two encoders never hold their memory at once. The chunk's
	 * decoders start and its first frame is drawn meanwhile.
	 */
	readonly previousEncoderDone?: Promise<unknown>;
	readonly signal?: AbortSignal;
};

type Overlays = readonly {readonly overlay: OverlayImage; readonly opacity: number}[];

const even = (value: number): number => Math.max(2, 2 * Math.round(value / 2));

/**
 * How a clip frame is decoded and where it sits in the shot's box: CSS \`object-fit: cover\` fills the box (scaled
 * up, centred, the overflow cropped); \`contain\` fits inside it centred (letterboxed), at the browser's exact
 * (fractional) place and size, decoded at the nearest even size. A cover clip framed around a focus point other
 * than the centre is decoded whole (\`cropped: false\`), to be placed frame by frame (\`focusedBox\`).
 */
export const clipPlacement = ({clip, output, fit, zoom = 1, cropped = true}: {clip: DirectClipFacts; output: {width: number; height: number}; fit: 'cover' | 'contain'; zoom?: number; cropped?: boolean}) => {
	const {scale, drawnWidthInPx, drawnHeightInPx} = placeInFrame({frameWidth: output.width, frameHeight: output.height, clipWidth: clip.width, clipHeight: clip.height, fit, xPercent: 50, yPercent: 50});
	const box = {width: drawnWidthInPx, height: drawnHeightInPx, x: (output.width - drawnWidthInPx) / 2, y: (output.height - drawnHeightInPx) / 2};
	if (fit === 'cover') {
		// A picture shown enlarged (Ken Burns, the pulse) is decoded with the detail the clip has for that size, so
		// it is resampled once, as the browser draws it, not shrunk and enlarged again.
		const detail = Math.min(zoom, Math.max(1, 1 / scale));
		const scaledWidth = even(drawnWidthInPx * detail);
		const scaledHeight = even(drawnHeightInPx * detail);
		if (!cropped) {
			return {scaledWidth, scaledHeight, width: scaledWidth, height: scaledHeight, box};
		}
		const width = even(output.width * detail);
		const height = even(output.height * detail);
		return {scaledWidth: Math.max(width, scaledWidth), scaledHeight: Math.max(height, scaledHeight), width, height, box: {x: 0, y: 0, width: output.width, height: output.height}};
	}
	const width = Math.min(output.width, even(box.width));
	const height = Math.min(output.height, even(box.height));
	return {scaledWidth: width, scaledHeight: height, width, height, box};
};

/** Where a clip decoded whole (see \`clipPlacement\`) sits at a focus point: CSS \`object-position\`, the rule the browser follows. */
export const focusedBox = ({box, output, clip, fit, focus}: {box: PixelBox; output: {width: number; height: number}; clip: DirectClipFacts; fit: 'cover' | 'contain'; focus: {xPercent: number; yPercent: number}}): PixelBox => {
	const {centreOffsetXInPx, centreOffsetYInPx} = placeInFrame({frameWidth: output.width, frameHeight: output.height, clipWidth: clip.width, clipHeight: clip.height, fit, ...focus});
	return {width: box.width, height: box.height, x: (output.width - box.width) / 2 + centreOffsetXInPx, y: (output.height - box.height) / 2 + centreOffsetYInPx};
};

/**
 * ffmpeg filter that makes a clip frame what the browser shows in the shot's box (see \`clipPlacement\`), with
 * Chrome's bilinear filtering, and its colours carried through the browser's path: the clip's YUV turned to RGB
 * with its own matrix (BT.709 when untagged, as Chrome assumes), then back to YUV with JPEG's BT.601 matrix, as
 * each browser frame is.
 */
export const clipToOutputFilter = ({clip, output, fit = 'cover', zoom = 1, cropped = true}: {clip: DirectClipFacts; output: {width: number; height: number}; fit?: 'cover' | 'contain'; zoom?: number; cropped?: boolean}): string => {
	const placement = clipPlacement({clip, output, fit, zoom, cropped});
	const {scaledWidth: width, scaledHeight: height} = placement;
	// Colours first, at the clip's own size (cheaper when upscaling; the browser also converts before it scales).
	const filters = ['format=yuv420p'];
	if (clip.colorSpace !== 'bt601' || clip.fullRange) {
		const matrix = clip.colorSpace === 'bt601' ? 'bt470bg' : 'bt709';
		filters.push(`colorspace=ispace=${matrix}:space=bt470bg:iprimaries=bt709:primaries=bt709:itrc=bt709:trc=bt709:irange=${clip.fullRange ? 'pc' : 'tv'}:range=tv`, 'format=yuv420p');
	}
	if (width !== clip.width || height !== clip.height) {
		filters.push(`scale=${width}:${height}:flags=${width < clip.width ? 'area' : 'bilinear'}`, 'format=yuv420p');
	}
	if (width !== placement.width || height !== placement.height) {
		filters.push(`crop=${placement.width}:${placement.height}:${(width - placement.width) / 2}:${(height - placement.height) / 2}`);
	}
	return filters.join(',');
};

// A clip decoded from its first needed frame, scaled and cropped to the output; frames are read forward only.
const openClip = ({path, clip, output, fit, zoom, cropped, first, last}: {path: string; clip: DirectClipFacts; output: {width: number; height: number}; fit: 'cover' | 'contain'; zoom: number; cropped: boolean; first: number; last: number}) => {
	const placement = clipPlacement({clip, output, fit, zoom, cropped});
	const frames = openFramePipe({frameBytes: placement.width * placement.height * 1.5});
	const decoder = runFfmpeg(
		[
			// One decoding thread: a clip is read at the video's rate, well within one core, and a threaded decoder
			// holds a third more memory; the cores go to the encoder.
			'-threads', '1',
			'-filter_threads', '1',
			...(first > 0 ? ['-ss', ((first - 0.5) / clip.fps).toFixed(6)] : []),
			'-i', path,
			'-an', '-frames:v', String(last - first + 1),
			'-vf', clipToOutputFilter({clip, output, fit, zoom, cropped}),
			'-fps_mode', 'passthrough',
			// Two frames queued for the pipe, not ffmpeg's eight: the reader sets the pace, and a decoder of 1080p held
			// 20 MiB more with eight.
			'-thread_queue_size', '2',
			'-f', 'image2pipe', '-c:v', 'rawvideo', 'pipe:1',
		],
		{stdoutFd: frames.writeFd},
	);
	frames.handedOver();
	decoder.stdin.end();
	// Stopped on purpose once the frames needed are read, the decoder's exit is no error; settled now so an early failure is not unhandled.
	let stopped = false;
	const failure = decoder.done.then(
		() => null,
		(error: unknown) => (stopped ? null : error),
	);
	let current: Buffer | null = null;
	let index = first - 1;
	return {
		placement,
		/** The frame at a clip index not before the last one asked for; the last frame decoded when the clip ends early (the browser holds it too). The caller must not change it while a later call may return it again. */
		frameAt: async (wanted: number): Promise<Buffer> => {
			while (index < wanted) {
				const next = await frames.read();
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
			if (stopped) {
				return;
			}
			stopped = true;
			decoder.kill();
			frames.destroy();
		},
		failure,
	};
};

/**
 * Renders direct ranges without a browser: Remotion's ffmpeg decodes each clip from the first frame needed,
 * scaled to its place in the shot's box (cover or letterboxed); each output frame takes the clip frame the
 * browser's Video element would show (same clip time, same frame choice, a frozen segment's first), and is drawn
 * as \`directSceneAt\` describes it: the video's background where nothing covers it, each shot moved by its Ken
 * Burns move and the transition's drawing, the pulse, the flash, then the lyric stills over it, and goes to x264
 * with the settings every chunk shares.
 */
export const renderDirectChunk = async (input: DirectChunkInput): Promise<void> => {
	const {ranges, output} = input;
	const startFrame = (ranges[0] as DirectRange).startFrame;
	const endFrame = (ranges[ranges.length - 1] as DirectRange).endFrame;
	const frameBytes = output.width * output.height * 1.5;
	// A background it cannot draw never shows on these frames (the planner kept frames that may show it for the browser).
	const background = cssColorToYuv(input.background) ?? {y: 16, u: 128, v: 128};
	const sourceIndexAt = (clip: ClipPlayback, frame: number): number => {
		const facts = input.clipFacts(clip.src);
		return sourceFrameIndexAt({timeInSeconds: clipTimeInSecondsAt({timing: clip.timing, frame: clip.frozen ? clip.timing.sequenceStartFrame : frame, fps: output.fps}), sourceFps: facts.fps, frameCount: facts.frameCount});
	};
	// One decoder per clip playback (a shot's clip segment), shared by its ranges: a transition and the stretch after it read on.
	const playbackKey = (clip: ClipPlayback): string => JSON.stringify([clip.src, clip.fit, clip.timing, clip.frozen, isCentredFocus(clip.focus)]);
	// The most each playback is enlarged over its frames (Ken Burns and the pulse), for the detail to decode it with.
	type Span = {clip: ClipPlayback; first: number; last: number; zoom: number; fromFrame: number; toFrame: number};
	const spans = new Map<string, Span>();
	for (const range of ranges) {
		for (const picture of range.layers) {
			if (picture.kind === 'clip') {
				const key = playbackKey(picture);
				const span = spans.get(key);
				let zoom = span?.zoom ?? 1;
				for (let frame = range.startFrame; frame < range.endFrame; frame++) {
					const [a, b, , c, d] = directSceneAt({range, frame, size: output, effects: input.effects}).layers.find((layer) => layer.picture === picture)?.transform ?? [1, 0, 0, 0, 1];
					zoom = Math.max(zoom, Math.sqrt(Math.abs(a * d - b * c)));
				}
				spans.set(key, {clip: picture, first: span ? span.first : sourceIndexAt(picture, range.startFrame), last: sourceIndexAt(picture, range.endFrame - 1), zoom, fromFrame: span ? span.fromFrame : range.startFrame, toFrame: range.endFrame});
			}
		}
	}
	const decoders = new Map<string, ReturnType<typeof openClip>>();
	const decoderFor = (clip: ClipPlayback) => {
		const key = playbackKey(clip);
		if (!decoders.has(key)) {
			const span = spans.get(key) as Span;
			decoders.set(key, openClip({path: input.clipPath(clip.src), clip: input.clipFacts(clip.src), output, fit: clip.fit, zoom: span.zoom, cropped: isCentredFocus(clip.focus), first: span.first, last: span.last}));
		}
		return decoders.get(key) as ReturnType<typeof openClip>;
	};
	// Each decoder starts a second before its first frame is drawn (its start-up and seek overlap the frames before)
	// and stops after its last: a chunk of many shots holds two or three decoders, not one per shot.
	const startUpcoming = (frame: number): void => {
		for (const [key, span] of spans) {
			if (span.fromFrame <= frame + output.fps && !decoders.has(key)) {
				decoderFor(span.clip);
			}
			if (span.toFrame <= frame) {
				decoders.get(key)?.stop();
			}
		}
	};
	const colors = new Map<string, YuvColor>();
	const colorOf = (css: string): YuvColor => {
		if (!colors.has(css)) {
			const color = cssColorToYuv(css);
			if (color === null) {
				throw new Error(`the direct renderer cannot draw the colour "${css}"`);
			}
			colors.set(css, color);
		}
		return colors.get(css) as YuvColor;
	};
	// Two frames to draw into, in turn: one is drawn while the encoder still reads the other.
	const scratches = [Buffer.allocUnsafe(frameBytes), Buffer.allocUnsafe(frameBytes)];
	// The last frame's write, awaited before its buffer can be reused: after the next frame is drawn when that was a
	// scratch frame, before the next frame reads a decoder when it was a decoder's own buffer (decoders recycle theirs).
	let writing: Promise<void> | null = null;
	let writingDecoderBuffer = false;
	let framesDrawn = 0;
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
				if (writingDecoderBuffer) {
					await writing;
				}
				const scratch = scratches[framesDrawn++ % 2] as Buffer;
				const target = {data: scratch, width: output.width, height: output.height};
				startUpcoming(frame);
				const scene = directSceneAt({range, frame, size: output, effects: input.effects});

				const images: LayerImage[] = [];
				for (const layer of scene.layers) {
					const {picture} = layer;
					if (picture.kind === 'color') {
						images.push({kind: 'color', color: colorOf(picture.color)});
					} else {
						const decoder = decoderFor(picture);
						const {box} = decoder.placement;
						images.push({
							kind: 'frame',
							data: await decoder.frameAt(sourceIndexAt(picture, frame)),
							width: decoder.placement.width,
							height: decoder.placement.height,
							box: isCentredFocus(picture.focus) ? box : focusedBox({box, output, clip: input.clipFacts(picture.src), fit: picture.fit, focus: focusAt(picture.focus, frame - picture.shotFromFrame)}),
						});
					}
				}
				const overlays = await input.overlaysAt(frame);
				const [first] = scene.layers;
				const firstImage = images[0];
				let out: Buffer = scratch;
				// A clip frame shown as it is needs no drawing: send the decoded frame itself, unless the next
				// output frame shows it again (a slower clip) and something is drawn on it.
				const shownAsIs = scene.layers.length === 1 && first && firstImage?.kind === 'frame' && isIdentity(first.transform) && first.opacity >= 1 && first.mask === null && firstImage.width === output.width && firstImage.height === output.height;
				if (shownAsIs && first.picture.kind === 'clip') {
					const wanted = sourceIndexAt(first.picture, frame);
					const shownAgain = frame + 1 < range.endFrame && sourceIndexAt(first.picture, frame + 1) === wanted;
					if (!shownAgain || (overlays.length === 0 && scene.brightness === 1)) {
						out = firstImage.data as Buffer;
					} else {
						scratch.set(firstImage.data);
					}
				} else {
					fillFrame(target, background);
					for (const [k, layer] of scene.layers.entries()) {
						drawLayer({frame: target, image: images[k] as LayerImage, transform: layer.transform, opacity: layer.opacity, mask: layer.mask, maskInverted: layer.maskInverted, maskTransform: layer.maskTransform});
					}
				}
				const drawn = {data: out, width: output.width, height: output.height};
				if (scene.brightness !== 1) {
					brighten(drawn, scene.brightness);
				}
				for (const {overlay, opacity} of overlays) {
					compositeOverlay({frame: out, frameWidth: output.width, frameHeight: output.height, overlay, opacity});
				}
				if (framesDrawn === 1) {
					await input.previousEncoderDone;
				}
				encoder.stdin.write(aviFrameChunkHeader(frameBytes));
				// Handed to the encoder whatever the buffer level (its buffer is reused), one frame behind the drawing.
				const written = new Promise<void>((resolve, reject) => encoder.stdin.write(out, (error) => (error ? reject(error) : resolve())));
				written.catch(() => undefined);
				await writing;
				writing = written;
				writingDecoderBuffer = out !== scratch;
				input.onFrame?.();
			}
		}
		await writing;
		encoder.stdin.end();
		input.onFramesWritten?.();
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
