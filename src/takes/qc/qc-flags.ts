import type {TakeQc} from '../take-schema.ts';
import {type GrayAnalysis, hammingDistance} from './analyze-gray-frames.ts';

/** Thresholds of automatic QC, on 8-bit limited-range luma (black about 16, white about 235). */
export const QC_THRESHOLDS = {
	blackMeanLuma: 24,
	blackStdLuma: 6,
	/** A frame this uniform (any colour) shows nothing. */
	blankStdLuma: 3,
	/** Mean absolute difference under which a frame repeats the one before. */
	frozenDiff: 0.05,
	frozenMinSeconds: 0.5,
	/** A jump of the mean luma between frames this large is a flash; several of them are flicker. */
	flickerJumpLuma: 12,
	flickerMinJumps: 3,
	/** Rows or columns whose mean never gets brighter than this are bars; bars must cover this share of each side. */
	barMaxLuma: 26,
	barMinShare: 0.06,
	nearDuplicateBits: 6,
	faultyShare: 0.05,
} as const;

const WEIGHTS: Record<string, number> = {black_frames: 0.4, blank_frames: 0.4, frozen: 0.3, flicker: 0.3, letterbox: 0.2, pillarbox: 0.2, wrong_length: 0.3, wrong_size: 0.3, near_duplicate: 0.2};

const seconds = (frames: number, fps: number): string => `${(frames / fps).toFixed(1)} s`;

// Longest run of consecutive frames for which `test` holds: [start, length].
const longestRun = (count: number, test: (index: number) => boolean): [number, number] => {
	let best: [number, number] = [0, 0];
	let start = -1;
	for (let i = 0; i <= count; i++) {
		if (i < count && test(i)) {
			start = start < 0 ? i : start;
		} else if (start >= 0) {
			if (i - start > best[1]) {
				best = [start, i - start];
			}
			start = -1;
		}
	}
	return best;
};

const edgeBars = (profile: readonly number[]): [number, number] => {
	const dark = (value: number): boolean => value < QC_THRESHOLDS.barMaxLuma;
	let first = 0;
	while (first < profile.length && dark(profile[first] as number)) {
		first++;
	}
	let last = 0;
	while (last < profile.length && dark(profile[profile.length - 1 - last] as number)) {
		last++;
	}
	return [first, last];
};

/**
 * Turns what was read from a take's frames into flags and a score (1 minus a weight per flag): black or blank
 * frames, frozen stretches, flicker, bars, a length or size other than asked, and a near-duplicate of another take.
 */
export const qcFlags = ({analysis, durationInSeconds, size, expected, others, checkedAt}: {
	analysis: GrayAnalysis;
	durationInSeconds: number;
	size: {width: number | null; height: number | null};
	expected: {lengthInSeconds: number; size: string} | null;
	/** Hashes of the project's other takes, to find near-duplicates. */
	others: readonly {takeId: string; hashes: readonly string[]}[];
	checkedAt: string;
}): TakeQc => {
	const {frames, fps} = analysis;
	const flags: {code: string; message: string}[] = [];
	const t = QC_THRESHOLDS;
	const share = (count: number): string => `${Math.round((count / Math.max(1, frames.length)) * 100)}%`;
	const black = (i: number): boolean => (frames[i]?.meanLuma as number) < t.blackMeanLuma && (frames[i]?.stdLuma as number) < t.blackStdLuma;
	const blank = (i: number): boolean => !black(i) && (frames[i]?.stdLuma as number) < t.blankStdLuma;
	const enough = (count: number): boolean => count > 0 && (count >= frames.length * t.faultyShare || count / fps >= 0.3);
	const blackCount = frames.filter((_f, i) => black(i)).length;
	if (enough(blackCount)) {
		const [start] = longestRun(frames.length, black);
		flags.push({code: 'black_frames', message: `${blackCount} black frames (${share(blackCount)}, ${seconds(blackCount, fps)}), from ${seconds(start, fps)}`});
	}
	const blankCount = frames.filter((_f, i) => blank(i)).length;
	if (enough(blankCount)) {
		flags.push({code: 'blank_frames', message: `${blankCount} blank frames of one flat colour (${share(blankCount)}, ${seconds(blankCount, fps)})`});
	}
	// Black or blank stretches are flagged as such, not also as frozen.
	const [frozenStart, frozenLength] = longestRun(frames.length, (i) => i > 0 && (frames[i]?.diffFromPrevious as number) < t.frozenDiff && !black(i) && !blank(i));
	if (frozenLength + 1 >= t.frozenMinSeconds * fps) {
		flags.push({code: 'frozen', message: `the picture stands still for ${seconds(frozenLength + 1, fps)} from ${seconds(Math.max(0, frozenStart - 1), fps)}`});
	}
	const jumps = frames.filter((frame, i) => i > 0 && Math.abs(frame.meanLuma - (frames[i - 1]?.meanLuma as number)) >= t.flickerJumpLuma).length;
	if (jumps >= t.flickerMinJumps) {
		flags.push({code: 'flicker', message: `${jumps} sudden brightness jumps (≥ ${t.flickerJumpLuma} luma levels between frames) in ${durationInSeconds.toFixed(1)} s`});
	}
	const [top, bottom] = edgeBars(analysis.rowMaxMeans);
	const rows = analysis.rowMaxMeans.length;
	if (blackCount < frames.length && top < rows && top >= rows * t.barMinShare && bottom >= rows * t.barMinShare) {
		flags.push({code: 'letterbox', message: `black bars above and below (${Math.round((top / rows) * 100)}% and ${Math.round((bottom / rows) * 100)}% of the height)`});
	}
	const [left, right] = edgeBars(analysis.columnMaxMeans);
	const columns = analysis.columnMaxMeans.length;
	if (blackCount < frames.length && left < columns && left >= columns * t.barMinShare && right >= columns * t.barMinShare) {
		flags.push({code: 'pillarbox', message: `black bars left and right (${Math.round((left / columns) * 100)}% and ${Math.round((right / columns) * 100)}% of the width)`});
	}
	if (expected !== null) {
		if (Math.abs(durationInSeconds - expected.lengthInSeconds) > Math.max(0.25, expected.lengthInSeconds * 0.1)) {
			flags.push({code: 'wrong_length', message: `lasts ${durationInSeconds.toFixed(2)} s, ${expected.lengthInSeconds} s were asked`});
		}
		if (`${size.width}x${size.height}` !== expected.size) {
			flags.push({code: 'wrong_size', message: `is ${size.width}x${size.height}, ${expected.size} was asked`});
		}
	}
	let closest: {takeId: string; bits: number} | null = null;
	for (const other of others) {
		if (other.hashes.length !== analysis.hashes.length || other.hashes.length === 0) {
			continue;
		}
		const bits = Math.round(analysis.hashes.reduce((sum, hash, i) => sum + hammingDistance(hash, other.hashes[i] as string), 0) / analysis.hashes.length);
		if (bits <= t.nearDuplicateBits && (closest === null || bits < closest.bits)) {
			closest = {takeId: other.takeId, bits};
		}
	}
	if (closest !== null) {
		flags.push({code: 'near_duplicate', message: `looks like take "${closest.takeId}" (${closest.bits} of 64 hash bits differ)`});
	}
	const score = Math.max(0, 1 - flags.reduce((sum, flag) => sum + (WEIGHTS[flag.code] ?? 0.2), 0));
	return {score: Math.round(score * 100) / 100, flags, hashes: [...analysis.hashes], checkedAt};
};
