import {createFft} from './fft.ts';

/** Frame-wise features of a mono signal: onset strength, low-band (kick) energy, a 12-bin chroma and log band magnitudes, at `framesPerSecond`. */
export type SpectralFeatures = {
	readonly framesPerSecond: number;
	readonly onset: Float64Array;
	readonly lowEnergy: Float64Array;
	readonly energy: Float64Array;
	readonly chroma: readonly Float64Array[];
	/** Log magnitude in `bandCount` log-spaced bands (6 an octave, 40 Hz to 10 kHz), frame after frame: the beat network's input. */
	readonly bands: Float32Array;
	readonly bandCount: number;
};

const N_FFT = 1024;
const HOP = 256;

/**
 * The first bin of each band: edges 6 an octave from 40 Hz to 10 kHz, rounded to bins; bands narrower than a bin
 * (below about 130 Hz at 22.05 kHz) merge. The last entry ends the last band.
 */
export const bandEdges = (sampleRate: number): number[] => {
	const edges: number[] = [];
	for (let i = 0; 40 * 2 ** (i / 6) <= 10_000; i++) {
		const bin = Math.max(1, Math.min(N_FFT / 2 - 1, Math.round((40 * 2 ** (i / 6) * N_FFT) / sampleRate)));
		if (edges.at(-1) !== bin) {
			edges.push(bin);
		}
	}
	return edges;
};

/**
 * Short-time spectrum → features. Onset strength is the half-wave rectified rise of log-compressed magnitudes
 * (spectral flux) summed below 8 kHz, with its local mean removed so loud passages do not dominate. Frames are
 * centred (the signal is padded by half a window), so frame i describes time i * HOP / sampleRate.
 */
export const spectralFeatures = (samples: Float32Array, sampleRate: number): SpectralFeatures => {
	const fft = createFft(N_FFT);
	const window = new Float64Array(N_FFT).map((_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / N_FFT));
	const frames = Math.max(1, Math.floor(samples.length / HOP) + 1);
	const bins = N_FFT / 2;
	const maxBin = Math.min(bins, Math.round((8000 / sampleRate) * N_FFT));
	const lowBin = Math.max(2, Math.round((150 / sampleRate) * N_FFT));
	const chromaOf = new Int8Array(bins).map((_, k) => {
		const hz = (k * sampleRate) / N_FFT;
		return hz < 55 || hz > 4000 ? -1 : ((Math.round(12 * Math.log2(hz / 440)) % 12) + 12) % 12;
	});
	const onset = new Float64Array(frames);
	const lowEnergy = new Float64Array(frames);
	const energy = new Float64Array(frames);
	const chroma = Array.from({length: 12}, () => new Float64Array(frames));
	const edges = bandEdges(sampleRate);
	const bandCount = edges.length - 1;
	const bandOf = new Int16Array(bins).fill(-1);
	for (let band = 0; band < bandCount; band++) {
		bandOf.fill(band, edges[band] as number, edges[band + 1] as number);
	}
	const bands = new Float32Array(frames * bandCount);
	const previous = new Float64Array(bins);
	const re = new Float64Array(N_FFT);
	const im = new Float64Array(N_FFT);
	// Two real frames go through one complex transform (frame f as the real part, f + 1 as the imaginary part) and
	// are told apart by symmetry: X_f[k] = (Z[k] + conj Z[N-k]) / 2, X_f+1[k] = (Z[k] - conj Z[N-k]) / 2i.
	const powerA = new Float64Array(bins);
	const powerB = new Float64Array(bins);
	const fill = (f: number, target: Float64Array): void => {
		const start = f * HOP - N_FFT / 2;
		for (let i = 0; i < N_FFT; i++) {
			const index = start + i;
			target[i] = f < frames && index >= 0 && index < samples.length ? (samples[index] as number) * (window[i] as number) : 0;
		}
	};
	const frame = (f: number, powers: Float64Array): void => {
		let flux = 0;
		let low = 0;
		let total = 0;
		for (let k = 1; k < bins; k++) {
			const power = powers[k] as number;
			const amplitude = Math.sqrt(power);
			const band = bandOf[k] as number;
			if (band >= 0) {
				bands[f * bandCount + band] = (bands[f * bandCount + band] as number) + amplitude;
			}
			// Onsets are read below 8 kHz only, so the logarithm is only taken there.
			if (k < maxBin) {
				const magnitude = Math.log1p(100 * amplitude);
				const rise = magnitude - (previous[k] as number);
				if (rise > 0) {
					flux += rise;
				}
				previous[k] = magnitude;
			}
			total += power;
			if (k <= lowBin) {
				low += power;
			}
			const pitchClass = chromaOf[k] as number;
			if (pitchClass >= 0) {
				(chroma[pitchClass] as Float64Array)[f] = ((chroma[pitchClass] as Float64Array)[f] as number) + power;
			}
		}
		for (let band = 0; band < bandCount; band++) {
			bands[f * bandCount + band] = Math.log1p(10 * (bands[f * bandCount + band] as number));
		}
		onset[f] = flux;
		lowEnergy[f] = low;
		energy[f] = total;
	};
	for (let f = 0; f < frames; f += 2) {
		fill(f, re);
		fill(f + 1, im);
		fft.transform(re, im);
		for (let k = 1; k < bins; k++) {
			const zr = re[k] as number;
			const zi = im[k] as number;
			const cr = re[N_FFT - k] as number;
			const ci = -(im[N_FFT - k] as number);
			powerA[k] = ((zr + cr) ** 2 + (zi + ci) ** 2) / 4;
			powerB[k] = ((zi - ci) ** 2 + (zr - cr) ** 2) / 4;
		}
		frame(f, powerA);
		if (f + 1 < frames) {
			frame(f + 1, powerB);
		}
	}
	const framesPerSecond = sampleRate / HOP;
	return {framesPerSecond, onset: detrend(onset, Math.round(framesPerSecond * 0.25)), lowEnergy, energy, chroma, bands, bandCount};
};

// Removes the local mean (about half a second around each frame), keeps what rises above it, scales to 0..1.
const detrend = (onset: Float64Array, radius: number): Float64Array => {
	const frames = onset.length;
	const prefix = new Float64Array(frames + 1);
	for (let f = 0; f < frames; f++) {
		prefix[f + 1] = (prefix[f] as number) + (onset[f] as number);
	}
	const detrended = new Float64Array(frames);
	let peak = 1e-12;
	for (let f = 0; f < frames; f++) {
		const lo = Math.max(0, f - radius);
		const hi = Math.min(frames, f + radius + 1);
		const mean = ((prefix[hi] as number) - (prefix[lo] as number)) / (hi - lo);
		detrended[f] = Math.max(0, (onset[f] as number) - mean);
		peak = Math.max(peak, detrended[f] as number);
	}
	for (let f = 0; f < frames; f++) {
		detrended[f] = (detrended[f] as number) / peak;
	}
	return detrended;
};
