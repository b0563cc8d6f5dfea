import {createReadStream} from 'node:fs';
import OpenAI from 'openai';
import type {HeardWord} from '../music/lyrics/align-words.ts';

/** Word-level transcription through the `openai` client (verbose JSON with word timestamps) at any compatible base URL. */
export const transcribeWords = async ({file, baseURL, apiKey, model = 'whisper-1'}: {file: string; baseURL: string; apiKey: string; model?: string}): Promise<HeardWord[]> => {
	const client = new OpenAI({baseURL, apiKey, maxRetries: 3, timeout: 300_000});
	const result = await client.audio.transcriptions.create({file: createReadStream(file), model, response_format: 'verbose_json', timestamp_granularities: ['word']});
	return (result.words ?? []).map((word) => ({word: word.word, startInSeconds: word.start, endInSeconds: word.end}));
};
