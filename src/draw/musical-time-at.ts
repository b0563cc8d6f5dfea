import type {ResolvedBeat, ResolvedLyricLine, ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {type LyricWordProgress, lyricWordsAt} from './lyric-line-state.ts';

/** Where the music is at a frame of the video: what the musical-time hooks return. */
export type MusicalTime = {
	readonly frame: number;
	readonly timeInSeconds: number;
	/** Bar number (1-based; 0 in a pickup before the first downbeat). */
	readonly bar: number;
	/** Beats since the first downbeat, 1-based, counting every beat of the song (negative in a pickup). */
	readonly beat: number;
	/** Beat within its bar, 1-based. */
	readonly beatInBar: number;
	readonly beatsPerBar: number;
	/** How far through the current beat, 0 (on the beat) to just under 1. */
	readonly beatProgress: number;
	/** How far through the current bar, 0 to just under 1. */
	readonly barProgress: number;
	readonly bpm: number;
	/** 1 on each beat, decaying to about 0 by the next (exp(−beatsSince / decayInBeats)). */
	readonly beatEnvelope: number;
	/** The same since the last downbeat. */
	readonly downbeatEnvelope: number;
	readonly section: {readonly id: string; readonly index: number; readonly progress: number; readonly startFrame: number; readonly endFrame: number} | null;
	/** The lyric line on screen and the word being sung (the last one started), with each word's progress. */
	readonly lyric: {readonly line: ResolvedLyricLine; readonly words: readonly LyricWordProgress[]; readonly word: LyricWordProgress | null; readonly wordIndex: number} | null;
	/** From the song's analysis file: loudness 0–1 and in dB, onset strength 0–1; null without one. */
	readonly loudness: number | null;
	readonly loudnessInDb: number | null;
	readonly onset: number | null;
};

// The last beat at or before a frame (binary search; beats are in order and the first is before frame 0).
const beatIndexAt = (beats: readonly ResolvedBeat[], frame: number): number => {
	let low = 0;
	let high = beats.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if ((beats[middle] as ResolvedBeat).frame <= frame + 1e-9) {
			low = middle;
		} else {
			high = middle - 1;
		}
	}
	return low;
};

/** Musical time at a frame, read from the compiled timeline: the beat list, the sections, the lyrics and the envelopes. */
export const musicalTimeAt = (timeline: ResolvedTimeline, frame: number, {decayInBeats = 0.25}: {decayInBeats?: number} = {}): MusicalTime => {
	const {beats, fps} = timeline;
	const index = beatIndexAt(beats, frame);
	const current = beats[index] as ResolvedBeat;
	const next = beats[index + 1];
	const beatFrames = next ? next.frame - current.frame : (60 / current.bpm) * fps;
	const beatProgress = Math.max(0, Math.min(0.999999, (frame - current.frame) / beatFrames));
	const beatsSinceDownbeat = current.beatInBar - 1 + beatProgress;
	const firstDownbeat = beats.findIndex((beat) => beat.bar === 1 && beat.beatInBar === 1);
	const sectionIndex = timeline.sections.findIndex((section) => section.startFrame <= frame && frame < section.endFrame);
	const section = timeline.sections[sectionIndex];
	const onScreen = timeline.lyrics.filter((line) => line.startFrame <= frame && frame < line.endFrame);
	const line = onScreen[onScreen.length - 1];
	const words = line ? lyricWordsAt(line, frame) : [];
	const wordIndex = words.reduce((last, word, i) => (word.startFrame <= frame ? i : last), -1);
	const envelopeAt = (values: readonly number[] | undefined): number | null => (values === undefined ? null : (values[Math.max(0, Math.min(values.length - 1, frame))] ?? null));
	return {
		frame,
		timeInSeconds: frame / fps,
		bar: current.bar,
		beat: index - (firstDownbeat < 0 ? 0 : firstDownbeat) + 1,
		beatInBar: current.beatInBar,
		beatsPerBar: current.beatsPerBar,
		beatProgress,
		barProgress: beatsSinceDownbeat / current.beatsPerBar,
		bpm: current.bpm,
		beatEnvelope: Math.exp(-beatProgress / decayInBeats),
		downbeatEnvelope: Math.exp(-beatsSinceDownbeat / decayInBeats),
		section: section ? {id: section.id, index: sectionIndex, progress: (frame - section.startFrame) / (section.endFrame - section.startFrame), startFrame: section.startFrame, endFrame: section.endFrame} : null,
		lyric: line ? {line, words, word: words[wordIndex] ?? null, wordIndex} : null,
		loudness: envelopeAt(timeline.envelopes?.loudness),
		loudnessInDb: envelopeAt(timeline.envelopes?.loudnessInDb),
		onset: envelopeAt(timeline.envelopes?.onset),
	};
};
