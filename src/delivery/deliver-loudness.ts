import {rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {type LoudnessMeasurement, measureLoudness} from '../music/loudness/measure-loudness.ts';
import {type LoudnessTarget, normalizeLoudness, type NormalizedAudio, SilentAudioError} from '../music/loudness/normalize-loudness.ts';
import {AAC_ENCODER_ARGS, runFfmpeg, runFfprobe} from '../media/remotion-ffmpeg.ts';
import {writeFileAtomically} from '../media/write-file-atomically.ts';
import {SongreelInputError} from '../problems/problem.ts';
import {decodeAudioChannels} from './decode-audio-channels.ts';
import {encodePcm24Wav} from './encode-pcm24-wav.ts';
import {deliveryMessages as m} from './messages.ts';

/** What delivery did to the audio: the song as measured, the audio as delivered, and how it got there. */
export type LoudnessReport = {
	readonly target: LoudnessTarget;
	readonly before: LoudnessMeasurement;
	readonly after: LoudnessMeasurement;
	readonly gainDb: number;
	readonly limiterReductionDb: number;
	/** Gain taken off after encoding showed the codec pushing the true peak over the ceiling, dB (0 or negative). */
	readonly codecTrimDb: number;
	readonly method: NormalizedAudio['method'];
};

const normalizeFile = async (sourcePath: string, target: LoudnessTarget): Promise<NormalizedAudio> => {
	const audio = await decodeAudioChannels(sourcePath);
	try {
		return normalizeLoudness(audio, target);
	} catch (error) {
		if (error instanceof SilentAudioError) {
			throw new SongreelInputError([m.silentSong(sourcePath)]);
		}
		throw error;
	}
};

/**
 * Brings a song to a loudness target and writes it as a 24-bit WAV at `outputPath` (atomically), for a render to use
 * as its audio; `after` is measured on the samples written.
 */
export const prepareDeliveryAudio = async ({songPath, outputPath, target}: {readonly songPath: string; readonly outputPath: string; readonly target: LoudnessTarget}): Promise<LoudnessReport & {readonly path: string}> => {
	const normalized = await normalizeFile(songPath, target);
	await writeFileAtomically(outputPath, encodePcm24Wav(normalized));
	return {path: outputPath, target, before: normalized.before, after: normalized.after, gainDb: normalized.gainDb, limiterReductionDb: normalized.limiterReductionDb, codecTrimDb: 0, method: normalized.method};
};

const durationOf = async (file: string): Promise<number> => Number((await runFfprobe(['-show_entries', 'format=duration', '-of', 'csv=p=0', file])).trim());

/**
 * Replaces the audio of a rendered MP4 with the song brought to a loudness target: the picture is copied, the audio is
 * normalised from the master (not from the render's own AAC, so it is encoded once more, not twice), encoded to AAC,
 * measured again from the MP4 and, if the encoder pushed the true peak over the ceiling, encoded again with the gain
 * trimmed by the overshoot (at most 3 more times). The video is replaced atomically. `startInSeconds` is where in the song the video starts (a
 * `--frames` render); leave `songPath` out to normalise the video's own audio instead (when clips play their sound).
 */
export const deliverVideoLoudness = async ({videoPath, songPath, target, startInSeconds = 0}: {readonly videoPath: string; readonly songPath?: string; readonly target: LoudnessTarget; readonly startInSeconds?: number}): Promise<LoudnessReport> => {
	const source = songPath ?? videoPath;
	const directory = path.dirname(videoPath);
	const stem = `${path.basename(videoPath)}.tmp-loudness-${process.pid}`;
	const wavPath = path.join(directory, `${stem}.wav`);
	const mp4Path = path.join(directory, `${stem}.mp4`);
	const videoInSeconds = await durationOf(videoPath);
	const normalized = await normalizeFile(source, target);
	// The AAC encoder overshoots the true peak a little (0.1 dB on the demo). Limiting harder to make room makes it
	// worse (the limiter's distortion is what overshoots), so the codec's excess is taken off as a plain gain trim.
	let trimDb = 0;
	try {
		for (let attempt = 0; ; attempt++) {
			const trim = 10 ** (trimDb / 20);
			await writeFileAtomically(wavPath, encodePcm24Wav({channels: normalized.channels.map((channel) => channel.map((x) => x * trim)), sampleRate: normalized.sampleRate}));
			await runFfmpeg(['-y', '-i', videoPath, '-ss', String(source === videoPath ? 0 : startInSeconds), '-t', String(videoInSeconds), '-i', wavPath, '-map', '0:v:0', '-map', '1:a:0', '-c:v', 'copy', ...AAC_ENCODER_ARGS, '-movflags', '+faststart', '-f', 'mp4', mp4Path]).done;
			const after = measureLoudness(await decodeAudioChannels(mp4Path));
			const overshoot = after.truePeakDbtp - target.truePeakCeilingDbtp;
			if (overshoot <= 0 || attempt === 3) {
				await rename(mp4Path, videoPath);
				return {target, before: normalized.before, after, gainDb: normalized.gainDb, limiterReductionDb: normalized.limiterReductionDb, codecTrimDb: trimDb, method: normalized.method};
			}
			trimDb -= overshoot + 0.05;
		}
	} finally {
		await rm(wavPath, {force: true});
		await rm(mp4Path, {force: true});
	}
};

const lufs = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)} LUFS` : 'silent');
const dbtp = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)} dBTP` : '-inf dBTP');

/** Two lines for the CLI: the song before, the delivered audio after, and what was done. */
export const formatLoudnessReport = (report: LoudnessReport): string => {
	const missed = report.after.integratedLufs < report.target.targetLufs - 0.5 && report.method === 'gain-and-limiter' ? '; under the target: reaching it would take more than 6 dB of gain beyond the plain one into the limiter, which would crush the song' : '';
	const how =
		report.method === 'gain'
			? `gain ${report.gainDb >= 0 ? '+' : ''}${report.gainDb.toFixed(1)} dB`
			: report.method === 'lowered-gain'
				? `gain ${report.gainDb.toFixed(1)} dB, held under the target to keep the true peak under ${report.target.truePeakCeilingDbtp} dBTP`
				: `gain ${report.gainDb >= 0 ? '+' : ''}${report.gainDb.toFixed(1)} dB and a true-peak limiter (at most ${report.limiterReductionDb.toFixed(1)} dB of reduction)${missed}`;
	const trim = report.codecTrimDb < 0 ? `; ${report.codecTrimDb.toFixed(2)} dB after encoding, for the AAC encoder's overshoot` : '';
	const detail = `${how}${trim}`;
	return (
		`  loudness: song ${lufs(report.before.integratedLufs)}, ${dbtp(report.before.truePeakDbtp)}, LRA ${report.before.loudnessRangeLu.toFixed(1)} LU; ` +
		`delivered ${lufs(report.after.integratedLufs)}, ${dbtp(report.after.truePeakDbtp)} (target ${report.target.targetLufs} LUFS, ceiling ${report.target.truePeakCeilingDbtp} dBTP; ${detail})\n`
	);
};
