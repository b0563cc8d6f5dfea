import {type HeadlessBrowser, type CancelSignal, renderFrames} from '@remotion/renderer';
import {decodePng} from '../../media/decode-png.ts';
import {cancelOnceStarted} from '../cancel-once-started.ts';
import {LYRIC_STILLS_COMPOSITION} from '../../remotion/composition-ids.ts';
import {lyricStillsMetadata, type LyricStill, type LyricStillsProps} from '../../remotion/LyricStills.tsx';
import type {ResolvedTimeline} from '../../timeline/resolved-timeline.ts';
import {overlayFromRgba, type OverlayImage} from './lyric-overlay.ts';

/** A still wanted: a lyric line (index into the timeline's lyrics) with its first `highlightedWords` highlighted. */
export type LyricStillRequest = {readonly line: number; readonly highlightedWords: number};

// Room around a line's drawn pixels when capturing it through a window (kept even for chroma alignment).
const MARGIN = 8;
const even = (value: number): number => value - (value % 2);

/**
 * Takes the lyric stills with the browser, as overlays for the direct renderer. A capture costs about the same
 * whatever it shows, so each line is captured whole once, and its other highlight states only through the window
 * where that first still drew (highlighting changes colours, not where glyphs and shadows fall), several windows
 * stacked in one capture.
 */
export const renderLyricStills = async ({
	requests,
	timeline,
	serveUrl,
	browserExecutable,
	puppeteerInstance,
	cancelSignal,
	tabs,
	onStill,
}: {
	requests: readonly LyricStillRequest[];
	timeline: ResolvedTimeline;
	serveUrl: string;
	browserExecutable: string | null;
	puppeteerInstance: HeadlessBrowser;
	cancelSignal: CancelSignal;
	tabs: number | null;
	/**
	 * Called once for each request as its still is final (in no set order), so frames that need only those can be
	 * drawn. The stills are not kept here: a song's stills together are hundreds of megabytes.
	 */
	onStill: (index: number, overlay: OverlayImage | null) => void;
}): Promise<void> => {
	// Where each line's first still lies (null: it drew nothing), to place the windows of the line's other states.
	const boxes = new Map<number, {x: number; y: number; width: number; height: number} | null>();
	// Captures frames, each with stills stacked in slots of slotHeight rows, and cuts them apart.
	const capture = async (items: readonly {index: number; still: LyricStill}[], width: number, slotHeight: number, slots: number): Promise<void> => {
		if (items.length === 0) {
			return;
		}
		const captures: {index: number; still: LyricStill}[][] = [];
		for (let i = 0; i < items.length; i += slots) {
			captures.push(items.slice(i, i + slots));
		}
		const props: LyricStillsProps = {frameWidth: timeline.width, frameHeight: timeline.height, width, height: slotHeight * Math.min(slots, items.length), slotHeight, fps: timeline.fps, lines: timeline.lyrics, captures: captures.map((group) => group.map(({still}) => still))};
		// Its size and length follow from the props alone, so no page is opened to ask the bundle for them.
		const composition = {
			id: LYRIC_STILLS_COMPOSITION,
			...lyricStillsMetadata(props),
			defaultProps: props,
			props,
			defaultCodec: null,
			defaultOutName: null,
			defaultVideoImageFormat: null,
			defaultPixelFormat: null,
			defaultProResProfile: null,
			defaultSampleRate: null,
		};
		const cancelWhenStarted = cancelOnceStarted(cancelSignal);
		await renderFrames({
			composition,
			serveUrl,
			inputProps: props,
			outputDir: null,
			imageFormat: 'png',
			onStart: cancelWhenStarted.onStart,
			onFrameUpdate: () => undefined,
			onFrameBuffer: (buffer, frame) => {
				const png = decodePng(buffer);
				for (const [slot, {index, still}] of (captures[frame] ?? []).entries()) {
					const rows = png.data.subarray(slot * slotHeight * png.width * 4, (slot + 1) * slotHeight * png.width * 4);
					const cut = overlayFromRgba({rgba: rows, width: png.width, height: slotHeight});
					const overlay = cut && {...cut, x: cut.x + still.x, y: cut.y + still.y};
					boxes.set(index, overlay && {x: overlay.x, y: overlay.y, width: overlay.width, height: overlay.height});
					onStill(index, overlay);
				}
			},
			puppeteerInstance,
			browserExecutable,
			cancelSignal: cancelWhenStarted.cancelSignal,
			// Captures are PNG-encoding bound: at least two tabs.
			concurrency: Math.max(2, tabs ?? 0),
			logLevel: 'error',
		});
	};
	// First pass: one whole frame per line.
	const firstOfLine = new Map<number, number>();
	for (const [index, request] of requests.entries()) {
		if (!firstOfLine.has(request.line)) {
			firstOfLine.set(request.line, index);
		}
	}
	await capture(
		[...firstOfLine.values()].map((index) => ({index, still: {...(requests[index] as LyricStillRequest), x: 0, y: 0}})),
		timeline.width,
		timeline.height,
		1,
	);
	// Other states of a line that drew nothing draw nothing either.
	for (const [index, request] of requests.entries()) {
		if (firstOfLine.get(request.line) !== index && !boxes.get(firstOfLine.get(request.line) as number)) {
			onStill(index, null);
		}
	}
	// Second pass: the other states through their line's window, as many windows per capture as fit in a frame.
	const rest = requests.flatMap((request, index) => {
		const first = boxes.get(firstOfLine.get(request.line) as number);
		return index === firstOfLine.get(request.line) || !first ? [] : [{index, request, first}];
	});
	const windows = rest.map(({index, request, first}) => {
		const x = even(Math.max(0, first.x - MARGIN));
		const y = even(Math.max(0, first.y - MARGIN));
		return {index, request, x, y, width: Math.min(timeline.width, first.x + first.width + MARGIN) - x, height: Math.min(timeline.height, first.y + first.height + MARGIN) - y};
	});
	const width = Math.min(timeline.width, even(Math.max(0, ...windows.map((w) => w.width)) + 1));
	const slotHeight = Math.min(timeline.height, even(Math.max(0, ...windows.map((w) => w.height)) + 1));
	await capture(
		windows.map(({index, request, x, y}) => ({index, still: {...request, x: Math.min(x, even(timeline.width - width)), y: Math.min(y, even(timeline.height - slotHeight))}})),
		width,
		slotHeight,
		Math.max(1, Math.floor(timeline.height / Math.max(1, slotHeight))),
	);
};
