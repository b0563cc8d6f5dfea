/** Encodes interleaved float samples (-1..1) as a PCM WAV file, 16-bit (default) or 24-bit (keeps the headroom of a delivered master). */
export const encodeWav = ({samples, sampleRate, channels, bitsPerSample = 16}: {samples: Float32Array; sampleRate: number; channels: number; bitsPerSample?: 16 | 24}): Buffer => {
	const bytes = bitsPerSample / 8;
	const dataBytes = samples.length * bytes;
	const wav = Buffer.alloc(44 + dataBytes);
	wav.write('RIFF', 0, 'ascii');
	wav.writeUInt32LE(36 + dataBytes, 4);
	wav.write('WAVE', 8, 'ascii');
	wav.write('fmt ', 12, 'ascii');
	wav.writeUInt32LE(16, 16);
	wav.writeUInt16LE(1, 20);
	wav.writeUInt16LE(channels, 22);
	wav.writeUInt32LE(sampleRate, 24);
	wav.writeUInt32LE(sampleRate * channels * bytes, 28);
	wav.writeUInt16LE(channels * bytes, 32);
	wav.writeUInt16LE(bitsPerSample, 34);
	wav.write('data', 36, 'ascii');
	wav.writeUInt32LE(dataBytes, 40);
	const full = 2 ** (bitsPerSample - 1);
	for (let i = 0; i < samples.length; i++) {
		const sample = samples[i] as number;
		// 16-bit scales by 32767 (symmetric, as before); 24-bit by 2^23, clamped to the integer range.
		const value = bitsPerSample === 16 ? Math.round(Math.max(-1, Math.min(1, sample)) * (full - 1)) : Math.max(-full, Math.min(full - 1, Math.round(sample * full)));
		wav.writeIntLE(value, 44 + i * bytes, bytes);
	}
	return wav;
};
