import type {ResolvedTimeline} from './resolved-timeline.ts';

/** Thrown when the compiler produced a timeline that breaks its own rules: a bug in songreel, not in the user's files. */
export class TimelineInvariantError extends Error {
	constructor(message: string) {
		super(`songreel bug: ${message}`);
		this.name = 'TimelineInvariantError';
	}
}

const assert = (condition: boolean, message: string): void => {
	if (!condition) {
		throw new TimelineInvariantError(message);
	}
};

/** Checks what every renderer relies on: slots tile the video, frames are integers, overlaps add back to the song's length. */
export const checkInvariants = (timeline: ResolvedTimeline): void => {
	const {shots, durationInFrames} = timeline;
	assert(Number.isInteger(durationInFrames) && durationInFrames > 0, `duration ${durationInFrames} is not a positive integer`);
	let expectedCut = 0;
	let seriesFrames = 0;
	for (const shot of shots) {
		assert(shot.cutInFrame === expectedCut, `shot ${shot.id} starts at ${shot.cutInFrame}, expected ${expectedCut}`);
		assert(shot.cutOutFrame > shot.cutInFrame, `shot ${shot.id} is empty`);
		for (const value of [shot.fromFrame, shot.durationInFrames, shot.cutInFrame, shot.cutOutFrame]) {
			assert(Number.isInteger(value), `shot ${shot.id} has a fractional frame ${value}`);
		}
		// TransitionSeries places each sequence at the running sum minus the overlap: check it lands where we said.
		assert(seriesFrames - (shot.transitionIn?.durationInFrames ?? 0) === shot.fromFrame, `shot ${shot.id} would be placed at ${seriesFrames}, expected ${shot.fromFrame}`);
		seriesFrames = shot.fromFrame + shot.durationInFrames;
		if (shot.visual.kind === 'clip') {
			const covered = shot.visual.segments.reduce((sum, segment) => sum + segment.durationInFrames, 0);
			assert(covered === shot.durationInFrames, `shot ${shot.id} segments cover ${covered} of ${shot.durationInFrames} frames`);
		}
		expectedCut = shot.cutOutFrame;
	}
	if (shots.length > 0) {
		assert(expectedCut === durationInFrames, `shots end at ${expectedCut}, the video at ${durationInFrames}`);
		assert(seriesFrames === durationInFrames, `the transition series lasts ${seriesFrames} frames, the video ${durationInFrames}`);
	}
	for (const line of timeline.lyrics) {
		assert(line.startFrame >= 0 && line.endFrame <= durationInFrames && line.endFrame > line.startFrame, `lyric "${line.text}" is outside the video`);
	}
};
