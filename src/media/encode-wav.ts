/** Encodes interleaved float samples (-1..1) as a 16-bit PCM WAV file. */
export const encodeWav = ({samples, sampleRate, channels}: {samples: Float32Array; sampleRate: number; channels: number}): Buffer => {
	const dataBytes = samples.length * 2;
	const wav = Buffer.alloc(44 + dataBytes);
	wav.write('RIFF', 0, 'ascii');
	wav.writeUInt32LE(36 + dataBytes, 4);
	wav.write('WAVE', 8, 'ascii');
	wav.write('fmt ', 12, 'ascii');
	wav.writeUInt32LE(16, 16);
	wav.writeUInt16LE(1, 20);
	wav.writeUInt16LE(channels, 22);
	wav.writeUInt32LE(sampleRate, 24);
	wav.writeUInt32LE(sampleRate * channels * 2, 28);
	wav.writeUInt16LE(channels * 2, 32);
	wav.writeUInt16LE(16, 34);
	wav.write('data', 36, 'ascii');
	wav.writeUInt32LE(dataBytes, 40);
	for (let i = 0; i < samples.length; i++) {
		const clamped = Math.max(-1, Math.min(1, samples[i] as number));
		wav.writeInt16LE(Math.round(clamped * 32767), 44 + i * 2);
	}
	return wav;
};
