import type {CompileContext} from './compile-context.ts';
import {isMissing} from './timeline-facts.ts';
import type {ResolvedEnvelopes} from './resolved-timeline.ts';

// Values kept to three decimals: the timeline travels to the browser as JSON.
const round = (value: number): number => Math.round(value * 1000) / 1000;

const envelopesOf = (context: CompileContext) => {
	const analysis = context.facts.analysis;
	return analysis && !isMissing(analysis) && analysis.envelopes && analysis.envelopes.loudnessInDb.length > 0 ? analysis.envelopes : null;
};

// The loudest analysis frame, found once per envelope list (asked for at every beat, and lists run to 120,000 frames).
const loudestOf = (() => {
	const known = new WeakMap<readonly number[], number>();
	return (loudnessInDb: readonly number[]): number => {
		let loudest = known.get(loudnessInDb);
		if (loudest === undefined) {
			loudest = loudnessInDb.reduce((max, value) => (value > max ? value : max), -Infinity);
			known.set(loudnessInDb, loudest);
		}
		return loudest;
	};
})();

// Loudness 0 (40 dB below the song's loudest, or quieter) to 1 (its loudest).
const normalised = (db: number, loudest: number): number => Math.max(0, Math.min(1, (db - (loudest - 40)) / 40));

/** The song's loudness at a time, 0 (40 dB below its loudest, or quieter) to 1 (its loudest); null without an analysis file. */
export const loudnessAtSeconds = (context: CompileContext, seconds: number): number | null => {
	const envelopes = envelopesOf(context);
	if (!envelopes) {
		return null;
	}
	const value = envelopes.loudnessInDb[Math.max(0, Math.min(envelopes.loudnessInDb.length - 1, Math.round(seconds * envelopes.framesPerSecond)))] as number;
	return normalised(value, loudestOf(envelopes.loudnessInDb));
};

/** Onsets from the analysis between two times: local peaks of onset strength at least `above`, with their strength; empty without an analysis file. */
export const onsetsBetween = (context: CompileContext, fromSeconds: number, toSeconds: number, above: number): {readonly seconds: number; readonly strength: number}[] => {
	const envelopes = envelopesOf(context);
	if (!envelopes) {
		return [];
	}
	const {onsetStrength, framesPerSecond} = envelopes;
	const onsets: {seconds: number; strength: number}[] = [];
	for (let i = Math.max(1, Math.ceil(fromSeconds * framesPerSecond)); i < Math.min(onsetStrength.length - 1, toSeconds * framesPerSecond); i++) {
		const value = onsetStrength[i] as number;
		if (value >= above && value >= (onsetStrength[i - 1] as number) && value > (onsetStrength[i + 1] as number)) {
			onsets.push({seconds: i / framesPerSecond, strength: value});
		}
	}
	return onsets;
};

/**
 * Resamples the analysis envelopes to the video's frames: loudness at each frame's time (linear between analysis
 * frames), onset strength as the strongest onset within the frame, so a hit shorter than a frame is not lost.
 */
export const placeEnvelopes = (context: CompileContext): ResolvedEnvelopes | null => {
	const envelopes = envelopesOf(context);
	if (!envelopes) {
		return null;
	}
	const {framesPerSecond: rate, loudnessInDb, onsetStrength} = envelopes;
	const {fps} = context.video;
	const at = (values: readonly number[], position: number): number => {
		const i = Math.max(0, Math.min(values.length - 1, Math.floor(position)));
		const next = values[Math.min(values.length - 1, i + 1)] as number;
		const fraction = Math.max(0, Math.min(1, position - i));
		return (values[i] as number) + fraction * (next - (values[i] as number));
	};
	const loudest = loudestOf(loudnessInDb);
	const frames = Array.from({length: context.durationInFrames}, (_, frame) => frame);
	const db = frames.map((frame) => at(loudnessInDb, (frame / fps) * rate));
	return {
		loudnessInDb: db.map(round),
		loudness: db.map((value) => round(normalised(value, loudest))),
		onset: frames.map((frame) => {
			const from = Math.floor((frame / fps) * rate);
			const to = Math.max(from + 1, Math.floor(((frame + 1) / fps) * rate));
			let strongest = 0;
			for (let i = from; i < to && i < onsetStrength.length; i++) {
				strongest = Math.max(strongest, onsetStrength[i] as number);
			}
			return round(strongest);
		}),
	};
};
