/** Luma statistics of one decoded frame (8-bit gray, limited range: black is about 16). */
export type FrameStats = {
	readonly meanLuma: number;
	readonly stdLuma: number;
	/** Mean absolute difference to the previous frame, 0 for the first. */
	readonly diffFromPrevious: number;
};

/** What QC reads from a clip's frames, at low resolution. */
export type GrayAnalysis = {
	readonly fps: number;
	readonly frames: readonly FrameStats[];
	/** For each row (top to bottom) and column, the brightest its mean got in any frame: bars stay dark in all of them. */
	readonly rowMaxMeans: readonly number[];
	readonly columnMaxMeans: readonly number[];
	/** dHash of the frames at a quarter, half and three quarters of the clip. */
	readonly hashes: readonly string[];
};

// dHash: a 9x8 area-averaged thumbnail, one bit per horizontal neighbour pair (is the left one brighter?).
const differenceHash = (frame: Uint8Array, width: number, height: number): string => {
	const cells = new Float64Array(9 * 8);
	for (let cy = 0; cy < 8; cy++) {
		for (let cx = 0; cx < 9; cx++) {
			const x0 = Math.floor((cx * width) / 9);
			const x1 = Math.max(x0 + 1, Math.floor(((cx + 1) * width) / 9));
			const y0 = Math.floor((cy * height) / 8);
			const y1 = Math.max(y0 + 1, Math.floor(((cy + 1) * height) / 8));
			let sum = 0;
			for (let y = y0; y < y1; y++) {
				for (let x = x0; x < x1; x++) {
					sum += frame[y * width + x] as number;
				}
			}
			cells[cy * 9 + cx] = sum / ((x1 - x0) * (y1 - y0));
		}
	}
	let bits = 0n;
	for (let cy = 0; cy < 8; cy++) {
		for (let cx = 0; cx < 8; cx++) {
			bits = (bits << 1n) | ((cells[cy * 9 + cx] as number) > (cells[cy * 9 + cx + 1] as number) ? 1n : 0n);
		}
	}
	return bits.toString(16).padStart(16, '0');
};

/** Number of differing bits between two hex dHashes. */
export const hammingDistance = (a: string, b: string): number => {
	let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
	let count = 0;
	while (x > 0n) {
		count += Number(x & 1n);
		x >>= 1n;
	}
	return count;
};

/** Reads luma statistics, bar profiles and perceptual hashes from a clip's frames (8-bit gray, `width` x `height`). */
export const analyzeGrayFrames = ({frames, width, height, fps}: {frames: readonly Uint8Array[]; width: number; height: number; fps: number}): GrayAnalysis => {
	const stats: FrameStats[] = [];
	const rowMaxMeans = new Array<number>(height).fill(0);
	const columnMaxMeans = new Array<number>(width).fill(0);
	const pixels = width * height;
	frames.forEach((frame, index) => {
		let sum = 0;
		let squares = 0;
		let diff = 0;
		const previous = index > 0 ? (frames[index - 1] as Uint8Array) : null;
		for (let i = 0; i < pixels; i++) {
			const value = frame[i] as number;
			sum += value;
			squares += value * value;
			if (previous) {
				diff += Math.abs(value - (previous[i] as number));
			}
		}
		const mean = sum / pixels;
		stats.push({meanLuma: mean, stdLuma: Math.sqrt(Math.max(0, squares / pixels - mean * mean)), diffFromPrevious: previous ? diff / pixels : 0});
		for (let y = 0; y < height; y++) {
			let row = 0;
			for (let x = 0; x < width; x++) {
				row += frame[y * width + x] as number;
			}
			rowMaxMeans[y] = Math.max(rowMaxMeans[y] as number, row / width);
		}
		for (let x = 0; x < width; x++) {
			let column = 0;
			for (let y = 0; y < height; y++) {
				column += frame[y * width + x] as number;
			}
			columnMaxMeans[x] = Math.max(columnMaxMeans[x] as number, column / height);
		}
	});
	const hashes = frames.length === 0 ? [] : [0.25, 0.5, 0.75].map((at) => differenceHash(frames[Math.min(frames.length - 1, Math.floor(frames.length * at))] as Uint8Array, width, height));
	return {fps, frames: stats, rowMaxMeans, columnMaxMeans, hashes};
};
