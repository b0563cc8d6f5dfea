// fft.js ships no types; these cover the part songreel calls.
declare module 'fft.js' {
	export default class FFT {
		constructor(size: number);
		readonly size: number;
		createComplexArray(): number[];
		/** Fills the first half of `out` (interleaved re, im) with the spectrum of the real signal `data`. */
		realTransform(out: ArrayLike<number> & {[index: number]: number}, data: ArrayLike<number>): void;
	}
}
