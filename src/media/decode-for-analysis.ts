import {spectralFeatureStream} from '../music/analysis/onset-envelope.ts';
import type {SongSignal} from '../music/analysis/analyze-song.ts';
import {decodeAudio} from './decode-audio.ts';

/** Decodes a song for `analyzeSong`, computing its spectral features while ffmpeg is still decoding (the two overlap on two cores). */
export const decodeForAnalysis = async (file: string, sampleRate: number): Promise<Required<SongSignal>> => {
	const stream = spectralFeatureStream(sampleRate);
	const samples = await decodeAudio(file, sampleRate, stream.advance);
	return {samples, sampleRate, features: stream.finish(samples)};
};
