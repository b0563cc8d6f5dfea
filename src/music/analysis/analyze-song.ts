import {type BeatNetwork, beatNetworkInput, METRES, readBeatNetworks, runBeatNetworks} from './beat-network.ts';
import {BEAT_NETWORK_WEIGHTS} from './beat-network-weights.ts';
import {findSections} from './find-sections.ts';
import {type FrameEnvelopes, frameEnvelopes} from './frame-envelopes.ts';
import {type SpectralFeatures, spectralFeatures} from './onset-envelope.ts';
import {localPeriods, pulseClarity, smoothOnset, tempoFromNetwork, trackBeats} from './track-beats.ts';

/** A tempo-map entry found in the music: from this beat on, this tempo. */
export type AnalysedTempoChange = {readonly atBeat: number; readonly atSeconds: number; readonly bpm: number};

/** A section found from the song's form, on a downbeat: `label` is shared by repeats (A, B, A …), `id` is unique (A, B, A-2). */
export type AnalysedSection = {readonly id: string; readonly label: string; readonly startInSeconds: number; readonly startBar: number};

/**
 * The metre: beats per bar, and whether each beat divides in three (6/8, 12/8) or two. Two beats a bar in simple
 * time (2/4) is not told from four: it is reported as 4.
 */
export type Metre = '3' | '4' | '6/8' | '12/8';

/** What `songreel analyze` finds in a song. */
export type SongAnalysis = {
	readonly durationInSeconds: number;
	readonly bpm: number;
	readonly beatsPerBar: 2 | 3 | 4;
	readonly metre: Metre;
	/**
	 * How sure the beat is, 0..1: how strongly the onsets repeat at the beat period and land on the tracked beats.
	 * Below 0.3 there is no reliable beat (noise, a pad, speech): the tempo is then a guess.
	 */
	readonly confidence: number;
	readonly beatsInSeconds: readonly number[];
	readonly downbeatsInSeconds: readonly number[];
	readonly firstDownbeatInSeconds: number;
	/** Loudness of each beat, in dB relative to the loudest beat. */
	readonly beatLoudnessInDb: readonly number[];
	readonly sections: readonly AnalysedSection[];
	/** Present when the tempo changes by more than 3% for at least two bars. */
	readonly tempoMap: readonly AnalysedTempoChange[] | null;
	/** Loudness and onset strength every 10 ms. */
	readonly envelopes: FrameEnvelopes;
};

/** Below this confidence `analyze` says there is no reliable beat. */
export const RELIABLE_BEAT_CONFIDENCE = 0.3;

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

/** Unit-length 12-bin chroma of each beat (from the beat to the next), so loud beats do not outweigh quiet ones. */
const chromaPerBeat = (beatFrames: readonly number[], features: SpectralFeatures): Float64Array[] => {
	const bins = features.chroma.map((bin) => perBeat(bin, beatFrames));
	return beatFrames.map((_, i) => {
		const vector = new Float64Array(12).map((__, k) => Math.sqrt((bins[k] as number[])[i] as number));
		const length = Math.hypot(...vector) || 1;
		return vector.map((v) => v / length);
	});
};

/**
 * How much the harmony before beat i (the `span` beats up to it) differs from the harmony from it on (the `span`
 * beats from it): 1 - cosine of the two windows' summed chroma. At a bar line, with one chord a bar, the two
 * windows hold different chords; a window that straddles a bar line shares a chord with its neighbour.
 */
const barChange = (chroma: readonly Float64Array[], span: number): number[] =>
	chroma.map((_, i) => {
		if (i < span || i + span > chroma.length) {
			return Number.NaN;
		}
		const before = new Float64Array(12);
		const after = new Float64Array(12);
		for (let j = 0; j < span; j++) {
			for (let k = 0; k < 12; k++) {
				before[k] = (before[k] as number) + ((chroma[i - 1 - j] as Float64Array)[k] as number);
				after[k] = (after[k] as number) + ((chroma[i + j] as Float64Array)[k] as number);
			}
		}
		let dot = 0;
		for (let k = 0; k < 12; k++) {
			dot += (before[k] as number) * (after[k] as number);
		}
		return 1 - dot / ((Math.hypot(...before) * Math.hypot(...after)) || 1);
	});

/** How far the values at `phase` (every `beatsPerBar`-th) stand above the mean of all, in standard deviations. */
const phaseContrast = (values: readonly number[], beatsPerBar: number, phase: number): number => {
	const defined = values.filter((v) => !Number.isNaN(v));
	const atPhase = values.filter((v, i) => i % beatsPerBar === phase && !Number.isNaN(v));
	return (mean(atPhase) - mean(defined)) / standardDeviation(defined);
};

/**
 * Evidence for a bar of `beatsPerBar` beats starting at `phase`, from the harmony and the bass: harmonic change
 * between whole bars (the chroma of the bar before a candidate bar line against the bar after it), harmonic change
 * from the beat before (a chord struck on the bar line), and bass/kick energy at the start of the beat; each as how far
 * the phase's beats stand out, in standard deviations.
 */
