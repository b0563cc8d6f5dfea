import type {CompileContext} from './compile-context.ts';
import {isMissing} from './timeline-facts.ts';
import type {ResolvedEnvelopes} from './resolved-timeline.ts';

// Values kept to three decimals: the timeline travels to the browser as JSON.
const round = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * Resamples the analysis envelopes to the video's frames: loudness at each frame's time (linear between analysis
 * frames), onset strength as the strongest onset within the frame, so a hit shorter than a frame is not lost.
 */
export const placeEnvelopes = (context: CompileContext): ResolvedEnvelopes | null => {
	const analysis = context.facts.analysis;
	const envelopes = analysis && !isMissing(analysis) ? analysis.envelopes : null;
	if (!envelopes || envelopes.loudnessInDb.length === 0) {
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
	const loudest = Math.max(...loudnessInDb);
	const frames = Array.from({length: context.durationInFrames}, (_, frame) => frame);
	const db = frames.map((frame) => at(loudnessInDb, (frame / fps) * rate));
	return {
		loudnessInDb: db.map(round),
		loudness: db.map((value) => round(Math.max(0, Math.min(1, (value - (loudest - 40)) / 40)))),
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
