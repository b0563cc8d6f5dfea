import {execFileSync} from 'node:child_process';
import {closeSync, constants, mkdtempSync, openSync, rmSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Reads fixed-size raw frames that a child process writes, straight into a few frame buffers the reader owns. A
 * child's ordinary stdout hands Node a new 64 KB buffer per read: about 50 per 1080p frame, each outside the heap,
 * and that external garbage made V8 run a full mark-compact twice a second (a third of a render's main thread).
 * Here the child writes into a named pipe opened by both ends before it starts (and unlinked at once, so nothing is
 * left behind even after a kill), and the socket reads into the buffer of the frame being filled: no allocation, no
 * copy.
 */
export type FramePipe = {
	/** The write end, to give the child as its stdout; call `handedOver` once the child has it. */
	readonly writeFd: number;
	/** Closes this process's copy of the write end, so the reader sees the end when the child closes its own. */
	readonly handedOver: () => void;
	/**
	 * The next frame, or null once the writer has closed its end. A frame stays valid until the read after next (so
	 * the one before it can still be drawn); `ahead` buffers let the child write that many frames before they are asked for.
	 */
	readonly read: () => Promise<Buffer | null>;
	/** Stops reading and closes the read end (frames still unread are dropped, so a writer blocked on them gets EPIPE). */
	readonly destroy: () => void;
};

/** Opens a named pipe for raw frames of `frameBytes` each; see {@link FramePipe}. */
export const openFramePipe = ({frameBytes, ahead = 1}: {frameBytes: number; ahead?: number}): FramePipe => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'songreel-frames-'));
	let readFd: number;
	let writeFd: number;
	try {
		const fifo = path.join(dir, 'frames');
		try {
			execFileSync('mkfifo', ['-m', '600', fifo], {stdio: 'ignore'});
		} catch (error) {
			throw new Error(`cannot make a named pipe for decoded frames with mkfifo (${(error as Error).message}); the direct renderer needs Linux or macOS`);
		}
		// The read end first, non-blocking (it opens without a writer); then the write end, which finds the reader.
		readFd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
		try {
			writeFd = openSync(fifo, constants.O_WRONLY);
		} catch (error) {
			closeSync(readFd);
			throw error;
		}
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
	// Two frames held by the caller (the last two read), plus those written ahead.
	const buffers = Array.from({length: 2 + ahead}, () => Buffer.allocUnsafe(frameBytes));
	const ready: Buffer[] = [];
	let filling = 0;
	let filled = 0;
	// Buffers handed out, oldest first; the oldest is free again when a read makes it the third.
	const held: Buffer[] = [];
	let ended = false;
	let paused = false;
	let failure: Error | null = null;
	let wake: (() => void) | null = null;
	const notify = (): void => {
		const resolve = wake;
		wake = null;
		resolve?.();
	};
	const isFree = (buffer: Buffer): boolean => !held.includes(buffer) && !ready.includes(buffer);
	// \`onread\` is documented for the constructor, though this @types/node lists it only for connecting.
	const options: net.SocketConstructorOpts & {onread: net.OnReadOpts} = {
		fd: readFd,
		readable: true,
		writable: false,
		onread: {
			buffer: () => (buffers[filling] as Buffer).subarray(filled),
			callback: (bytes: number): boolean => {
				filled += bytes;
				if (filled < frameBytes) {
					return true;
				}
				ready.push(buffers[filling] as Buffer);
				filling = (filling + 1) % buffers.length;
				filled = 0;
				notify();
				// Pause while the next buffer is still the caller's; a read that frees it resumes.
				paused = !isFree(buffers[filling] as Buffer);
				return !paused;
			},
		},
	};
	const socket = new net.Socket(options);
	const onEnd = (): void => {
		ended = true;
		notify();
	};
	socket.on('end', onEnd);
	socket.on('close', onEnd);
	socket.on('error', (error) => {
		failure = error;
		notify();
	});
	// Flowing, so that the end is reported although no data events come (the callback gets the data).
	socket.resume();
	const resumeIfFree = (): void => {
		if (paused && isFree(buffers[filling] as Buffer)) {
			paused = false;
			socket.resume();
		}
	};
	let writeEndOpen = true;
	const closeWriteEnd = (): void => {
		if (writeEndOpen) {
			writeEndOpen = false;
			closeSync(writeFd);
		}
	};
	return {
		writeFd,
		handedOver: closeWriteEnd,
		read: async () => {
			while (held.length >= 2) {
				held.shift();
			}
			resumeIfFree();
			while (ready.length === 0) {
				if (failure) {
					throw failure;
				}
				if (ended) {
					return null;
				}
				await new Promise<void>((resolve) => {
					wake = resolve;
				});
			}
			const frame = ready.shift() as Buffer;
			held.push(frame);
			resumeIfFree();
			return frame;
		},
		destroy: () => {
			socket.destroy();
			closeWriteEnd();
		},
	};
};
