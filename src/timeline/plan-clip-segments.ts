import {secondsToFrame} from '../music/seconds-to-frame';
import type {Shot} from '../spec/shot-schema';
import type {CompileContext} from './compile-context';
import {timelineMessages as m} from './messages';
import type {ClipSegment} from './resolved-timeline';
import {isMissing} from './timeline-facts';

/**
 * Decides how a clip covers `durationInFrames` visible frames: one play segment when it is long enough,
 * otherwise what the shot's `onShortClip` says (loop, freeze the last frame, or slow down within bounds).
 * Returns null after reporting an error.
 */
export const planClipSegments = (context: CompileContext, {shot, durationInFrames, path}: {shot: Shot; durationInFrames: number; path: readonly PropertyKey[]}): ClipSegment[] | null => {
	const {diagnostics, video} = context;
	const {fps} = video;
	const facts = context.facts.clips[shot.clip];
	if (facts === undefined || isMissing(facts)) {
		diagnostics.error([...path, 'clip'], m.clipMissing(shot.clip, facts?.error ?? 'not probed'), m.clipMissingFix());
		return null;
	}
	const startInSeconds = shot.clipStartInSeconds;
	const availableInSeconds = facts.durationInSeconds - startInSeconds;
	if (availableInSeconds <= 0) {
		diagnostics.error([...path, 'clipStartInSeconds'], m.clipStartPastEnd(startInSeconds, facts.durationInSeconds));
		return null;
	}
	const trimBeforeInFrames = secondsToFrame(startInSeconds, fps);
	const neededInSeconds = (durationInFrames * shot.speed) / fps;
	// One output frame of slack: the last frame of a clip is shown until the next frame would be due.
	if (neededInSeconds <= availableInSeconds + shot.speed / fps) {
		return [{kind: 'play', fromFrame: 0, durationInFrames, trimBeforeInFrames, playbackRate: shot.speed}];
	}
	const playableFrames = Math.floor((availableInSeconds * fps) / shot.speed);
	const onShortClip = playableFrames < 1 ? 'error' : shot.onShortClip;
	switch (onShortClip) {
		case 'slow': {
			const playbackRate = (availableInSeconds * fps) / durationInFrames;
			if (playbackRate < shot.speed * shot.slowestSpeed) {
				diagnostics.error([...path, 'onShortClip'], m.clipTooSlow(playbackRate / shot.speed, shot.slowestSpeed), m.clipTooSlowFix());
				return null;
			}
			return [{kind: 'play', fromFrame: 0, durationInFrames, trimBeforeInFrames, playbackRate}];
		}
		case 'freeze': {
			const lastShownInSeconds = startInSeconds + ((playableFrames - 1) * shot.speed) / fps;
			return [
				{kind: 'play', fromFrame: 0, durationInFrames: playableFrames, trimBeforeInFrames, playbackRate: shot.speed},
				{kind: 'freeze', fromFrame: playableFrames, durationInFrames: durationInFrames - playableFrames, trimBeforeInFrames: secondsToFrame(lastShownInSeconds, fps), playbackRate: shot.speed},
			];
		}
		case 'loop': {
			const segments: ClipSegment[] = [];
			for (let fromFrame = 0; fromFrame < durationInFrames; fromFrame += playableFrames) {
				segments.push({kind: 'play', fromFrame, durationInFrames: Math.min(playableFrames, durationInFrames - fromFrame), trimBeforeInFrames, playbackRate: shot.speed});
			}
			return segments;
		}
		case 'error':
		default:
			diagnostics.error([...path, 'clip'], m.clipTooShort(shot.clip, availableInSeconds, startInSeconds, neededInSeconds, durationInFrames, shot.speed), m.clipTooShortFix());
			return null;
	}
};
