import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {createStepProgress, formatStepLine, STEP_PROGRESS_HEARTBEAT_IN_MS} from './step-progress.ts';

const fakeStream = (isTTY: boolean) => {
	const writes: string[] = [];
	return {isTTY, writes, write: (text: string) => writes.push(text)};
};

describe('progress of a long command', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});
	const clock = () => Date.now();

	test('formats a phase with its count and the time so far', () => {
		expect(formatStepLine({label: 'export A', phase: 'probing media', done: 3, total: 8, elapsedInSeconds: 12.4})).toBe('export A: probing media 3/8 (0:12)');
		expect(formatStepLine({label: 'export A', phase: 'writing edl', elapsedInSeconds: 61})).toBe('export A: writing edl (1:01)');
	});

	test('in a log: a plain line per phase and its last count, then one every 10 s while a phase waits', () => {
		const stream = fakeStream(false);
		const progress = createStepProgress({label: 'lyrics align song.wav', stream, now: clock});
		progress.update({phase: 'reading the recording'});
		progress.update({phase: 'transcribing, pieces done', done: 0, total: 2});
		progress.update({phase: 'transcribing, pieces done', done: 1, total: 2});
		expect(stream.writes).toEqual(['lyrics align song.wav: reading the recording (0:00)\n', 'lyrics align song.wav: transcribing, pieces done 0/2 (0:00)\n']);
		vi.advanceTimersByTime(STEP_PROGRESS_HEARTBEAT_IN_MS);
		expect(stream.writes.at(-1)).toBe('lyrics align song.wav: transcribing, pieces done 1/2 (0:10)\n');
		progress.update({phase: 'transcribing, pieces done', done: 2, total: 2});
		expect(stream.writes.at(-1)).toBe('lyrics align song.wav: transcribing, pieces done 2/2 (0:10)\n');
		progress.finish();
		vi.advanceTimersByTime(5 * STEP_PROGRESS_HEARTBEAT_IN_MS);
		expect(stream.writes).toHaveLength(4);
		expect(stream.writes.join('')).not.toMatch(/[\r\u001b]/);
	});

	test('on a terminal: one line rewritten as it changes and as the clock moves, ended by a newline', () => {
		const stream = fakeStream(true);
		const progress = createStepProgress({label: 'contact sheet rooftop', stream, now: clock});
		progress.update({phase: 'bundling, %', done: 40, total: 100});
		expect(stream.writes).toEqual(['\rcontact sheet rooftop: bundling, % 40/100 (0:00)\u001b[K']);
		vi.advanceTimersByTime(2000);
		expect(stream.writes.at(-1)).toBe('\rcontact sheet rooftop: bundling, % 40/100 (0:02)\u001b[K');
		progress.finish();
		expect(stream.writes.at(-1)).toBe('\n');
		const count = stream.writes.length;
		vi.advanceTimersByTime(5000);
		expect(stream.writes).toHaveLength(count);
	});

	test('writes nothing until there is something to say', () => {
		const stream = fakeStream(false);
		const progress = createStepProgress({label: 'x', stream, now: clock});
		vi.advanceTimersByTime(3 * STEP_PROGRESS_HEARTBEAT_IN_MS);
		progress.finish();
		expect(stream.writes).toEqual([]);
	});
});
