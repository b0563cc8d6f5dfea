import {spawn} from 'node:child_process';
import type {AudioChannels} from '../music/loudness/measure-loudness.ts';
import {remotionBinary} from '../media/remotion-ffmpeg.ts';

/** Reads a PCM WAV (16, 24 or 32-bit integer) into one float array per channel. */
export const parsePcmWav = (wav: Buffer): AudioChannels => {
	let offset = 12;
	let channelCount = 0;
	let sampleRate = 0;
	let bits = 0;
	while (offset + 8 <= wav.length) {
		const id = wav.toString('ascii', offset, offset + 4);
		const size = wav.readUInt32LE(offset + 4);
		if (id === 'fmt ') {
			channelCount = wav.readUInt16LE(offset + 10);
			sampleRate = wav.readUInt32LE(offset + 12);
			bits = wav.readUInt16LE(offset + 22);
		}
		if (id === 'data') {
			break;
		}
		offset += 8 + size + (size % 2);
	}
	if (channelCount === 0 || ![16, 24, 32].includes(bits)) {
		throw new Error(`not a 16, 24 or 32-bit PCM WAV (${channelCount} channels, ${bits} bits)`);
	}
	const start = offset + 8;
	const bytes = bits / 8;
	// A streamed WAV may carry a placeholder data size, so read to the end of what arrived.
	const frames = Math.floor((wav.length - start) / (bytes * channelCount));
	const channels = Array.from({length: channelCount}, () => new Float32Array(frames));
	const scale = 2 ** (bits - 1);
	for (let frame = 0; frame < frames; frame++) {
		for (let c = 0; c < channelCount; c++) {
			const at = start + (frame * channelCount + c) * bytes;
			const value = bits === 16 ? wav.readInt16LE(at) : bits === 24 ? wav.readIntLE(at, 3) : wav.readInt32LE(at);
			(channels[c] as Float32Array)[frame] = value / scale;
		}
	}
	return {channels, sampleRate};
};

/**
 * Decodes the first audio stream of a file (a song, or a rendered MP4) at its own sample rate and channel layout, as
 * 24-bit samples: loudness and true peak must be measured on the signal itself, not a mono or resampled copy.
 */
export const decodeAudioChannels = (file: string): Promise<AudioChannels> =>
	new Promise((resolve, reject) => {
		const child = spawn(remotionBinary('ffmpeg'), ['-hide_banner', '-loglevel', 'error', '-i', file, '-map', '0:a:0', '-vn', '-c:a', 'pcm_s24le', '-f', 'wav', 'pipe:1'], {stdio: ['ignore', 'pipe', 'pipe']});
		const chunks: Buffer[] = [];
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) {
				reject(new Error(`cannot decode the audio of ${file}: ${stderr.trim() || `ffmpeg exited with ${code}`}`));
				return;
			}
			try {
				resolve(parsePcmWav(Buffer.concat(chunks)));
			} catch (error) {
				reject(error);
			}
		});
	});
