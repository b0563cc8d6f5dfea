import {access, readFile} from 'node:fs/promises';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {checkOutputPaths} from '../check-output-paths.ts';
import {createStepProgress} from '../step-progress.ts';
import {withInterrupt} from '../with-interrupt.ts';
import {transcribeWords} from '../../generation/transcribe-words.ts';
import {writeFileAtomically} from '../../media/write-file-atomically.ts';
import {alignWords} from '../../music/lyrics/align-words.ts';
import {serializeLrc} from '../../music/lyrics/serialize-lyrics.ts';
import {type Problem, SongreelInputError} from '../../problems/problem.ts';

const usage = (): SongreelInputError => new SongreelInputError([{file: 'command line', path: '', message: 'usage: songreel lyrics align <audio> <lyrics.txt> [--out lyrics.lrc] [--model whisper-1]'}]);

/** `songreel lyrics align <audio> <lyrics.txt>`: times the user's lyric text by the recording, writing enhanced LRC. */
export const lyricsCommand = async (argv: readonly string[]): Promise<number> => {
	const {positionals, values} = parseArgs({args: [...argv], allowPositionals: true, options: {out: {type: 'string'}, model: {type: 'string', default: 'whisper-1'}}});
	const [action, audio, textFile] = positionals;
	if (action !== 'align' || audio === undefined || textFile === undefined) {
		throw usage();
	}
	const baseURL = process.env.OPENAI_BASE_URL;
	const apiKey = process.env.OPENAI_API_KEY;
	if (!baseURL || !apiKey) {
		throw new SongreelInputError([{file: 'command line', path: '', message: 'lyrics align needs OPENAI_BASE_URL and OPENAI_API_KEY', fix: 'point them at an OpenAI-compatible transcription endpoint (whisper-1 with word timestamps)'}]);
	}
	if (values.out !== undefined) {
		await checkOutputPaths([{option: '--out', value: values.out, kind: 'file'}], process.cwd());
	}
	// Both files are checked, and every problem said at once, before anything is sent.
	const problems: Problem[] = [];
	try {
		await access(audio);
	} catch {
		problems.push({file: audio, path: '', message: 'no such file'});
	}
	let lyrics = '';
	try {
		lyrics = await readFile(textFile, 'utf8');
		if (lyrics.trim() === '') {
			problems.push({file: textFile, path: '', message: 'has no lyric lines', fix: 'write one sung line a line, as they should appear on screen'});
		}
	} catch {
		problems.push({file: textFile, path: '', message: 'cannot be read'});
	}
	if (problems.length > 0) {
		throw new SongreelInputError(problems);
	}
	const progress = createStepProgress({label: `lyrics align ${path.basename(audio)}`});
	let transcribed: Awaited<ReturnType<typeof transcribeWords>> | null;
	try {
		transcribed = await withInterrupt('stopping: nothing is written, and the audio cut for sending is removed', async (signal) => {
			try {
				return await transcribeWords({file: audio, baseURL, apiKey, model: values.model, onProgress: progress.update, signal});
			} catch (error) {
				if (signal.aborted) {
					return null;
				}
				throw error;
			}
		});
	} finally {
		progress.finish();
	}
	if (transcribed === null) {
		return 130;
	}
	const {words: heard, sent} = transcribed;
	const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
	process.stdout.write(`sent ${sent.length === 1 ? 'the song' : `${sent.length} overlapping pieces`} as mono 16 kHz WAV: ${sent.map((piece) => `${piece.startInSeconds.toFixed(0)}-${(piece.startInSeconds + piece.durationInSeconds).toFixed(0)} s (${megabytes(piece.bytes)})`).join(', ')}\n`);
	const {lines, interpolatedLines, lineConfidence} = alignWords({lyrics, heard});
	for (const line of interpolatedLines) {
		process.stderr.write(`warning: ${textFile}: line ${line}: not heard in the recording; its times are interpolated, check them\n`);
	}
	const target = values.out ?? textFile.replace(/\.[^./]+$/, '') + '.lrc';
	await writeFileAtomically(target, serializeLrc(lines));
	lines.forEach((line, i) => {
		process.stdout.write(`line ${i + 1}: confidence ${(lineConfidence[i] ?? 0).toFixed(2)}  ${line.text}\n`);
	});
	process.stdout.write(`wrote ${target}: ${lines.length} lines, ${lines.reduce((sum, line) => sum + (line.words?.length ?? 0), 0)} timed words from ${heard.length} heard\n`);
	return 0;
};
