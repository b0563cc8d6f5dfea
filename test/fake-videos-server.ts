import {readFile, rm} from 'node:fs/promises';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type {AddressInfo} from 'node:net';
import {renderProceduralClip} from '../src/generation/offline/render-procedural-clip.ts';
import {seededRandom as seeded} from '../scripts/bench/seeded-random.ts';

/** Faults the fake can inject, each for the first N matching requests unless said otherwise. */
export type FakeFaults = {
	/** Answer create with 429 and a Retry-After, before doing anything. */
	rateLimitCreates?: number;
	/** Create the job, then answer 500: the client cannot know the job exists. */
	errorAfterCreate?: number;
	/** Create the job, then drop the connection without an answer. */
	resetAfterCreate?: number;
	/** Of all creates, this share (0–1, seeded) loses its answer after the job was made (500 or a reset). */
	loseCreateReplyRate?: number;
	/** Prompts containing this text end as failed with a moderation error (not billed). */
	moderateWord?: string;
	/** The first N jobs fail with internal_error ("try again"), billed like a finished job. */
	internalErrorJobs?: number;
	/** Answer the content download with 404 (what a CDN hiccup or a not-yet-replicated file looks like). */
	notFoundDownloads?: number;
	/** Answer the content download with 410: the video expired, for good. */
	goneDownloads?: number;
	/** Send half the content and close the connection. */
	truncateDownloads?: number;
	/** Answer retrieve with 503. */
	unavailablePolls?: number;
	/** Answer retrieve with 429 and this Retry-After in seconds (for the first `rateLimitPolls`). */
	rateLimitPolls?: number;
	retryAfterSeconds?: number;
	/** Answer create with 400 when the prompt contains this text. */
	badRequestWord?: string;
};

type Job = {id: string; prompt: string; seconds: number; size: string; createdAt: number; model: string; fails: 'internal_error' | null; project: 'test' | 'other'; inputReference?: {type: string; bytes: Buffer} | null};

/** A job the fake knew before the test (another project of the same account): same prompts, older. */
export type SeedJob = {prompt: string; seconds: number; size: string; model: string; ageInSeconds: number};


/**
 * A fake of OpenAI's `/v1/videos` on 127.0.0.1, as hostile as a real gateway: it ignores Idempotency-Key
 * (OpenAI documents none for videos) unless told otherwise, answers creates after `createDelayMs` (the job
 * exists from the moment the request arrives, so a client killed while waiting has paid for it), can lose
 * create answers, lists jobs newest first in small pages (`after` cursor, `has_more`), bills finished jobs
 * and jobs that failed inside the service, and serves real H.264 files of the asked size and length.
 */
