import {formatProgressLine} from './format.ts';

/** Prints progress to stderr: one rewritten line on a terminal, a line every 10% otherwise (CI logs). */
export const createProgressPrinter = (stream: NodeJS.WriteStream = process.stderr): {update: (line: {label: string; done: number; total: number; elapsedInSeconds: number; unit?: 'frames' | 'percent'}) => void; finish: () => void} => {
	let lastDecile = -1;
	let lastPaint = 0;
	let open = false;
	return {
		update: (line) => {
			const text = formatProgressLine(line);
			if (stream.isTTY) {
				const now = performance.now();
				if (now - lastPaint > 100 || line.done === line.total) {
					stream.write(`\r${text}\u001b[K`);
					lastPaint = now;
					open = true;
				}
				return;
			}
			const decile = Math.floor((line.done / Math.max(1, line.total)) * 10);
			if (decile !== lastDecile) {
				lastDecile = decile;
				stream.write(`${text}\n`);
			}
		},
		finish: () => {
			if (open) {
				stream.write('\n');
				open = false;
			}
			lastDecile = -1;
		},
	};
};
