import {spawn} from 'node:child_process';
import {remotionBinary} from './remotion-ffmpeg.ts';

/**
 * Decodes any audio file Remotion's ffmpeg reads (WAV, MP3, AAC/M4A, OGG, FLAC …) to mono samples (-1..1) at
 * `sampleRate`, through a WAV stream on stdout (the bundled ffmpeg has neither a raw PCM muxer nor a float PCM encoder).
 */
export const decodeAudio = (file: string, sampleRate = 22050): Promise<Float32Array> =>
	new Promise((resolve, reject) => {
		const child = spawn(remotionBinary('ffmpeg'), ['-hide_banner', '-loglevel', 'error', '-i', file, '-vn', '-ac', '1', '-ar', String(sampleRate), '-c:a', 'pcm_s16le', '-f', 'wav', 'pipe:1'], {stdio: ['ignore', 'pipe', 'pipe']});
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
			const wav = Buffer.concat(chunks);
			// Walk the RIFF chunks to "data"; a streamed WAV may carry a placeholder size, so read to the end.
			let offset = 12;
			while (offset + 8 <= wav.length && wav.toString('ascii', offset, offset + 4) !== 'data') {
				offset += 8 + wav.readUInt32LE(offset + 4);
			}
			const start = offset + 8;
			const count = Math.floor((wav.length - start) / 2);
			const samples = new Float32Array(count);
			for (let i = 0; i < count; i++) {
				samples[i] = wav.readInt16LE(start + i * 2) / 32768;
			}
			resolve(samples);
		});
	});
