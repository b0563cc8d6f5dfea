import {secondsToFrame} from '../music/seconds-to-frame.ts';
import {beatsToSeconds, isDownbeat, secondsToBeats, segmentAt} from '../music/tempo-map.ts';
import type {CompileContext} from './compile-context.ts';
import type {PlacedSection} from './resolve-sections.ts';
import {timelineMessages as m} from './messages.ts';
import {loudnessAtSeconds, onsetsBetween} from './place-envelopes.ts';
import type {Keyframes, ResolvedEffects} from './resolved-timeline.ts';

type Hit = {frame: number; peak: number; decayFrames: number};

// Each hit jumps to its peak within one frame and decays linearly back to 1. The decay is cut short before
// the next hit so keyframe frames strictly increase, as interpolate() requires.
const hitsToKeyframes = (hits: readonly Hit[]): Keyframes | null => {
	if (hits.length === 0) {
		return null;
	}
	const frames: number[] = [];
	const values: number[] = [];
	hits.forEach((hit, i) => {
		const next = hits[i + 1];
		const decayEnd = Math.min(hit.frame + Math.max(1, hit.decayFrames), next === undefined ? Infinity : next.frame - 1);
		if (frames.length === 0 || (frames[frames.length - 1] as number) < hit.frame - 1) {
			frames.push(hit.frame - 1);
			values.push(1);
		}
		frames.push(hit.frame);
		values.push(hit.peak);
		if (decayEnd > hit.frame) {
			frames.push(decayEnd);
			values.push(1);
		}
	});
	return {frames, values};
};

/**
 * Audio-reactive effects from the beat grid: a scale pulse on every beat and a brightness flash on every
 * downbeat of the sections that ask for them. Everything is decided here, in frames; the component only
 * interpolates.
 */
export const placeEffects = (context: CompileContext, sections: readonly PlacedSection[]): ResolvedEffects | null => {
	const {tempoMap, video, videoPath, diagnostics} = context;
	const pulses: Hit[] = [];
	const flashes: Hit[] = [];
	for (const section of sections) {
		const effects = video.sections[section.id]?.effects;
		if (!effects || (!effects.pulse && !effects.flash)) {
			continue;
		}
		const wantsAnalysis = effects.pulse?.followLoudness === true || effects.flash?.on === 'onset';
		if (wantsAnalysis && loudnessAtSeconds(context, section.startInSeconds) === null) {
			diagnostics.warn([...videoPath, 'sections', section.id, 'effects'], m.effectsWithoutAnalysis());
		}
		if (effects.flash?.on === 'onset') {
			const beatSeconds = 60 / segmentAt(tempoMap, secondsToBeats(tempoMap, section.startInSeconds)).bpm;
			for (const onset of onsetsBetween(context, section.startInSeconds, section.endInSeconds, effects.flash.onsetAbove)) {
				const frame = secondsToFrame(onset.seconds, video.fps);
				if (frame >= 1 && frame < context.durationInFrames && (flashes.length === 0 || (flashes[flashes.length - 1] as Hit).frame < frame)) {
					flashes.push({frame, peak: 1 + effects.flash.strength * onset.strength, decayFrames: secondsToFrame(effects.flash.decayInBeats * beatSeconds, video.fps)});
				}
			}
		}
		for (let beat = Math.ceil(secondsToBeats(tempoMap, section.startInSeconds) - 1e-9); beatsToSeconds(tempoMap, beat) < section.endInSeconds - 1e-9; beat++) {
			const frame = secondsToFrame(beatsToSeconds(tempoMap, beat), video.fps);
			const beatSeconds = 60 / segmentAt(tempoMap, beat).bpm;
			if (frame < 1 || frame >= context.durationInFrames) {
				continue;
			}
			if (effects.pulse) {
				const loudness = effects.pulse.followLoudness ? (loudnessAtSeconds(context, beatsToSeconds(tempoMap, beat)) ?? 1) : 1;
				pulses.push({frame, peak: 1 + effects.pulse.strength * loudness, decayFrames: secondsToFrame(effects.pulse.decayInBeats * beatSeconds, video.fps)});
			}
			if (effects.flash && effects.flash.on === 'downbeat' && isDownbeat(tempoMap, beat)) {
				flashes.push({frame, peak: 1 + effects.flash.strength, decayFrames: secondsToFrame(effects.flash.decayInBeats * beatSeconds, video.fps)});
			}
		}
	}
	const scale = hitsToKeyframes(pulses);
	const brightness = hitsToKeyframes(flashes);
	return scale === null && brightness === null ? null : {scale, brightness};
};
