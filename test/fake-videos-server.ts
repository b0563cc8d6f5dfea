import {readFile, rm} from 'node:fs/promises';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type {AddressInfo} from 'node:net';
import {renderProceduralClip} from '../src/generation/offline/render-procedural-clip.ts';

/** Faults the fake can inject, each for the first N matching requests. */
export type FakeFaults = {
	/** Answer create with 429 and a Retry-After, before doing anything. */
	rateLimitCreates?: number;
	/** Create the job, then answer 500: the client cannot know the job exists. */
	errorAfterCreate?: number;
	/** Prompts containing this text end as failed with a moderation error. */
	moderateWord?: string;
	/** Answer the content download with 404 (the video expired). */
	expireDownloads?: number;
	/** Send half the content and close the connection. */
	truncateDownloads?: number;
	/** Answer retrieve with 503. */
	unavailablePolls?: number;
};

type Job = {id: string; prompt: string; seconds: number; size: string; createdAt: number; model: string};

/**
 * A fake of an OpenAI-compatible `/v1/videos` API on 127.0.0.1: create (multipart, with Idempotency-Key),
 * retrieve (progress over `jobMs`), download content (a real H.264 file of the asked size and length).
 */
export const startFakeVideosServer = async ({jobMs = 300, faults = {}}: {jobMs?: number; faults?: FakeFaults} = {}) => {
	const jobs = new Map<string, Job>();
	const byIdempotencyKey = new Map<string, string>();
	const counters = {createRequests: 0, jobsCreated: 0, retrieves: 0, downloads: 0, rateLimited: 0, errorsAfterCreate: 0, expired: 0, truncated: 0, unavailable: 0};
	const clipDir = path.join(os.tmpdir(), `songreel-fake-${process.pid}-${Date.now()}`);
	const clips = new Map<string, Promise<Buffer>>();
	const clipFor = (job: Job): Promise<Buffer> => {
		const key = `${job.size}-${job.seconds}-${job.prompt}`;
		if (!clips.has(key)) {
			const [width, height] = job.size.split('x').map(Number);
			const file = path.join(clipDir, `${clips.size}.mp4`);
			clips.set(key, renderProceduralClip({prompt: job.prompt, seed: 1, width: width as number, height: height as number, fps: 30, durationInSeconds: job.seconds}, file).then(() => readFile(file)));
		}
		return clips.get(key) as Promise<Buffer>;
	};
	const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
		res.writeHead(status, {'content-type': 'application/json', ...headers});
		res.end(JSON.stringify(body));
	};
	const videoOf = (job: Job) => {
		const elapsed = Date.now() - job.createdAt;
		const moderated = faults.moderateWord !== undefined && job.prompt.includes(faults.moderateWord);
		const done = elapsed >= jobMs;
		const status = done ? (moderated ? 'failed' : 'completed') : elapsed < jobMs / 4 ? 'queued' : 'in_progress';
		return {
			id: job.id,
			object: 'video',
			model: job.model,
			status,
			progress: done ? 100 : Math.floor((elapsed / jobMs) * 100),
			created_at: Math.floor(job.createdAt / 1000),
			completed_at: done ? Math.floor(Date.now() / 1000) : null,
			expires_at: null,
			prompt: job.prompt,
			remixed_from_video_id: null,
			seconds: String(job.seconds),
			size: job.size,
			error: status === 'failed' ? {code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.'} : null,
		};
	};
	const readBody = async (req: IncomingMessage): Promise<Buffer> => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) {
			chunks.push(chunk as Buffer);
		}
		return Buffer.concat(chunks);
	};
	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		if (req.method === 'POST' && url.pathname === '/v1/videos') {
			counters.createRequests++;
			if (counters.rateLimited < (faults.rateLimitCreates ?? 0)) {
				counters.rateLimited++;
				json(res, 429, {error: {message: 'Rate limit reached', type: 'rate_limit_exceeded', code: 'rate_limit_exceeded'}}, {'retry-after-ms': '50'});
				return;
			}
			const body = await readBody(req);
			const form = await new Request('http://x', {method: 'POST', headers: {'content-type': req.headers['content-type'] ?? ''}, body: new Uint8Array(body)}).formData();
			const key = req.headers['idempotency-key'];
			const existing = typeof key === 'string' ? byIdempotencyKey.get(key) : undefined;
			let job = existing ? jobs.get(existing) : undefined;
			if (!job) {
				job = {id: `video_${counters.jobsCreated + 1}`, prompt: String(form.get('prompt')), seconds: Number(form.get('seconds') ?? 4), size: String(form.get('size') ?? '1280x720'), model: String(form.get('model') ?? 'sora-2'), createdAt: Date.now()};
				counters.jobsCreated++;
				jobs.set(job.id, job);
				if (typeof key === 'string') {
					byIdempotencyKey.set(key, job.id);
				}
				if (counters.errorsAfterCreate < (faults.errorAfterCreate ?? 0)) {
					counters.errorsAfterCreate++;
					json(res, 500, {error: {message: 'Internal error', type: 'server_error', code: null}});
					return;
				}
			}
			json(res, 200, videoOf(job));
			return;
		}
		const match = /^\/v1\/videos\/([^/]+)(\/content)?$/.exec(url.pathname);
		const job = match ? jobs.get(match[1] as string) : undefined;
		if (req.method === 'GET' && match && !match[2]) {
			counters.retrieves++;
			if (counters.unavailable < (faults.unavailablePolls ?? 0)) {
				counters.unavailable++;
				json(res, 503, {error: {message: 'Service unavailable', type: 'server_error', code: null}});
				return;
			}
			if (!job) {
				json(res, 404, {error: {message: 'No such video', type: 'invalid_request_error', code: 'not_found'}});
				return;
			}
			json(res, 200, videoOf(job));
			return;
		}
		if (req.method === 'GET' && match?.[2]) {
			counters.downloads++;
			if (!job || counters.expired < (faults.expireDownloads ?? 0)) {
				counters.expired += job ? 1 : 0;
				json(res, 404, {error: {message: 'Video content expired', type: 'invalid_request_error', code: 'not_found'}});
				return;
			}
			const bytes = await clipFor(job);
			if (counters.truncated < (faults.truncateDownloads ?? 0)) {
				counters.truncated++;
				res.writeHead(200, {'content-type': 'video/mp4', 'content-length': String(bytes.length)});
				res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
				res.destroy();
				return;
			}
			res.writeHead(200, {'content-type': 'video/mp4', 'content-length': String(bytes.length)});
			res.end(bytes);
			return;
		}
		json(res, 404, {error: {message: `no route ${req.method} ${url.pathname}`}});
	};
	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => json(res, 500, {error: {message: error.message}}));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		baseURL: `http://127.0.0.1:${port}/v1`,
		counters,
		jobs,
		close: async (): Promise<void> => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await rm(clipDir, {recursive: true, force: true});
		},
	};
};
