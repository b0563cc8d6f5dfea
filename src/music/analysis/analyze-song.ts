import {spectralFeatures} from './onset-envelope.ts';
import {estimateTempo, localPeriods, smoothOnset, trackBeats} from './track-beats.ts';

/** A tempo-map entry found in the music: from this beat on, this tempo. */
export type AnalysedTempoChange = {readonly atBeat: number; readonly atSeconds: number; readonly bpm: number};

/** A suggested section boundary: where the music changes, on a downbeat. */
export type AnalysedSection = {readonly id: string; readonly startInSeconds: number; readonly startBar: number};

/** What `songreel analyze` finds in a song. */
export type SongAnalysis = {
	readonly durationInSeconds: number;
	readonly bpm: number;
	readonly beatsPerBar: 3 | 4;
	readonly beatsInSeconds: readonly number[];
	readonly downbeatsInSeconds: readonly number[];
	readonly firstDownbeatInSeconds: number;
	/** Loudness of each beat, in dB relative to the loudest beat. */
	readonly beatLoudnessInDb: readonly number[];
	readonly sections: readonly AnalysedSection[];
	/** Present when the tempo changes by more than 3% for at least two bars. */
	readonly tempoMap: readonly AnalysedTempoChange[] | null;
};

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

const standardDeviation = (values: readonly number[]): number => {
	const m = mean(values);
	return Math.sqrt(mean(values.map((v) => (v - m) ** 2))) || 1;
};

/** Sums a frame feature over each beat (from the beat to the next). */
const perBeat = (feature: Float64Array, beatFrames: readonly number[], fraction = 1): number[] =>
	beatFrames.map((frame, i) => {
		const next = beatFrames[i + 1] ?? frame + ((beatFrames[i] ?? frame) - (beatFrames[i - 1] ?? frame - 1));
		const end = Math.max(frame + 1, Math.round(frame + (next - frame) * fraction));
		let sum = 0;
		for (let f = frame; f < end && f < feature.length; f++) {
			sum += feature[f] as number;
		}
		return sum;
	});

/**
 * Metre and bar phase from beat-level evidence: bass/kick energy near the beat and harmonic change (chroma
 * moving more at bar starts, where chords change). For 3 and 4 beats a bar and every phase, how much the
 * phase's beats stand out from the rest; the strongest pattern wins, 4/4 on a near tie.
 */
const estimateMeter = (beatFrames: readonly number[], features: ReturnType<typeof spectralFeatures>): {beatsPerBar: 3 | 4; phase: number} => {
	const low = perBeat(features.lowEnergy, beatFrames, 0.25).map((v) => Math.log1p(v));
	const chromaPerBeat = features.chroma.map((bin) => perBeat(bin, beatFrames));
	const change = beatFrames.map((_, i) => {
		if (i === 0) {
			return 0;
		}
		let dot = 0;
		let a = 0;
		let b = 0;
		for (const bin of chromaPerBeat) {
			dot += (bin[i] as number) * (bin[i - 1] as number);
			a += (bin[i] as number) ** 2;
			b += (bin[i - 1] as number) ** 2;
		}
		return 1 - dot / Math.sqrt(a * b || 1);
	});
	const zLow = low.map((v) => (v - mean(low)) / standardDeviation(low));
	const zChange = change.map((v) => (v - mean(change)) / standardDeviation(change));
	const evidence = zLow.map((v, i) => v + (zChange[i] as number));
	let best = {beatsPerBar: 4 as 3 | 4, phase: 0, contrast: -Infinity};
	for (const beatsPerBar of [4, 3] as const) {
		for (let phase = 0; phase < beatsPerBar; phase++) {
			const on = evidence.filter((_, i) => i % beatsPerBar === phase);
			const contrast = (mean(on) - mean(evidence)) * (beatsPerBar === 4 ? 1.1 : 1);
			if (contrast > best.contrast) {
				best = {beatsPerBar, phase, contrast};
			}
		}
	}
	return {beatsPerBar: best.beatsPerBar, phase: best.phase};
};

/** Section boundaries where bar-level timbre and loudness change most (novelty peaks, at least 4 bars apart). */
const suggestSections = (downbeatFrames: readonly number[], features: ReturnType<typeof spectralFeatures>): number[] => {
	const bars = downbeatFrames.map((frame, i) => {
		const end = downbeatFrames[i + 1] ?? frame + 1;
		const vector = features.chroma.map((bin) => {
			let sum = 0;
			for (let f = frame; f < end; f++) {
				sum += bin[f] as number;
			}
			return sum;
		});
		const total = vector.reduce((a, b) => a + b, 0) || 1;
		let energy = 0;
		for (let f = frame; f < end; f++) {
			energy += features.energy[f] as number;
		}
		return [...vector.map((v) => v / total), Math.log1p(energy / Math.max(1, end - frame)) / 10];
	});
	const span = 4;
	const novelty = bars.map((_, i) => {
		if (i < span || i + span > bars.length) {
			return 0;
		}
		const before = (bars[0] as number[]).map((_, k) => mean(bars.slice(i - span, i).map((bar) => bar[k] as number)));
		const after = (bars[0] as number[]).map((_, k) => mean(bars.slice(i, i + span).map((bar) => bar[k] as number)));
		return Math.sqrt(before.reduce((sum, v, k) => sum + (v - (after[k] as number)) ** 2, 0));
	});
	const threshold = mean(novelty.filter((v) => v > 0));
	const boundaries: number[] = [0];
	novelty.forEach((value, i) => {
		const isPeak = value > threshold && value >= (novelty[i - 1] ?? 0) && value >= (novelty[i + 1] ?? 0);
		if (isPeak && i - (boundaries[boundaries.length - 1] as number) >= span) {
			boundaries.push(i);
		}
	});
	return boundaries;
};

