import type {AudioChannels} from '../music/loudness/measure-loudness.ts';

/** Encodes channels as a 24-bit PCM WAV: the delivered audio keeps the headroom a 16-bit file would round away. */
export const encodePcm24Wav = ({channels, sampleRate}: AudioChannels): Buffer => {
	const channelCount = channels.length;
	const frames = channels[0]?.length ?? 0;
	const dataBytes = frames * channelCount * 3;
	const wav = Buffer.alloc(44 + dataBytes);
	wav.write('RIFF', 0, 'ascii');
	wav.writeUInt32LE(36 + dataBytes, 4);
	wav.write('WAVE', 8, 'ascii');
	wav.write('fmt ', 12, 'ascii');
	wav.writeUInt32LE(16, 16);
	wav.writeUInt16LE(1, 20);
	wav.writeUInt16LE(channelCount, 22);
	wav.writeUInt32LE(sampleRate, 24);
	wav.writeUInt32LE(sampleRate * channelCount * 3, 28);
	wav.writeUInt16LE(channelCount * 3, 32);
	wav.writeUInt16LE(24, 34);
	wav.write('data', 36, 'ascii');
	wav.writeUInt32LE(dataBytes, 40);
	const max = 2 ** 23 - 1;
	let at = 44;
	for (let frame = 0; frame < frames; frame++) {
		for (const channel of channels) {
			const value = Math.max(-max - 1, Math.min(max, Math.round((channel[frame] as number) * 2 ** 23)));
			wav.writeIntLE(value, at, 3);
			at += 3;
		}
	}
	return wav;
};
