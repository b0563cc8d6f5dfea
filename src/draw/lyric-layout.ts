// Pure: where a lyric line may sit in a frame, in pixels. No IO here.

/** Where the built-in lyric view lays a line out in a frame: margins from the frame's edges and the widest a line may be. */
export type LyricLayout = {
	/** Left and right margin: 8% of the frame's width. */
	readonly marginXInPx: number;
	/** Top and bottom margin: 6% of the frame's long side, so a 9:16 frame keeps lines as far from its bottom edge as a 16:9 frame does (relative to the long side). */
	readonly marginYInPx: number;
	/** The width a line wraps within: the frame's width less both side margins. */
	readonly maxLineWidthInPx: number;
};

/** A lyric row's height, in text sizes (CSS `line-height`). */
export const LYRIC_LINE_HEIGHT = 1.2;

/** The built-in lyric text's shadows, in CSS order (the first on top): a soft drop shadow and a tight outline. */
export const LYRIC_TEXT_SHADOWS = [
	{offsetYInPx: 2, blurInPx: 12, color: 'rgba(0,0,0,0.85)'},
	{offsetYInPx: 0, blurInPx: 2, color: 'rgba(0,0,0,0.9)'},
] as const;

/** {@link LYRIC_TEXT_SHADOWS} as a CSS `text-shadow`. */
export const lyricTextShadowCss = (): string => LYRIC_TEXT_SHADOWS.map(({offsetYInPx, blurInPx, color}) => `0 ${offsetYInPx}px ${blurInPx}px ${color}`).join(', ');

/**
 * Bumped whenever the lyric layout rule (these margins, or how `LyricLineView` wraps: balanced lines, over-long words
 * broken) changes the pixels of a line, so cached lyric stills and chunks drawn by the old rule are not reused.
 */
export const LYRIC_LAYOUT_REVISION = 1;

/**
 * The lyric layout of a frame of this size. Text size is not decided here: the compiler sets it (a deliverable's lyrics
 * scale with its frame's short side, see `videoForDeliverable`). Lines wrap within `maxLineWidthInPx`, balanced so a
 * wrapped line does not leave one word alone, and a word longer than a line breaks instead of running off the frame.
 * The browser's lyric layer and the lyric stills the direct renderer captures both draw through it.
 */
export const lyricLayout = ({frameWidth, frameHeight}: {readonly frameWidth: number; readonly frameHeight: number}): LyricLayout => {
	const marginXInPx = frameWidth * 0.08;
	return {marginXInPx, marginYInPx: Math.max(frameWidth, frameHeight) * 0.06, maxLineWidthInPx: frameWidth - 2 * marginXInPx};
};