export const startFakeVideosServer = async ({
	jobMs = 300,
	createDelayMs = 0,
	faults = {},
	honoursIdempotencyKey = false,
	pricePerSecondUsd = 0.5,
	apiKey = null as string | null,
	maxPageSize = 100,
	seedJobs = [] as readonly SeedJob[],
	seed = 1,
}: {
	jobMs?: number;
	createDelayMs?: number;
	faults?: FakeFaults;
	honoursIdempotencyKey?: boolean;
	pricePerSecondUsd?: number;
	apiKey?: string | null;
	maxPageSize?: number;
	seedJobs?: readonly SeedJob[];
	seed?: number;
} = {}) => {
	const jobs = new Map<string, Job>();
	const byIdempotencyKey = new Map<string, string>();
	const random = seeded(seed);
	const counters = {createRequests: 0, jobsCreated: 0, retrieves: 0, lists: 0, downloads: 0, rateLimited: 0, errorsAfterCreate: 0, resetsAfterCreate: 0, lostReplies: 0, notFound: 0, gone: 0, truncated: 0, unavailable: 0, pollsRateLimited: 0, unauthorized: 0, badRequests: 0, internalErrors: 0};
	/** Creates whose job exists and whose answer has not been sent yet: the window a kill test aims at. */
	let repliesPending = 0;
	let sequence = 0;
	const state = {apiKey};
	const clipDir = path.join(os.tmpdir(), `songreel-fake-${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`);
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
	for (const decoy of seedJobs) {
		const id = `video_other_${++sequence}`;
		jobs.set(id, {id, prompt: decoy.prompt, seconds: decoy.seconds, size: decoy.size, model: decoy.model, createdAt: Date.now() - decoy.ageInSeconds * 1000, fails: null, project: 'other'});
	}
	const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
		res.writeHead(status, {'content-type': 'application/json', ...headers});
		res.end(JSON.stringify(body));
	};
	const moderated = (job: Job): boolean => faults.moderateWord !== undefined && job.prompt.includes(faults.moderateWord);
	const stateOf = (job: Job, now = Date.now()): 'queued' | 'in_progress' | 'completed' | 'failed' => {
		const elapsed = now - job.createdAt;
		if (elapsed >= jobMs) {
			return moderated(job) || job.fails !== null ? 'failed' : 'completed';
		}
		return elapsed < jobMs / 4 ? 'queued' : 'in_progress';
	};
	const videoOf = (job: Job) => {
		const status = stateOf(job);
		const done = status === 'completed' || status === 'failed';
		return {
			id: job.id,
			object: 'video',
			model: job.model,
			status,
			progress: done ? 100 : Math.floor(((Date.now() - job.createdAt) / jobMs) * 100),
			created_at: Math.floor(job.createdAt / 1000),
			completed_at: done ? Math.floor((job.createdAt + jobMs) / 1000) : null,
			expires_at: done ? Math.floor((job.createdAt + jobMs) / 1000) + 3600 : null,
			prompt: job.prompt,
			remixed_from_video_id: null,
			seconds: String(job.seconds),
			size: job.size,
			error:
				status !== 'failed'
					? null
					: moderated(job)
						? {code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.'}
						: {code: 'internal_error', message: 'The video could not be generated because of an internal error. Please try again.'},
		};
	};
	const readBody = async (req: IncomingMessage): Promise<Buffer> => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) {
			chunks.push(chunk as Buffer);
		}
		return Buffer.concat(chunks);
	};
	// The image a create starts from (`input_reference`, a file part), kept so tests can see what was sent.
	const inputReferenceOf = async (part: FormDataEntryValue | null): Promise<{type: string; bytes: Buffer} | null> =>
		part !== null && typeof part !== 'string' ? {type: part.type, bytes: Buffer.from(await part.arrayBuffer())} : null;
	const createJob = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		counters.createRequests++;
		if (counters.rateLimited < (faults.rateLimitCreates ?? 0)) {
			counters.rateLimited++;
			const seconds = faults.retryAfterSeconds ?? 0.05;
			json(res, 429, {error: {message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded'}}, {'retry-after': String(seconds)});
			return;
		}
		const body = await readBody(req);
		const form = await new Request('http://x', {method: 'POST', headers: {'content-type': req.headers['content-type'] ?? ''}, body: new Uint8Array(body)}).formData();
		const prompt = String(form.get('prompt'));
		if (faults.badRequestWord !== undefined && prompt.includes(faults.badRequestWord)) {
			counters.badRequests++;
			json(res, 400, {error: {message: "Invalid value for 'size': the model does not support this size.", type: 'invalid_request_error', param: 'size', code: 'invalid_value'}});
			return;
		}
		const key = req.headers['idempotency-key'];
		const existing = honoursIdempotencyKey && typeof key === 'string' ? byIdempotencyKey.get(key) : undefined;
		let job = existing ? jobs.get(existing) : undefined;
		if (!job) {
			counters.jobsCreated++;
			job = {
				id: `video_${String(++sequence).padStart(4, '0')}${Math.floor(random() * 1e6).toString(36)}`,
				prompt,
				seconds: Number(form.get('seconds') ?? 4),
				size: String(form.get('size') ?? '720x1280'),
				model: String(form.get('model') ?? 'sora-2'),
				createdAt: Date.now(),
				fails: counters.internalErrors < (faults.internalErrorJobs ?? 0) ? 'internal_error' : null,
				project: 'test',
				inputReference: await inputReferenceOf(form.get('input_reference')),
			};
			if (job.fails) {
				counters.internalErrors++;
			}
			jobs.set(job.id, job);
			if (typeof key === 'string') {
				byIdempotencyKey.set(key, job.id);
			}
		}
		// The job exists (and will be billed) from here on, whatever happens to the answer.
		repliesPending++;
		try {
			if (createDelayMs > 0) {
				await new Promise((resolve) => setTimeout(resolve, createDelayMs));
			}
			const lose = (faults.loseCreateReplyRate ?? 0) > 0 && random() < (faults.loseCreateReplyRate as number);
			if (counters.errorsAfterCreate < (faults.errorAfterCreate ?? 0) || (lose && random() < 0.5)) {
				counters.errorsAfterCreate++;
				counters.lostReplies++;
				json(res, 500, {error: {message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null}});
				return;
			}
			if (counters.resetsAfterCreate < (faults.resetAfterCreate ?? 0) || lose) {
				counters.resetsAfterCreate++;
				counters.lostReplies++;
				res.socket?.destroy();
				return;
			}
			json(res, 200, videoOf(job));
		} finally {
			repliesPending--;
		}
	};
	// OpenAI's list: newest first by default, `limit` (1–100, default 20), `after` (a video id), `has_more`.
	const listJobs = (url: URL, res: ServerResponse): void => {
		counters.lists++;
		const order = url.searchParams.get('order') === 'asc' ? 'asc' : 'desc';
		const limit = Math.min(maxPageSize, Math.max(1, Number(url.searchParams.get('limit') ?? 20)));
		const sorted = [...jobs.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
		if (order === 'desc') {
			sorted.reverse();
		}
		const after = url.searchParams.get('after');
		const start = after === null ? 0 : sorted.findIndex((job) => job.id === after) + 1;
		if (after !== null && start === 0) {
			json(res, 400, {error: {message: `Invalid 'after': no video ${after}`, type: 'invalid_request_error', param: 'after', code: null}});
			return;
		}
		const page = sorted.slice(start, start + limit);
		json(res, 200, {object: 'list', data: page.map(videoOf), first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null, has_more: start + limit < sorted.length});
	};
	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		if (state.apiKey !== null && req.headers.authorization !== `Bearer ${state.apiKey}`) {
			counters.unauthorized++;
			json(res, 401, {error: {message: 'Incorrect API key provided: wr***ey. You can find your API key at https://platform.openai.com/account/api-keys.', type: 'invalid_request_error', param: null, code: 'invalid_api_key'}});
			return;
		}
		if (req.method === 'POST' && url.pathname === '/v1/videos') {
			await createJob(req, res);
			return;
		}
		if (req.method === 'GET' && url.pathname === '/v1/videos') {
			listJobs(url, res);
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
			if (counters.pollsRateLimited < (faults.rateLimitPolls ?? 0)) {
				counters.pollsRateLimited++;
				json(res, 429, {error: {message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded'}}, {'retry-after': String(faults.retryAfterSeconds ?? 0.05)});
				return;
			}
			if (!job) {
				json(res, 404, {error: {message: 'Video not found', type: 'invalid_request_error', code: 'not_found'}});
				return;
			}
			json(res, 200, videoOf(job));
			return;
		}
		if (req.method === 'GET' && match?.[2]) {
			counters.downloads++;
			if (job && counters.gone < (faults.goneDownloads ?? 0)) {
				counters.gone++;
				json(res, 410, {error: {message: 'Video content has expired and is no longer available.', type: 'invalid_request_error', code: 'video_expired'}});
				return;
			}
			if (!job || counters.notFound < (faults.notFoundDownloads ?? 0)) {
				counters.notFound += job ? 1 : 0;
				json(res, 404, {error: {message: 'Video content not found', type: 'invalid_request_error', code: 'not_found'}});
				return;
			}
			if (stateOf(job) !== 'completed') {
				json(res, 400, {error: {message: 'Video is not ready', type: 'invalid_request_error', code: null}});
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
		handle(req, res).catch((error: Error) => {
			if (!res.headersSent) {
				json(res, 500, {error: {message: error.message}});
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	const testJobs = (): Job[] => [...jobs.values()].filter((job) => job.project === 'test');
	return {
		baseURL: `http://127.0.0.1:${port}/v1`,
		counters,
		jobs,
		/** Ids of the jobs this test's client made (decoys excluded). */
		jobIds: (): string[] => testJobs().map((job) => job.id),
		repliesPending: (): number => repliesPending,
		/** What the service has billed so far: finished jobs and jobs that failed inside it; moderated jobs are free. */
		billedUsd: (): number => testJobs().reduce((sum, job) => sum + (stateOf(job) === 'completed' || (stateOf(job) === 'failed' && !moderated(job)) ? job.seconds * pricePerSecondUsd : 0), 0),
		setApiKey: (key: string | null): void => {
			state.apiKey = key;
		},
		close: async (): Promise<void> => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await rm(clipDir, {recursive: true, force: true});
		},
	};
};
