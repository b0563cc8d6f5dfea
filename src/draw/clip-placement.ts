// Pure: where a clip lands in the frame under `fit` and a focus point. No IO here.

/** A clip scaled into the frame: its scale, its drawn size, and where its centre sits relative to the frame's centre (x right, y down). */
export type ClipPlacement = {
	readonly scale: number;
	readonly drawnWidthInPx: number;
	readonly drawnHeightInPx: number;
	readonly centreOffsetXInPx: number;
	readonly centreOffsetYInPx: number;
};

/**
 * Where a clip of `clipWidth`×`clipHeight` lands in a frame, as CSS `object-fit` (cover: fills the frame, cropped; contain:
 * whole, letterboxed) with `object-position` in percent: the clip's left edge sits at (frame − drawn size) × x / 100, so the
 * point x% of the clip lands on x% of the frame. What the browser draws for a shot (ShotView), in numbers an editor's
 * transform takes.
 */
export const clipPlacement = ({frameWidth, frameHeight, clipWidth, clipHeight, fit, xPercent, yPercent}: {
	readonly frameWidth: number;
	readonly frameHeight: number;
	readonly clipWidth: number;
	readonly clipHeight: number;
	readonly fit: 'cover' | 'contain';
	readonly xPercent: number;
	readonly yPercent: number;
}): ClipPlacement => {
	const scale = (fit === 'cover' ? Math.max : Math.min)(frameWidth / clipWidth, frameHeight / clipHeight);
	const drawnWidthInPx = clipWidth * scale;
	const drawnHeightInPx = clipHeight * scale;
	return {
		scale,
		drawnWidthInPx,
		drawnHeightInPx,
		// Left edge (W − w) × p, so the centre is (W − w) × p + w / 2 − W / 2 = (W − w) × (p − ½) from the frame's centre.
		centreOffsetXInPx: (frameWidth - drawnWidthInPx) * (xPercent / 100 - 0.5),
		centreOffsetYInPx: (frameHeight - drawnHeightInPx) * (yPercent / 100 - 0.5),
	};
};
