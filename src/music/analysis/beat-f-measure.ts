/** Beat-tracking F-measure (as in MIREX): a detection within ±tolerance of an unmatched reference beat is a hit. */
export const beatFMeasure = (reference: readonly number[], detected: readonly number[], toleranceInSeconds = 0.07): number => {
	if (reference.length === 0 || detected.length === 0) {
		return reference.length === detected.length ? 1 : 0;
	}
	const used = new Set<number>();
	let hits = 0;
	for (const time of detected) {
		let best = -1;
		let bestDistance = toleranceInSeconds;
		reference.forEach((ref, i) => {
			const distance = Math.abs(ref - time);
			if (!used.has(i) && distance <= bestDistance) {
				best = i;
				bestDistance = distance;
			}
		});
		if (best >= 0) {
			used.add(best);
			hits++;
		}
	}
	const precision = hits / detected.length;
	const recall = hits / reference.length;
	return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
};
