import {execFile, spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {encodeWav} from '../src/media/encode-wav.ts';
import {parseLrc} from '../src/music/lyrics/parse-lrc.ts';

const root = path.resolve(__dirname, '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'songreel-align-'));
const requests: {model: string; format: string; granularity: string; fileBytes: number}[] = [];

// What a recogniser returns for a sung demo: "the" dropped, "fifty-five" merged, "skies" misheard as "skys",
// and the whole second line missed.
const HEARD = [
	['paper', 9.17], ['skys', 9.44], ['above', 9.71], ['city', 10.24],
	['we', 15.6], ['were', 15.87], ['never', 16.14], ['meant', 16.4], ['to', 16.67], ['fly', 16.94],
	['fiftyfive', 28.46], ['that', 28.99], ['stay', 29.53],
] as const;

let baseURL = '';
const server = createServer(async (req, res) => {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const form = await new Request('http://x', {method: 'POST', headers: {'content-type': req.headers['content-type'] ?? ''}, body: new Uint8Array(Buffer.concat(chunks))}).formData();
	const file = form.get('file') as File;
	requests.push({model: String(form.get('model')), format: String(form.get('response_format')), granularity: String(form.getAll('timestamp_granularities[]')), fileBytes: file.size});
	res.writeHead(200, {'content-type': 'application/json'});
	res.end(JSON.stringify({task: 'transcribe', language: 'english', duration: 49.2, text: HEARD.map(([w]) => w).join(' '), words: HEARD.map(([word, start]) => ({word, start, end: start + 0.25}))}));
});

beforeAll(async () => {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
	rmSync(dir, {recursive: true, force: true});
});

describe('songreel lyrics align', () => {
	test('times the user\'s own words by the transcript and interpolates a missed line, with a warning', async () => {
		const text = path.join(dir, 'lyrics.txt');
		writeFileSync(text, 'Paper skies above the city\nevery light a little lie\nwe were never meant to fly\nfifty five that stay\n');
		const {stdout, stderr} = await promisify(execFile)(process.execPath, [path.join(root, 'bin/songreel.js'), 'lyrics', 'align', path.join(root, 'public/demo/song.wav'), text], {cwd: root, env: {...process.env, OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: 'test'}});
		// The song goes out as mono 16 kHz 16-bit WAV (32 kB a second), not the 44.1 kHz stereo original.
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({model: 'whisper-1', format: 'verbose_json', granularity: 'word'});
		expect(Math.abs((requests[0]?.fileBytes ?? 0) - 49.2 * 32000)).toBeLessThan(32000);
		expect(requests[0]?.fileBytes).toBeLessThan(readFileSync(path.join(root, 'public/demo/song.wav')).length / 4);
		expect(stdout).toMatch(/sent the song as mono 16 kHz WAV: 0-49 s \(1\.5 MB\)/);
		// Per-line confidence: all heard as written except "skies" (misheard) and "the" (dropped); line 2 not heard.
		expect(stdout).toContain('line 1: confidence 0.70  Paper skies above the city');
		expect(stdout).toContain('line 2: confidence 0.00  every light a little lie');
		expect(stdout).toContain('line 3: confidence 1.00  we were never meant to fly');
		expect(stderr).toContain('lyrics.txt: line 2: not heard in the recording; its times are interpolated');
		expect(stdout).toContain('wrote');
		const {lines, problems} = parseLrc(readFileSync(path.join(dir, 'lyrics.lrc'), 'utf8'));
		expect(problems).toEqual([]);
		expect(lines.map((l) => l.text)).toEqual(['Paper skies above the city', 'every light a little lie', 'we were never meant to fly', 'fifty five that stay']);
		// "the" was dropped: it starts where "above" ends.
		expect(lines[0]?.words?.map((w) => w.startInSeconds)).toEqual([9.17, 9.44, 9.71, 9.96, 10.24]);
		expect(lines[1]?.startInSeconds).toBeGreaterThan(10.24);
		expect(lines[1]?.startInSeconds).toBeLessThan(15.6);
		expect(lines[2]?.startInSeconds).toBe(15.6);
	});

	test('sends a long song in overlapping pieces under the 25 MB limit and puts the words back in song time', async () => {
		requests.length = 0;
		const long = path.join(dir, 'long.wav');
		// 15 minutes of quiet noise at 8 kHz: as mono 16 kHz WAV it would be 28.8 MB, over the limit.
		const samples = new Float32Array(8000 * 900).map((_, i) => 0.01 * Math.sin(i));
		writeFileSync(long, encodeWav({samples, sampleRate: 8000, channels: 1}));
		const text = path.join(dir, 'long.txt');
		writeFileSync(text, 'we were never meant to fly\n');
		const {stdout, stderr} = await promisify(execFile)(process.execPath, [path.join(root, 'bin/songreel.js'), 'lyrics', 'align', long, text], {cwd: root, env: {...process.env, OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: 'test'}});
		expect(requests).toHaveLength(2);
		// Progress on stderr, plain lines (stderr is not a terminal here): each phase, the last count, and on a slow
		// machine a line every 10 s in between.
		const progress = stderr.split('\n').filter((line) => line.startsWith('lyrics align long.wav: ')).map((line) => line.replace(/ \(\d+:\d\d\)$/, ''));
		expect(progress.slice(0, 2)).toEqual(['lyrics align long.wav: reading the recording', 'lyrics align long.wav: transcribing, pieces done 0/2']);
		expect(progress.at(-1)).toBe('lyrics align long.wav: transcribing, pieces done 2/2');
		expect(progress.slice(1).every((line) => /^lyrics align long\.wav: transcribing, pieces done [012]\/2$/.test(line))).toBe(true);
		expect(requests.every((r) => r.fileBytes < 25 * 1024 * 1024)).toBe(true);
		expect(stdout).toContain('sent 2 overlapping pieces as mono 16 kHz WAV: 0-600 s (18.3 MB), 590-900 s (9.5 MB)');
		// Both pieces heard the same words (the fake server answers alike), so the line is found in one of the two
		// copies: at 15.6 s in the first piece, or 590 s later in the second.
		const {lines} = parseLrc(readFileSync(path.join(dir, 'long.lrc'), 'utf8'));
		expect([15.6, 605.6]).toContain(lines[0]?.startInSeconds);
	}, 120_000);

	test('stops on Ctrl-C while the endpoint has not answered: exit 130, nothing written, the audio cut for sending removed', async () => {
		// An endpoint that takes the request and never answers, as a stalled gateway does.
		const sockets = new Set<Socket>();
		const silent = createServer(() => undefined);
		silent.on('connection', (socket) => sockets.add(socket));
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		const tmp = mkdtempSync(path.join(os.tmpdir(), 'songreel-align-tmp-'));
		const text = path.join(dir, 'stopped.txt');
		writeFileSync(text, 'we were never meant to fly\n');
		try {
			const child = spawn(process.execPath, [path.join(root, 'bin/songreel.js'), 'lyrics', 'align', path.join(root, 'public/demo/song.wav'), text], {
				cwd: root,
				env: {...process.env, OPENAI_BASE_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`, OPENAI_API_KEY: 'test', TMPDIR: tmp},
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let stderr = '';
			const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
			await new Promise<void>((resolve) => {
				child.stderr.on('data', (chunk: Buffer) => {
					stderr += chunk.toString();
					if (stderr.includes('transcribing')) {
						resolve();
					}
				});
			});
			// The piece is cut before it is sent: it lies in the temp folder while the request waits.
			const cut = (): string[] => readdirSync(tmp).filter((name) => name.startsWith('songreel-transcribe-'));
			expect(cut()).toHaveLength(1);
			child.kill('SIGINT');
			expect(await exited).toBe(130);
			expect(stderr).toContain('stopping: nothing is written, and the audio cut for sending is removed');
			expect(cut()).toEqual([]);
			expect(existsSync(path.join(dir, 'stopped.lrc'))).toBe(false);
		} finally {
			for (const socket of sockets) {
				socket.destroy();
			}
			await new Promise((resolve) => silent.close(resolve));
			rmSync(tmp, {recursive: true, force: true});
		}
	}, 60_000);
});
