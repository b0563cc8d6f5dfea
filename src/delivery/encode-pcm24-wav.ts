import {encodeWav} from '../media/encode-wav.ts';
import type {AudioChannels} from '../music/loudness/measure-loudness.ts';

/** Encodes channels as a 24-bit PCM WAV: the delivered audio keeps the headroom a 16-bit file would round away. */
export const encodePcm24Wav = ({channels, sampleRate}: AudioChannels): Buffer => {
	const frames = channels[0]?.length ?? 0;
	const samples = new Float32Array(frames * channels.length);
	for (let frame = 0; frame < frames; frame++) {
		for (const [c, channel] of channels.entries()) {
			samples[frame * channels.length + c] = channel[frame] as number;
		}
	}
	return encodeWav({samples, sampleRate, channels: channels.length, bitsPerSample: 24});
};
