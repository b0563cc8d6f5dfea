import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
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
		expect(requests).toEqual([{model: 'whisper-1', format: 'verbose_json', granularity: 'word', fileBytes: readFileSync(path.join(root, 'public/demo/song.wav')).length}]);
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
});