const harmonicBarEvidence = (beatFrames: readonly number[], features: SpectralFeatures): ((beatsPerBar: number, phase: number) => number) => {
	const low = perBeat(features.lowEnergy, beatFrames, 0.25).map((v) => Math.log1p(v));
	const chroma = chromaPerBeat(beatFrames, features);
	const changes = new Map([2, 3, 4].map((span) => [span, barChange(chroma, span)]));
	const beatChange = barChange(chroma, 1);
	return (beatsPerBar, phase) =>
		phaseContrast(changes.get(beatsPerBar) ?? [], beatsPerBar, phase) + 0.5 * phaseContrast(low, beatsPerBar, phase) + 0.5 * phaseContrast(beatChange, beatsPerBar, phase);
};

/** The beat network's downbeat probability at each beat (the most within a frame of it), against its mean. */
const networkBarEvidence = (beatFrames: readonly number[], downbeat: Float32Array): ((beatsPerBar: number, phase: number) => number) => {
	const atBeats = beatFrames.map((frame) => Math.max(downbeat[frame - 1] ?? 0, downbeat[frame] ?? 0, downbeat[frame + 1] ?? 0));
	return (beatsPerBar, phase) => phaseContrast(atBeats, beatsPerBar, phase);
};

/**
 * Bars from beat-level evidence (the harmonic evidence plus the network's): for 2, 3 and 4 beats a bar and every
 * phase, the strongest wins, 4 on a near tie. Two beats a bar is only reported for compound time (6/8): in simple time
 * a chord every two beats is far more often a 4/4 song than a 2/4 one, so two beats a bar there is read as four,
 * phased by the stronger of its two candidate downbeats.
 */
const estimateBar = (evidence: (beatsPerBar: number, phase: number) => number, compound: boolean): {beatsPerBar: 2 | 3 | 4; phase: number} => {
	let best = {beatsPerBar: 4 as 2 | 3 | 4, phase: 0, score: -Infinity};
	for (const beatsPerBar of [4, 3, 2] as const) {
		for (let phase = 0; phase < beatsPerBar; phase++) {
			const score = evidence(beatsPerBar, phase) * (beatsPerBar === 4 ? 1.1 : 1);
			if (score > best.score) {
				best = {beatsPerBar, phase, score};
			}
		}
	}
	if (best.beatsPerBar === 2 && !compound) {
		const phase = evidence(4, best.phase) >= evidence(4, best.phase + 2) ? best.phase : best.phase + 2;
		return {beatsPerBar: 4, phase};
	}
	return {beatsPerBar: best.beatsPerBar, phase: best.phase};
};

/**
 * Sections from repetition: one vector per bar (chroma share and loudness), handed to `findSections`; returns
 * zero-based start bars and labels.
 */
