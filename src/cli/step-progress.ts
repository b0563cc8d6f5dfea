import {formatClock} from './format.ts';

/** What a long command is doing now: a phase, and how far through it when that is countable. */
export type StepProgressUpdate = {readonly phase: string; readonly done?: number; readonly total?: number};

/** Reports a long command's progress on stderr; `finish` ends it (call it before printing anything else). */
export type StepProgress = {readonly update: (update: StepProgressUpdate) => void; readonly finish: () => void};

/** How often a line is repainted on a terminal, and how often a log gets a "still working" line. */
export const STEP_PROGRESS_TICK_IN_MS = 1000;
export const STEP_PROGRESS_HEARTBEAT_IN_MS = 10_000;

type Stream = {readonly isTTY?: boolean; write: (text: string) => unknown};

/** One progress line: "label: phase 3/8 (0:12)". */
export const formatStepLine = ({label, phase, done, total, elapsedInSeconds}: {readonly label: string; readonly elapsedInSeconds: number} & StepProgressUpdate): string =>
	`${label}: ${phase}${done !== undefined && total !== undefined ? ` ${done}/${total}` : ''} (${formatClock(elapsedInSeconds)})`;

/**
 * Progress of a command made of phases (bundling, probing clips, uploading …), on stderr. On a terminal: one line,
 * rewritten as it changes and every second (the clock moves while a phase waits). Otherwise (a log, CI): a plain line
 * whenever the phase changes, and one every 10 s while it does not, so a long wait never looks like a hang.
 */
export const createStepProgress = ({label, stream = process.stderr, now = () => performance.now()}: {readonly label: string; readonly stream?: Stream; readonly now?: () => number}): StepProgress => {
	const started = now();
	let current: StepProgressUpdate | null = null;
	let lastLineAt = 0;
	let open = false;
	const line = (): string => formatStepLine({label, ...(current as StepProgressUpdate), elapsedInSeconds: (now() - started) / 1000});
	const paint = (): void => {
		if (current === null) {
			return;
		}
		if (stream.isTTY) {
			stream.write(`\r${line()}\u001b[K`);
			open = true;
		} else {
			stream.write(`${line()}\n`);
		}
		lastLineAt = now();
	};
	const timer = setInterval(
		() => {
			if (stream.isTTY || now() - lastLineAt >= STEP_PROGRESS_HEARTBEAT_IN_MS) {
				paint();
			}
		},
		stream.isTTY ? STEP_PROGRESS_TICK_IN_MS : STEP_PROGRESS_HEARTBEAT_IN_MS,
	);
	// The ticker never keeps the process alive on its own.
	timer.unref();
	return {
		update: (update) => {
			const phaseChanged = current === null || current.phase !== update.phase;
			current = update;
			// In a log, counts within a phase go out at most once a heartbeat; a new phase and its last count always get a line.
			if (stream.isTTY || phaseChanged || (update.done !== undefined && update.done === update.total)) {
				paint();
			}
		},
		finish: () => {
			clearInterval(timer);
			if (open) {
				stream.write('\n');
				open = false;
			}
		},
	};
};
