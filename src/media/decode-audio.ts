import {spawn} from 'node:child_process';
import {parsePcmWav} from './parse-pcm-wav.ts';
import {remotionBinary} from './remotion-ffmpeg.ts';

/**
 * Decodes a file's audio with Remotion's ffmpeg to a WAV in memory, with `args` choosing stream, channels, rate and
 * sample format (the bundled ffmpeg has neither a raw PCM muxer nor a float PCM encoder, so WAV it is).
 */
export const decodeToWav = (file: string, args: readonly string[]): Promise<Buffer> =>
	new Promise((resolve, reject) => {
		const child = spawn(remotionBinary('ffmpeg'), ['-hide_banner', '-loglevel', 'error', '-i', file, '-vn', ...args, '-f', 'wav', 'pipe:1'], {stdio: ['ignore', 'pipe', 'pipe']});
		const chunks: Buffer[] = [];
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) {
				reject(new Error(`cannot decode ${file}: ${stderr.trim() || `ffmpeg exited with ${code}`}`));
				return;
			}
			resolve(Buffer.concat(chunks));
		});
	});

/** Decodes any audio file Remotion's ffmpeg reads (WAV, MP3, AAC/M4A, OGG, FLAC …) to mono samples (-1..1) at `sampleRate`. */
export const decodeAudio = async (file: string, sampleRate = 22050): Promise<Float32Array> =>
	parsePcmWav(await decodeToWav(file, ['-ac', '1', '-ar', String(sampleRate), '-c:a', 'pcm_s16le'])).channels[0] ?? new Float32Array(0);