const sectionsFromForm = (downbeatFrames: readonly number[], features: SpectralFeatures): ReturnType<typeof findSections> => {
	const bars = downbeatFrames.map((frame, i) => {
		const end = downbeatFrames[i + 1] ?? frame + ((downbeatFrames[i] ?? 0) - (downbeatFrames[i - 1] ?? 0));
		const vector = features.chroma.map((bin) => {
			let sum = 0;
			for (let f = frame; f < end && f < bin.length; f++) {
				sum += bin[f] as number;
			}
			return sum;
		});
		const total = vector.reduce((a, b) => a + b, 0) || 1;
		return vector.map((v) => v / total);
	});
	return findSections(bars);
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

/** How many beats `beatPeriod` measures each interval over. */
const PERIOD_SPAN_BEATS = 8;

/**
 * The beat period of a beat list, in seconds: the median, over every run of eight beats, of the run's mean interval.
 * Beats land on whole frames (11.6 ms), so one interval at 208 bpm is 24 or 25 frames, 4% apart, and the median of
 * single intervals is one of the two: 215 or 207 bpm. Over eight beats the rounding is an eighth as large; the median
 * still follows the tempo most of the song is at. Null for fewer than two beats.
 */
export const beatPeriod = (beatsInSeconds: readonly number[]): number | null => {
	const span = Math.min(PERIOD_SPAN_BEATS, beatsInSeconds.length - 1);
	if (span < 1) {
		return null;
	}
	const means = beatsInSeconds.slice(span).map((t, i) => (t - (beatsInSeconds[i] as number)) / span).sort((a, b) => a - b);
	return means[Math.floor(means.length / 2)] as number;
};

let networks: BeatNetwork[] | undefined;
const beatNetworks = (): BeatNetwork[] => {
	networks ??= readBeatNetworks(BEAT_NETWORK_WEIGHTS);
	return networks;
};

/**
 * The sample rate `analyzeSong` reads. The beat networks were trained on band magnitudes computed at this rate; at any
 * other rate the bands fall elsewhere and the networks read nonsense (or the input is not a whole number of frames).
 */
export const ANALYSIS_SAMPLE_RATE = 22050;

/** A mono signal to analyse (at ANALYSIS_SAMPLE_RATE), with its spectral features when they were computed while it decoded. */
export type SongSignal = {readonly samples: Float32Array; readonly sampleRate: number; readonly features?: SpectralFeatures};

/** Tempo, beats, metre, downbeats, loudness per beat and suggested sections of a mono signal. */
export const analyzeSong = ({samples, sampleRate, features: computed}: SongSignal): SongAnalysis => {
	if (sampleRate !== ANALYSIS_SAMPLE_RATE) {
		throw new RangeError(`analyzeSong reads ${ANALYSIS_SAMPLE_RATE} Hz mono, not ${sampleRate} Hz (the beat networks were trained at that rate): decode with decodeForAnalysis(file, ${ANALYSIS_SAMPLE_RATE})`);
	}
	const features = computed ?? spectralFeatures(samples, sampleRate);
	const {framesPerSecond, onset} = features;
	const envelopes = frameEnvelopes({samples, sampleRate, onset, onsetFramesPerSecond: framesPerSecond});
	// The beat networks read the band magnitudes: their tempo distribution picks the tempo (octave included), their
	// beat activation carries the beats, the local periods follow tempo changes.
	const activations = runBeatNetworks(beatNetworks(), beatNetworkInput(features.bands, features.bandCount));
	const beatActivation = Float64Array.from(activations.beat);
	const pulse = smoothOnset(beatActivation, 1);
	const globalBpm = tempoFromNetwork(pulse, framesPerSecond, activations.tempoProbabilities, activations.tempoBinsInBpm);
	const beatFrames = trackBeats(beatActivation, localPeriods(pulse, framesPerSecond, globalBpm));
	// Drop beats before the music starts and after it ends: the tracker fills silence with the grid.
	const strength = beatFrames.map((frame) => Math.max(onset[frame - 1] ?? 0, onset[frame] as number, onset[frame + 1] ?? 0));
	const floor = mean(strength) * 0.1;
	const first = strength.findIndex((s) => s > floor);
	const last = strength.length - 1 - [...strength].reverse().findIndex((s) => s > floor);
	const kept = first < 0 ? [] : beatFrames.slice(first, last + 1);
	const beatsInSeconds = kept.map((frame) => frame / framesPerSecond);
	const harmonic = harmonicBarEvidence(kept, features);
	const learned = networkBarEvidence(kept, activations.downbeat);
	// Compound time (each beat in three) from the networks' metre head, the bar from the evidence at the beats.
	const compound = (activations.metreProbabilities[METRES.indexOf('6/8')] as number) + (activations.metreProbabilities[METRES.indexOf('12/8')] as number) > 0.5;
	const {beatsPerBar, phase} = estimateBar((count, at) => harmonic(count, at) + learned(count, at), compound);
	const metre: Metre = beatsPerBar === 2 ? '6/8' : beatsPerBar === 3 ? '3' : compound ? '12/8' : '4';
	const downbeatFrames = kept.filter((_, i) => i % beatsPerBar === phase);
	const loudness = perBeat(features.energy, kept).map((e, i) => e / Math.max(1, ((kept[i + 1] ?? (kept[i] as number) + 1) as number) - (kept[i] as number)));
	const loudest = Math.max(1e-12, ...loudness);
	const found = sectionsFromForm(downbeatFrames, features);
	const period = beatPeriod(beatsInSeconds) ?? 60 / globalBpm;
	const seen = new Map<string, number>();
	// Pulse clarity of the whole-band onsets at the tracked period: 0.07 for white noise, 0.42 and up on every
	// track of the development set's tuning half.
	const clarity = pulseClarity(smoothOnset(onset), period * framesPerSecond);
	const confidence = kept.length < 8 ? 0 : Math.min(1, Math.max(0, (clarity - 0.1) / 0.3));
	return {
		durationInSeconds: samples.length / sampleRate,
		bpm: 60 / period,
		beatsPerBar,
		metre,
		confidence: Math.round(confidence * 100) / 100,
		beatsInSeconds,
		downbeatsInSeconds: downbeatFrames.map((frame) => frame / framesPerSecond),
		firstDownbeatInSeconds: (downbeatFrames[0] ?? 0) / framesPerSecond,
		beatLoudnessInDb: loudness.map((e) => 10 * Math.log10(Math.max(e, 1e-12) / loudest)),
		sections: found.map(({startBar, label}, i) => {
			const count = (seen.get(label) ?? 0) + 1;
			seen.set(label, count);
			return {id: count === 1 ? label : `${label}-${count}`, label, startInSeconds: i === 0 ? 0 : (downbeatFrames[startBar] as number) / framesPerSecond, startBar: startBar + 1};
		}),
		tempoMap: findTempoChanges(beatsInSeconds, beatsPerBar),
		envelopes,
	};
};
