import {decodeToWav} from '../media/decode-audio.ts';
import {parsePcmWav} from '../media/parse-pcm-wav.ts';
import type {AudioChannels} from '../music/loudness/measure-loudness.ts';

/**
 * Decodes the first audio stream of a file (a song, or a rendered MP4) at its own sample rate and channel layout, as
 * 24-bit samples: loudness and true peak must be measured on the signal itself, not a mono or resampled copy.
 */
export const decodeAudioChannels = async (file: string): Promise<AudioChannels> => parsePcmWav(await decodeToWav(file, ['-map', '0:a:0', '-c:a', 'pcm_s24le']));
