import {spawn} from 'node:child_process';
import {describe, expect, test} from 'vitest';
import {openFramePipe} from './raw-frame-pipe.ts';

// A writer of `frames` frames of `frameBytes` each, frame k filled with the byte k, through the pipe's write end.
const writeFrames = (pipe: ReturnType<typeof openFramePipe>, frames: number, frameBytes: number) => {
	const script = `for (let k = 0; k < ${frames}; k++) require('fs').writeSync(1, Buffer.alloc(${frameBytes}, k));`;
	const child = spawn(process.execPath, ['-e', script], {stdio: ['ignore', pipe.writeFd, 'ignore']});
	pipe.handedOver();
	return new Promise<number | null>((resolve) => child.on('close', resolve));
};

const uniform = (frame: Buffer, value: number): boolean => frame.every((byte) => byte === value);

describe('openFramePipe', () => {
	test('hands over every frame whole and in order, each still intact until the read after next, then the end', async () => {
		const frameBytes = 1 << 20;
		const pipe = openFramePipe({frameBytes});
		const exited = writeFrames(pipe, 12, frameBytes);
		const frames: Buffer[] = [];
		for (let frame = await pipe.read(); frame; frame = await pipe.read()) {
			const k = frames.length;
			expect(frame.length).toBe(frameBytes);
			expect(uniform(frame, k)).toBe(true);
			// The previous frame is still the caller's while this one is drawn (a reader slower than the writer).
			if (k > 0) {
				await new Promise((resolve) => setTimeout(resolve, 20));
				expect(uniform(frames[k - 1] as Buffer, k - 1)).toBe(true);
			}
			frames.push(frame);
		}
		expect(frames).toHaveLength(12);
		expect(await exited).toBe(0);
		pipe.destroy();
	});

	test('destroying it early stops the writer (it gets a broken pipe) instead of leaving it blocked', async () => {
		const frameBytes = 1 << 20;
		const pipe = openFramePipe({frameBytes});
		const exited = writeFrames(pipe, 50, frameBytes);
		expect(uniform((await pipe.read()) as Buffer, 0)).toBe(true);
		pipe.destroy();
		expect(await exited).not.toBe(0);
	});
});
