import {spawn} from 'node:child_process';
import {int16Samples, readWavHeader, type WavHeader} from './parse-pcm-wav.ts';
import {remotionBinary} from './remotion-ffmpeg.ts';

/**
 * Decodes a file's audio with Remotion's ffmpeg to WAV bytes, handing each piece to `onData` as it arrives; `args`
 * choose stream, channels, rate and sample format (the bundled ffmpeg has neither a raw PCM muxer nor a float PCM
 * encoder, so WAV it is). An error thrown by `onData` stops the decoder and rejects.
 */
const runDecoder = (file: string, args: readonly string[], onData: (chunk: Buffer) => void): Promise<void> =>
	new Promise((resolve, reject) => {
		const child = spawn(remotionBinary('ffmpeg'), ['-hide_banner', '-loglevel', 'error', '-i', file, '-vn', ...args, '-f', 'wav', 'pipe:1'], {stdio: ['ignore', 'pipe', 'pipe']});
		let failure: Error | undefined;
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			if (failure === undefined) {
				try {
					onData(chunk);
				} catch (error) {
					failure = error as Error;
					child.kill();
				}
			}
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.on('error', reject);
		child.on('close', (code) => {
			if (failure !== undefined) {
				reject(failure);
			} else if (code !== 0) {
				reject(new Error(`cannot decode ${file}: ${stderr.trim() || `ffmpeg exited with ${code}`}`));
			} else {
				resolve();
			}
		});
	});

/** Decodes a file's audio to a WAV in memory, with `args` choosing stream, channels, rate and sample format. */
export const decodeToWav = async (file: string, args: readonly string[]): Promise<Buffer> => {
	const chunks: Buffer[] = [];
	await runDecoder(file, args, (chunk) => chunks.push(chunk));
	return Buffer.concat(chunks);
};

/** Called as decoded samples arrive: `samples` holds the first `available` of them (it is replaced as it grows). */
export type OnSamples = (samples: Float32Array, available: number) => void;

/**
 * Decodes any audio file Remotion's ffmpeg reads (WAV, MP3, AAC/M4A, OGG, FLAC …) to mono samples (-1..1) at
 * `sampleRate`. `onSamples` sees them as they arrive, so work on them overlaps the decoder.
 */
export const decodeAudio = async (file: string, sampleRate = 22050, onSamples?: OnSamples): Promise<Float32Array> => {
	let head: Buffer = Buffer.alloc(0);
	let header: WavHeader | undefined;
	let pending: Buffer = Buffer.alloc(0);
	let samples = new Float32Array(0);
	let available = 0;
	const append = (bytes: Buffer): void => {
		const data = pending.length > 0 ? Buffer.concat([pending, bytes]) : bytes;
		const count = data.length >> 1;
		pending = data.subarray(2 * count);
		if (available + count > samples.length) {
			const grown = new Float32Array(Math.max(available + count, 2 * samples.length, 1 << 20));
			grown.set(samples.subarray(0, available));
			samples = grown;
		}
		const values = int16Samples(data);
		for (let i = 0; i < count; i++) {
			samples[available + i] = (values[i] as number) / 32768;
		}
		available += count;
		onSamples?.(samples, available);
	};
	await runDecoder(file, ['-ac', '1', '-ar', String(sampleRate), '-c:a', 'pcm_s16le'], (chunk) => {
		if (header !== undefined) {
			append(chunk);
			return;
		}
		head = Buffer.concat([head, chunk]);
		header = readWavHeader(head);
		if (header !== undefined) {
			append(head.subarray(header.dataStart));
		}
	});
	return samples.subarray(0, available);
};
