import FFT from 'fft.js';

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

/** Features computed while the signal arrives: `advance` reads the frames whose window has arrived, `finish` the rest. */
export type SpectralFeatureStream = {
	/** Reads every frame whose window lies within the first `available` samples of `samples`. */
	readonly advance: (samples: Float32Array, available: number) => void;
	/** Reads the remaining frames of the whole signal (`samples` holds all of it) and returns the features. */
	readonly finish: (samples: Float32Array) => SpectralFeatures;
};

const FIRST_CAPACITY_IN_FRAMES = 8192;

/**
 * Short-time spectrum → features. Onset strength is the half-wave rectified rise of log-compressed magnitudes
 * (spectral flux) summed below 8 kHz, with its local mean removed so loud passages do not dominate. Frames are
 * centred (the signal is padded by half a window), so frame i describes time i * HOP / sampleRate. Fed while a
 * file decodes, it overlaps the decoder.
 */
export const spectralFeatureStream = (sampleRate: number): SpectralFeatureStream => {
	const fft = new FFT(N_FFT);
	const window = new Float64Array(N_FFT).map((_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / N_FFT));
	const bins = N_FFT / 2;
	const maxBin = Math.min(bins, Math.round((8000 / sampleRate) * N_FFT));
	const lowBin = Math.max(2, Math.round((150 / sampleRate) * N_FFT));
	// Chroma reads the bins from 55 Hz to 4 kHz.
	const chromaOf = new Int8Array(bins).map((_, k) => ((Math.round(12 * Math.log2((k * sampleRate) / N_FFT / 440)) % 12) + 12) % 12);
	const chromaFrom = Math.max(1, Math.ceil((55 * N_FFT) / sampleRate));
	const chromaTo = Math.min(bins, Math.floor((4000 * N_FFT) / sampleRate) + 1);
	const edges = bandEdges(sampleRate);
	const bandCount = edges.length - 1;
	const amplitudeBins = Math.max(maxBin, edges.at(-1) as number);
	const previous = new Float64Array(bins);
	const input = new Float64Array(N_FFT);
	const spectrum = new Float64Array(2 * N_FFT);
	const powers = new Float64Array(bins);
	const amplitudes = new Float64Array(bins);
	// Outputs grow as frames arrive (the length of a decoding stream is not known up front).
	let capacity = 0;
	let onset = new Float64Array(0);
	let lowEnergy = new Float64Array(0);
	let energy = new Float64Array(0);
	let chroma: Float64Array[] = [];
	let bands = new Float32Array(0);
	const grow = <T extends Float64Array | Float32Array>(array: T, length: number): T => {
		const grown = new (array.constructor as new (length: number) => T)(length);
		grown.set(array);
		return grown;
	};
	const ensureCapacity = (frames: number): void => {
		if (frames > capacity) {
			capacity = Math.max(frames, 2 * capacity, FIRST_CAPACITY_IN_FRAMES);
			onset = grow(onset, capacity);
			lowEnergy = grow(lowEnergy, capacity);
			energy = grow(energy, capacity);
			chroma = Array.from({length: 12}, (_, pitchClass) => grow(chroma[pitchClass] ?? new Float64Array(0), capacity));
			bands = grow(bands, capacity * bandCount);
		}
	};
	const readFrame = (f: number, samples: Float32Array, length: number): void => {
		const start = f * HOP - N_FFT / 2;
		if (start >= 0 && start + N_FFT <= length) {
			for (let i = 0; i < N_FFT; i++) {
				input[i] = (samples[start + i] as number) * (window[i] as number);
			}
		} else {
			for (let i = 0; i < N_FFT; i++) {
				const index = start + i;
				input[i] = index >= 0 && index < length ? (samples[index] as number) * (window[i] as number) : 0;
			}
		}
		fft.realTransform(spectrum, input);
		let total = 0;
		for (let k = 1; k < bins; k++) {
			const re = spectrum[2 * k] as number;
			const im = spectrum[2 * k + 1] as number;
			const power = re * re + im * im;
			powers[k] = power;
			total += power;
		}
		let low = 0;
		for (let k = 1; k <= lowBin; k++) {
			low += powers[k] as number;
		}
		for (let k = 1; k < amplitudeBins; k++) {
			amplitudes[k] = Math.sqrt(powers[k] as number);
		}
		for (let band = 0; band < bandCount; band++) {
			let sum = 0;
			for (let k = edges[band] as number; k < (edges[band + 1] as number); k++) {
				sum += amplitudes[k] as number;
			}
			bands[f * bandCount + band] = Math.log1p(10 * sum);
		}
		// Onsets are read below 8 kHz only, so the logarithm is only taken there.
		let flux = 0;
		for (let k = 1; k < maxBin; k++) {
			const magnitude = Math.log1p(100 * (amplitudes[k] as number));
			const rise = magnitude - (previous[k] as number);
			if (rise > 0) {
				flux += rise;
			}
			previous[k] = magnitude;
		}
		for (let k = chromaFrom; k < chromaTo; k++) {
			const pitchClass = chromaOf[k] as number;
			(chroma[pitchClass] as Float64Array)[f] = ((chroma[pitchClass] as Float64Array)[f] as number) + (powers[k] as number);
		}
		onset[f] = flux;
		lowEnergy[f] = low;
		energy[f] = total;
	};
	let nextFrame = 0;
	return {
		advance: (samples, available) => {
			// A frame is read once its whole window has arrived; the frames after it may still lie past the end.
			const ready = Math.floor((available - N_FFT / 2) / HOP) + 1;
			ensureCapacity(ready);
			for (; nextFrame < ready; nextFrame++) {
				readFrame(nextFrame, samples, available);
			}
		},
		finish: (samples) => {
			const frames = Math.max(1, Math.floor(samples.length / HOP) + 1);
			ensureCapacity(frames);
			for (; nextFrame < frames; nextFrame++) {
				readFrame(nextFrame, samples, samples.length);
			}
			const framesPerSecond = sampleRate / HOP;
			return {
				framesPerSecond,
				onset: detrend(onset.subarray(0, frames), Math.round(framesPerSecond * 0.25)),
				lowEnergy: lowEnergy.slice(0, frames),
				energy: energy.slice(0, frames),
				chroma: chroma.map((values) => values.slice(0, frames)),
				bands: bands.slice(0, frames * bandCount),
				bandCount,
			};
		},
	};
};

/** The features of a whole signal at once. */
export const spectralFeatures = (samples: Float32Array, sampleRate: number): SpectralFeatures => spectralFeatureStream(sampleRate).finish(samples);

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
