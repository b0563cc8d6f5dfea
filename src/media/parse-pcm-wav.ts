import type {AudioChannels} from '../music/loudness/measure-loudness.ts';

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