/** Tempo changes from the tracked beats: where the local tempo moves away by more than 3% for two bars or more. */
const findTempoChanges = (beatsInSeconds: readonly number[], beatsPerBar: number): AnalysedTempoChange[] | null => {
	const intervals = beatsInSeconds.slice(1).map((t, i) => t - (beatsInSeconds[i] as number));
	const local = intervals.map((_, i) => {
		const around = intervals.slice(Math.max(0, i - 3), i + 4).sort((a, b) => a - b);
		return 60 / (around[Math.floor(around.length / 2)] as number);
	});
	const changes: AnalysedTempoChange[] = [];
	let current = local[0] ?? 0;
	for (let i = 1; i < local.length; i++) {
		if (Math.abs((local[i] as number) / current - 1) > 0.03) {
			const run = local.slice(i, i + 2 * beatsPerBar);
			if (run.length === 2 * beatsPerBar && run.every((bpm) => Math.abs(bpm / (local[i] as number) - 1) < 0.03)) {
				changes.push({atBeat: i, atSeconds: beatsInSeconds[i] as number, bpm: mean(run)});
				current = mean(run);
			}
		}
	}
	return changes.length > 0 ? [{atBeat: 0, atSeconds: beatsInSeconds[0] ?? 0, bpm: local[0] ?? 0}, ...changes] : null;
};

/** Tempo, beats, metre, downbeats, loudness per beat and suggested sections of a mono signal. */
export const analyzeSong = (samples: Float32Array, sampleRate: number): SongAnalysis => {
	const features = spectralFeatures(samples, sampleRate);
	const {framesPerSecond, onset} = features;
	// The tempo is heard in the low band (kick, snare, bass, chords); hi-hats often run at twice the pulse.
	const pulse = smoothOnset(features.lowOnset);
	// Drumless music (little noise above 3 kHz) is mostly slow, and its eighth-note figures tempt a tracker
	// into double time: its prior leans slower, and an equally supported half tempo wins.
	const drumless = features.percussiveness < 0.8;
	const globalBpm = estimateTempo(pulse, framesPerSecond, {highOnset: smoothOnset(features.highOnset), priorCentreBpm: drumless ? 90 : 120, preferSlower: drumless});
	const beatFrames = trackBeats(onset, localPeriods(pulse, framesPerSecond, globalBpm));
	// Drop beats before the music starts and after it ends: the tracker fills silence with the grid.
	const strength = beatFrames.map((frame) => Math.max(onset[frame - 1] ?? 0, onset[frame] as number, onset[frame + 1] ?? 0));
	const floor = mean(strength) * 0.1;
	const first = strength.findIndex((s) => s > floor);
	const last = strength.length - 1 - [...strength].reverse().findIndex((s) => s > floor);
	const kept = first < 0 ? [] : beatFrames.slice(first, last + 1);
	const beatsInSeconds = kept.map((frame) => frame / framesPerSecond);
	const {beatsPerBar, phase} = estimateMeter(kept, features);
	const downbeatFrames = kept.filter((_, i) => i % beatsPerBar === phase);
	const loudness = perBeat(features.energy, kept).map((e, i) => e / Math.max(1, ((kept[i + 1] ?? (kept[i] as number) + 1) as number) - (kept[i] as number)));
	const loudest = Math.max(1e-12, ...loudness);
	const sectionBars = suggestSections(downbeatFrames, features);
	const intervals = beatsInSeconds.slice(1).map((t, i) => t - (beatsInSeconds[i] as number)).sort((a, b) => a - b);
	const medianInterval = intervals[Math.floor(intervals.length / 2)] ?? 60 / globalBpm;
	return {
		durationInSeconds: samples.length / sampleRate,
		bpm: 60 / medianInterval,
		beatsPerBar,
		beatsInSeconds,
		downbeatsInSeconds: downbeatFrames.map((frame) => frame / framesPerSecond),
		firstDownbeatInSeconds: (downbeatFrames[0] ?? 0) / framesPerSecond,
		beatLoudnessInDb: loudness.map((e) => 10 * Math.log10(Math.max(e, 1e-12) / loudest)),
		sections: sectionBars.map((bar, i) => ({id: `section-${i + 1}`, startInSeconds: i === 0 ? 0 : (downbeatFrames[bar] as number) / framesPerSecond, startBar: bar + 1})),
		tempoMap: findTempoChanges(beatsInSeconds, beatsPerBar),
	};
};
