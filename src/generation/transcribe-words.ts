import {execFile} from 'node:child_process';
import {createReadStream} from 'node:fs';
import {mkdtemp, rm, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import OpenAI from 'openai';
import {remotionBinary} from '../media/remotion-ffmpeg.ts';
import type {HeardWord} from '../music/lyrics/align-words.ts';
import {SongreelInputError} from '../problems/problem.ts';

/** One piece of audio sent to the endpoint: where it starts in the song, how long it is and its size. */
export type SentPiece = {readonly startInSeconds: number; readonly durationInSeconds: number; readonly bytes: number};

/** The endpoint refuses files over 25 MB; stay under with room for the form's other fields. */
const LIMIT_IN_BYTES = 24 * 1024 * 1024;
/** Mono 16 kHz 16-bit WAV: what speech recognisers resample to anyway, 32 kB a second (about 13 minutes in 25 MB). */
const BYTES_PER_SECOND = 16000 * 2;
const PIECE_IN_SECONDS = 600;
/** Pieces overlap so a word cut at a seam is heard whole in one of them. */
const OVERLAP_IN_SECONDS = 10;

const ffmpeg = (args: readonly string[], signal?: AbortSignal): Promise<unknown> => promisify(execFile)(remotionBinary('ffmpeg'), ['-hide_banner', '-loglevel', 'error', '-y', ...args], {signal});

const durationOf = async (file: string, signal?: AbortSignal): Promise<number> => {
	const {stderr} = await promisify(execFile)(remotionBinary('ffmpeg'), ['-hide_banner', '-i', file, '-f', 'null', '-'], {maxBuffer: 1 << 26, signal}).catch((error: {stderr: string}) => {
		signal?.throwIfAborted();
		return {stderr: error.stderr};
	});
	const times = [...String(stderr).matchAll(/time=(\d+):(\d+):([\d.]+)/g)];
	const last = times.at(-1);
	return last ? Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3]) : 0;
};

/**
 * Word-level transcription through the `openai` client (verbose JSON with word timestamps) at any compatible
 * base URL. The audio is sent as mono 16 kHz WAV, in overlapping pieces of 10 minutes when the whole would pass
 * the endpoint's 25 MB limit; word times are shifted back to song time, and in an overlap each piece keeps the
 * words before the middle of the overlap. Returns the words and what was sent.
 */
export const transcribeWords = async ({
	file,
	baseURL,
	apiKey,
	model = 'whisper-1',
	onProgress = () => undefined,
	signal,
}: {
	file: string;
	baseURL: string;
	apiKey: string;
	model?: string;
	/** Hears each phase: pieces cut and transcribed so far of all pieces. */
	onProgress?: (update: {readonly phase: string; readonly done?: number; readonly total?: number}) => void;
	/** Stops ffmpeg and the request in flight; the pieces cut so far are removed either way. */
	signal?: AbortSignal;
}): Promise<{words: HeardWord[]; sent: SentPiece[]}> => {
	const client = new OpenAI({baseURL, apiKey, maxRetries: 3, timeout: 300_000});
	const dir = await mkdtemp(path.join(os.tmpdir(), 'songreel-transcribe-'));
	try {
		onProgress({phase: 'reading the recording'});
		const durationInSeconds = await durationOf(file, signal);
		if (durationInSeconds <= 0) {
			throw new SongreelInputError([{file, path: '', message: 'has no audio ffmpeg can read', fix: 'give the song\'s audio file (WAV, MP3, AAC, FLAC …)'}]);
		}
		const fits = durationInSeconds * BYTES_PER_SECOND < LIMIT_IN_BYTES;
		const starts = fits ? [0] : Array.from({length: Math.ceil((durationInSeconds - OVERLAP_IN_SECONDS) / (PIECE_IN_SECONDS - OVERLAP_IN_SECONDS))}, (_, i) => i * (PIECE_IN_SECONDS - OVERLAP_IN_SECONDS));
		const words: HeardWord[] = [];
		const sent: SentPiece[] = [];
		for (const [index, startInSeconds] of starts.entries()) {
			const piece = path.join(dir, `piece-${index}.wav`);
			const length = fits ? [] : ['-t', String(PIECE_IN_SECONDS)];
			await ffmpeg(['-ss', String(startInSeconds), '-i', file, ...length, '-vn', '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', piece], signal);
			const bytes = (await stat(piece)).size;
			sent.push({startInSeconds, durationInSeconds: (bytes - 44) / BYTES_PER_SECOND, bytes});
			onProgress({phase: 'transcribing, pieces done', done: index, total: starts.length});
			const result = await client.audio.transcriptions.create({file: createReadStream(piece), model, response_format: 'verbose_json', timestamp_granularities: ['word']}, {signal});
			const from = index === 0 ? -Infinity : startInSeconds + OVERLAP_IN_SECONDS / 2;
			const to = index === starts.length - 1 ? Infinity : (starts[index + 1] as number) + OVERLAP_IN_SECONDS / 2;
			for (const word of result.words ?? []) {
				const start = word.start + startInSeconds;
				if (start >= from && start < to) {
					words.push({word: word.word, startInSeconds: start, endInSeconds: word.end + startInSeconds});
				}
			}
		}
		onProgress({phase: 'transcribing, pieces done', done: starts.length, total: starts.length});
		return {words, sent};
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
};
