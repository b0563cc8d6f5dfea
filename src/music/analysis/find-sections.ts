/** A stretch of bars found by repetition, labelled so that repeats share a letter (A, B, A …). */
export type FoundSection = {readonly startBar: number; readonly label: string};

// Section ids allow letters, digits and dashes only: A … Z, then S27, S28 ….
const letter = (index: number): string => (index < 26 ? String.fromCharCode(65 + index) : `S${index + 1}`);

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

const cosine = (a: readonly number[], b: readonly number[]): number => {
	let dot = 0;
	let na = 0;
	let nb = 0;
	a.forEach((v, k) => {
		dot += v * (b[k] as number);
		na += v * v;
		nb += (b[k] as number) ** 2;
	});
	return dot / Math.sqrt(na * nb || 1);
};

/**
 * Sections from the song's form: in a bar-by-bar self-similarity matrix, every stretch of at least
 * `minimumBars` bars that repeats elsewhere (a diagonal stripe of near-identical bars) votes for boundaries
 * where it starts and ends, once for each copy, weighted by its length, so a verse heard three times marks its
 * edges three times, and two verses in a row are split where the second begins. Boundaries are the bars with
 * the most votes, at least `minimumBars` apart. Segments are then labelled by similarity to the earlier ones:
 * a repeat takes the earlier letter. Input: one feature vector per bar (chroma). Returns zero-based start bars,
 * the first always 0.
 */
export const findSections = (bars: readonly (readonly number[])[], {minimumBars = 4, sameBar = 0.95} = {}): FoundSection[] => {
	const n = bars.length;
	if (n < 2 * minimumBars) {
		return [{startBar: 0, label: 'A'}];
	}
	const similarity = bars.map((a) => bars.map((b) => cosine(a, b)));
	const votes = new Float64Array(n + 1);
	for (let lag = 1; lag < n; lag++) {
		let runStart = -1;
		for (let i = 0; i + lag <= n; i++) {
			const similar = i + lag < n && ((similarity[i] as number[])[i + lag] as number) >= sameBar;
			if (similar && runStart < 0) {
				runStart = i;
			}
			if (!similar && runStart >= 0) {
				const length = i - runStart;
				// A stripe shorter than the lag is a repeat of a whole stretch; longer ones are a riff repeating
				// inside one section, which says nothing about where sections start.
				if (length >= minimumBars && length <= lag) {
					for (const bar of [runStart, i, runStart + lag, i + lag]) {
						if (bar <= n) {
							votes[bar] = (votes[bar] as number) + length;
						}
					}
				}
				runStart = -1;
			}
		}
	}
	votes[0] = 0;
	votes[n] = 0;
	const candidates = Array.from(votes, (v, i) => ({v, i})).filter(({v, i}) => v > 0 && i < n).sort((a, b) => b.v - a.v || a.i - b.i);
	const strongest = candidates[0]?.v ?? 0;
	const starts: number[] = [0];
	for (const {v, i} of candidates) {
		if (v >= 0.1 * strongest && starts.every((s) => Math.abs(s - i) >= minimumBars) && n - i >= 2) {
			starts.push(i);
		}
	}
	starts.sort((a, b) => a - b);
	// Labels: a segment that matches an earlier one bar for bar takes its letter.
	const labels: string[] = [];
	starts.forEach((start, s) => {
		const end = starts[s + 1] ?? n;
		let best = {label: '', score: 0};
		starts.slice(0, s).forEach((other, o) => {
			const otherEnd = starts[o + 1] ?? n;
			const length = Math.min(end - start, otherEnd - other);
			const score = mean(Array.from({length}, (_, k) => (similarity[start + k] as number[])[other + k] as number));
			if (score > best.score) {
				best = {label: labels[o] as string, score};
			}
		});
		labels.push(best.score >= 0.9 ? best.label : letter(new Set(labels).size));
	});
	return starts.map((startBar, i) => ({startBar, label: labels[i] as string}));
};
