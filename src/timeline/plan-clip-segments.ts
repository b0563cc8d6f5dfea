import {secondsToFrame} from '../music/seconds-to-frame.ts';
import type {Shot} from '../schemas/shot-schema.ts';
import type {CompileContext} from './compile-context.ts';
import {timelineMessages as m} from './messages.ts';
import type {ClipSegment} from './resolved-timeline.ts';
import {isMissing} from './timeline-facts.ts';

/**
 * Decides how a clip covers `durationInFrames` visible frames: one play segment when it is long enough,
 * otherwise what the shot's `onShortClip` says (loop, freeze the last frame, or slow down within bounds).
 * Returns null after reporting an error.
 */
export const planClipSegments = (
	context: CompileContext,
	{shot, durationInFrames, path, sourcePath = [...path, shot.take === undefined ? 'clip' : 'take']}: {shot: Shot; durationInFrames: number; path: readonly PropertyKey[]; sourcePath?: readonly PropertyKey[]},
): {src: string; segments: ClipSegment[]} | null => {
	const src = resolveShotSource(context, shot, sourcePath);
	if (src === null) {
		return null;
	}
	const segments = planSegments(context, {shot, src, durationInFrames, path, sourcePath});
	return segments === null ? null : {src, segments};
};

// A shot names a file (`clip`) or a take (`take`), which the take registry resolved to a file before compiling.
const resolveShotSource = (context: CompileContext, shot: Shot, sourcePath: readonly PropertyKey[]): string | null => {
	if (shot.take === undefined) {
		return shot.clip as string;
	}
	const resolved = context.facts.takes?.[shot.take];
	if (resolved === undefined || isMissing(resolved)) {
		context.diagnostics.error(sourcePath, m.takeUnresolved(shot.take, resolved?.error ?? 'the take registry was not read'));
		return null;
	}
	if (resolved.warning !== null) {
		context.diagnostics.warn(sourcePath, resolved.warning);
	}
	return resolved.src;
};

const planSegments = (
	context: CompileContext,
	{shot, src, durationInFrames, path, sourcePath}: {shot: Shot; src: string; durationInFrames: number; path: readonly PropertyKey[]; sourcePath: readonly PropertyKey[]},
): ClipSegment[] | null => {
	const {diagnostics, video} = context;
	const {fps} = video;
	const facts = context.facts.clips[src];
	if (facts === undefined || isMissing(facts)) {
		const reason = facts?.error ?? 'not probed';
		// "Paths are relative to public/" helps with a file that is not there, not with one that is damaged.
		diagnostics.error(sourcePath, m.clipMissing(src, reason), reason.startsWith('no file at') ? m.clipMissingFix() : undefined);
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
			diagnostics.error(sourcePath, m.clipTooShort(src, availableInSeconds, startInSeconds, neededInSeconds, durationInFrames, shot.speed), m.clipTooShortFix());
			return null;
	}
};
