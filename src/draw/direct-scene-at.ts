import type {ResolvedEffects} from '../timeline/resolved-timeline.ts';
import {builtinTransition} from '../transitions/builtin-transitions.ts';
import type {DirectTransitionFrame, TransitionMask} from '../transitions/transition-definition.ts';
import {effectsAt} from './effects-at.ts';
import {kenBurnsAt} from './ken-burns-at.ts';
import {chain, IDENTITY, type Matrix3, scalingAbout, translation} from './matrix-3x3.ts';
import type {DirectRange, ShotPicture} from './plan-render-ranges.ts';
import {transitionProgressAt} from './transition-progress.ts';

/** One shot's picture as the direct engine lays it on a frame. */
export type SceneLayer = {
	readonly picture: ShotPicture;
	/** The frame of the video whose clip time the picture shows: the frame itself, or a frozen segment's first frame. */
	readonly clipFrame: number;
	/** Where the shot's box (the frame, 0…width × 0…height, the picture fitted in it) lands on screen. */
	readonly transform: Matrix3;
	readonly opacity: number;
	/** Where the picture shows (or with `maskInverted`, where it does not), in coordinates that `maskTransform` takes to the screen; null: everywhere. */
	readonly mask: TransitionMask | null;
	readonly maskInverted: boolean;
	readonly maskTransform: Matrix3;
};

/** A frame as the direct engine draws it: the video's background, the layers bottom first, then a brightness over the shots (1: none). */
export type DirectScene = {
	readonly layers: readonly SceneLayer[];
	readonly brightness: number;
};

type Size = {readonly width: number; readonly height: number};

// A shot's own transform: its Ken Burns move, CSS `scale(s) translate(x%, y%)` about the frame's centre.
const shotTransform = (picture: ShotPicture, frame: number, {width, height}: Size): Matrix3 => {
	if (picture.kind !== 'clip' || picture.kenBurns === null) {
		return IDENTITY;
	}
	const move = kenBurnsAt(picture.kenBurns, frame - picture.shotFromFrame);
	return chain(translation((move.xPercent / 100) * width, (move.yPercent / 100) * height), scalingAbout(move.scale, width / 2, height / 2));
};

// A CSS rotateX/rotateY about the frame's centre seen through a perspective from the centre: the card's plane as a
// projective map; null while its back faces the viewer (backface-visibility: hidden).
const turned = (axis: 'x' | 'y', degrees: number, perspectiveInPx: number, {width, height}: Size): Matrix3 | null => {
	const radians = (degrees * Math.PI) / 180;
	const cos = Math.cos(radians);
	const sin = Math.sin(radians);
	if (cos <= 1e-9) {
		return null;
	}
	const rotation: Matrix3 = axis === 'y' ? [cos, 0, 0, 0, 1, 0, sin / perspectiveInPx, 0, 1] : [1, 0, 0, 0, cos, 0, 0, -sin / perspectiveInPx, 1];
	return chain(translation(-width / 2, -height / 2), rotation, translation(width / 2, height / 2));
};

// What the transition does to the exiting (0) and entering (1) shot at this frame: a transform after the shot's
// own, an opacity and a mask; null hides the shot.
const transitionEffect = (drawing: DirectTransitionFrame, layer: 0 | 1, size: Size): {transform: Matrix3; opacity: number; mask: TransitionMask | null; maskInverted: boolean} | null => {
	const unmasked = {mask: null, maskInverted: false};
	switch (drawing.kind) {
		case 'blend':
			return {transform: IDENTITY, opacity: layer === 1 ? drawing.enteringOpacity : 1, ...unmasked};
		case 'move': {
			const offset = layer === 1 ? drawing.entering : drawing.exiting;
			return {transform: translation(offset.x, offset.y), opacity: 1, ...unmasked};
		}
		case 'mask':
			return {transform: IDENTITY, opacity: 1, ...(layer === 1 ? {mask: drawing.mask, maskInverted: false} : drawing.exitingOutsideOnly ? {mask: drawing.mask, maskInverted: true} : unmasked)};
		case 'turn': {
			const transform = turned(drawing.axis, layer === 1 ? drawing.enteringDegrees : drawing.exitingDegrees, drawing.perspectiveInPx, size);
			return transform && {transform, opacity: 1, ...unmasked};
		}
	}
};

/**
 * What a frame of a direct range shows, in the browser's order: each shot's picture moved by its Ken Burns move,
 * then by the transition's drawing for this progress (the definition's `direct` rule), the two shots stacked
 * exiting first, the video's beat pulse scaling all of it about the centre, and its flash brightening the shots.
 */
export const directSceneAt = ({range, frame, size, effects}: {range: DirectRange; frame: number; size: Size; effects: ResolvedEffects | null}): DirectScene => {
	const {scale, brightness} = effectsAt(effects, frame);
	const pulse = scale === 1 ? IDENTITY : scalingAbout(scale, size.width / 2, size.height / 2);
	const drawing = range.transition && builtinTransition(range.transition.type)?.direct?.({
		progress: transitionProgressAt({frameInTransition: frame - range.transition.startFrame, durationInFrames: range.transition.durationInFrames}),
		direction: range.transition.direction,
		width: size.width,
		height: size.height,
	});
	if (range.transition && !drawing) {
		throw new Error(`transition "${range.transition.type}" has no direct drawing`);
	}
	const layers = range.layers.flatMap((picture, index): SceneLayer[] => {
		const effect = drawing ? transitionEffect(drawing, index === 0 ? 0 : 1, size) : {transform: IDENTITY, opacity: 1, mask: null, maskInverted: false};
		if (!effect || effect.opacity <= 0) {
			return [];
		}
		return [
			{
				picture,
				clipFrame: picture.kind === 'clip' && picture.frozen ? picture.timing.sequenceStartFrame : frame,
				transform: chain(shotTransform(picture, frame, size), effect.transform, pulse),
				opacity: effect.opacity,
				mask: effect.mask,
				maskInverted: effect.maskInverted,
				maskTransform: pulse,
			},
		];
	});
	return {layers, brightness};
};
