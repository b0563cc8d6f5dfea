import {randomBytes} from 'node:crypto';
import {readFile, rm} from 'node:fs/promises';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type {AddressInfo} from 'node:net';
import {renderProceduralClip} from '../src/generation/offline/render-procedural-clip.ts';

/** Faults the fake Replicate API can inject; counts are "the first N". */
export type ReplicateFaults = {
	/** Make the prediction, then destroy the socket without an answer. */
	dropCreateReplies?: number;
	/** Answer create with 429 and Retry-After: 1 (nothing made). */
	rateLimitCreates?: number;
	/** Answer create with 502 after making the prediction, as a gateway that lost the backend's answer. */
	badGatewayAfterCreate?: number;
	/** Answer a prediction's GET with 500. */
	failPolls?: number;
	/** The first download of each output answers 404 (the file is not on the CDN yet). */
	notFoundFirstDownload?: boolean;
	/** Prompts with this text fail with Replicate's "interrupted" error, once per prompt (a new prediction succeeds). */
	interruptWord?: string;
	/** Prompts with this text fail as flagged (E005: "…Please try again with different inputs."). */
	flaggedWord?: string;
	/** Prompts with this text are canceled by their creator (from the dashboard) while processing. */
	cancelWord?: string;
};

type Stored = {
	id: string;
	model: string;
	input: Record<string, unknown>;
	createdAt: number;
	/** Where this prediction ends, decided at create. */
	ends: 'succeeded' | 'interrupted' | 'flagged' | 'canceled';
	/** Made by someone else or long ago: listed, never this test's. */
	dataRemoved: boolean;
};

/** Billing per second of output as the fake charges it (Replicate's list prices for these models, without audio). */
const MODELS: Record<string, {durations: number[]; check: (input: Record<string, unknown>) => string[]; usdPerSecond: (input: Record<string, unknown>) => number; sizeOf: (input: Record<string, unknown>) => [number, number]}> = {
	'google/veo-3.1-fast': {
		durations: [4, 6, 8],
		check: (input) => [
			...(['16:9', '9:16'].includes(String(input.aspect_ratio ?? '16:9')) ? [] : [`input.aspect_ratio: aspect_ratio must be one of the following: "16:9", "9:16"`]),
			...(['720p', '1080p'].includes(String(input.resolution ?? '720p')) ? [] : [`input.resolution: resolution must be one of the following: "720p", "1080p"`]),
			...(input.image === undefined || (typeof input.image === 'string' && /^data:image\/(png|jpeg|webp);base64,/.test(input.image)) ? [] : ['input.image: Does not match format \'uri\'']),
		],
		usdPerSecond: () => 0.1,
		sizeOf: (input) => {
			const tall = input.aspect_ratio === '9:16';
			const [long, short] = input.resolution === '1080p' ? [1920, 1080] : [1280, 720];
			return tall ? [short, long] : [long, short];
		},
	},
	'kwaivgi/kling-v2.1': {
		durations: [5, 10],
		check: (input) => [
			...(typeof input.start_image === 'string' && input.start_image.startsWith('data:image/') ? [] : ['input.start_image: start_image is required']),
			...(['standard', 'pro'].includes(String(input.mode ?? 'standard')) ? [] : ['input.mode: mode must be one of the following: "standard", "pro"']),
		],
		usdPerSecond: (input) => (input.mode === 'pro' ? 0.09 : 0.05),
		sizeOf: (input) => (input.mode === 'pro' ? [1920, 1080] : [1280, 720]),
	},
};

const problem = (status: number, title: string, detail: string) => ({title, detail, status});

/**
 * A fake of Replicate's HTTP API on 127.0.0.1 as its SDK speaks it: Bearer token on every request (401 otherwise);
 * `POST /v1/models/{owner}/{name}/predictions` validates the input (422 with `detail`) and answers 201 `starting`;
 * `GET /v1/predictions/{id}` goes starting → processing → succeeded (output: a URL on this server, which wants the
 * token too), failed (with `error`) or canceled; `GET /v1/predictions` lists newest first, `pageSize` a page, with a
 * `next` cursor URL. No idempotency: every create makes (and may bill) a prediction. Each prediction that succeeds
 * bills its seconds at the model's price; failed and canceled ones bill nothing.
 */
export const startFakeReplicateServer = async ({jobMs = 300, createDelayMs = 0, pageSize = 100, token = 'r8_test', faults = {}}: {jobMs?: number; createDelayMs?: number; pageSize?: number; token?: string; faults?: ReplicateFaults} = {}) => {
	const predictions: Stored[] = [];
	const counters = {createRequests: 0, predictionsCreated: 0, gets: 0, listPages: 0, downloads: 0, notFound: 0, dropped: 0, rateLimited: 0, badGateway: 0, failedPolls: 0, unauthorized: 0, invalid: 0, abortedRequests: 0};
	const interrupted = new Set<string>();
	const downloaded = new Set<string>();
	const clipDir = path.join(os.tmpdir(), `songreel-fake-replicate-${process.pid}-${Date.now()}`);
	const clips = new Map<string, Promise<Buffer>>();
	const clipFor = (stored: Stored): Promise<Buffer> => {
		const [width, height] = (MODELS[stored.model] as (typeof MODELS)[string]).sizeOf(stored.input);
		const seconds = Number(stored.input.duration);
		const key = `${width}x${height}-${seconds}`;
		if (!clips.has(key)) {
			const file = path.join(clipDir, `${clips.size}.mp4`);
			clips.set(key, renderProceduralClip({prompt: String(stored.input.prompt), seed: 1, width, height, fps: 12, durationInSeconds: seconds}, file).then(() => readFile(file)));
		}
		return clips.get(key) as Promise<Buffer>;
	};
	let baseUrl = '';
	const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
		res.writeHead(status, {'content-type': 'application/json', ...headers});
		res.end(JSON.stringify(body));
	};
	const statusOf = (stored: Stored): 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled' => {
		const elapsed = Date.now() - stored.createdAt;
		if (elapsed < jobMs * 0.2) {
			return 'starting';
		}
		if (stored.ends === 'canceled' && elapsed >= jobMs * 0.5) {
			return 'canceled';
		}
		if (elapsed < jobMs) {
			return 'processing';
		}
		return stored.ends === 'succeeded' ? 'succeeded' : stored.ends === 'canceled' ? 'canceled' : 'failed';
	};
	const billOf = (stored: Stored): number => (statusOf(stored) === 'succeeded' ? Number(stored.input.duration) * (MODELS[stored.model] as (typeof MODELS)[string]).usdPerSecond(stored.input) : 0);
	const view = (stored: Stored) => {
		const status = statusOf(stored);
		const done = ['succeeded', 'failed', 'canceled'].includes(status);
		const iso = (ms: number): string => new Date(ms).toISOString().replace('Z', '000Z');
		const error = status !== 'failed' ? null : stored.ends === 'flagged' ? 'The input or output was flagged as sensitive. Please try again with different inputs. (E005)' : 'Prediction interrupted; please retry (code: PA)';
		return {
			id: stored.id,
			model: stored.model,
			version: 'hidden',
			input: stored.dataRemoved ? {} : stored.input,
			logs: '',
			output: status === 'succeeded' && !stored.dataRemoved ? `${baseUrl}/delivery/${stored.id}/output.mp4` : null,
			data_removed: stored.dataRemoved,
			error,
			status,
			source: 'api',
			created_at: iso(stored.createdAt),
			started_at: status === 'starting' ? null : iso(stored.createdAt + jobMs * 0.2),
			completed_at: done ? iso(stored.createdAt + jobMs) : null,
			...(done ? {metrics: {predict_time: (jobMs * 0.8) / 1000, total_time: jobMs / 1000}} : {}),
			urls: {get: `${baseUrl}/v1/predictions/${stored.id}`, cancel: `${baseUrl}/v1/predictions/${stored.id}/cancel`, web: `https://replicate.com/p/${stored.id}`},
		};
	};
	const readBody = async (req: IncomingMessage): Promise<string> => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) {
			chunks.push(chunk as Buffer);
		}
		return Buffer.concat(chunks).toString();
	};
	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		// A request the client gave up on (Ctrl-C) closes its socket before the answer is written.
		res.on('close', () => {
			if (!res.writableFinished) {
				counters.abortedRequests++;
			}
		});
		if (req.headers.authorization !== `Bearer ${token}`) {
			counters.unauthorized++;
			json(res, 401, problem(401, 'Unauthenticated', 'You did not pass a valid authentication token'));
			return;
		}
		const delivery = /^\/delivery\/([^/]+)\/output\.mp4$/.exec(url.pathname);
		if (req.method === 'GET' && delivery) {
			counters.downloads++;
			const stored = predictions.find((p) => p.id === delivery[1]);
			if (!stored || statusOf(stored) !== 'succeeded') {
				res.writeHead(404).end();
				return;
			}
			if (stored.dataRemoved) {
				res.writeHead(410).end();
				return;
			}
			if (faults.notFoundFirstDownload && !downloaded.has(stored.id)) {
				downloaded.add(stored.id);
				counters.notFound++;
				res.writeHead(404, {'content-type': 'text/plain'}).end('Not Found');
				return;
			}
			const bytes = await clipFor(stored);
			res.writeHead(200, {'content-type': 'video/mp4', 'content-length': String(bytes.length)});
			res.end(bytes);
			return;
		}
		const create = /^\/v1\/models\/([^/]+)\/([^/]+)\/predictions$/.exec(url.pathname);
		if (req.method === 'POST' && create) {
			counters.createRequests++;
			const body = await readBody(req);
			if (counters.rateLimited < (faults.rateLimitCreates ?? 0)) {
				counters.rateLimited++;
				json(res, 429, problem(429, 'Too Many Requests', 'Request was throttled. Expected available in 1 second.'), {'retry-after': '1'});
				return;
			}
			const model = `${create[1]}/${create[2]}`;
			const spec = MODELS[model];
			if (!spec) {
				json(res, 404, problem(404, 'Not found', 'The requested resource could not be found.'));
				return;
			}
			const {input} = JSON.parse(body) as {input?: Record<string, unknown>};
			const issues = input === undefined ? ['input: input is required'] : [
				...(typeof input.prompt === 'string' && input.prompt !== '' ? [] : ['input.prompt: prompt is required']),
				...(spec.durations.includes(Number(input.duration)) ? [] : [`input.duration: duration must be one of the following: ${spec.durations.join(', ')}`]),
				...spec.check(input),
			];
			if (issues.length > 0 || input === undefined) {
				counters.invalid++;
				json(res, 422, {...problem(422, 'Input validation failed', issues.map((issue) => `- ${issue}`).join('\n')), invalid_fields: issues.map((issue) => ({type: 'invalid', field: issue.split(':')[0], description: issue}))});
				return;
			}
			const prompt = String(input.prompt);
			const firstInterrupt = faults.interruptWord !== undefined && prompt.includes(faults.interruptWord) && !interrupted.has(prompt);
			if (firstInterrupt) {
				interrupted.add(prompt);
			}
			const ends = faults.flaggedWord !== undefined && prompt.includes(faults.flaggedWord) ? 'flagged' : faults.cancelWord !== undefined && prompt.includes(faults.cancelWord) ? 'canceled' : firstInterrupt ? 'interrupted' : 'succeeded';
			const stored: Stored = {id: randomBytes(13).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 26), model, input, createdAt: Date.now(), ends, dataRemoved: false};
			predictions.push(stored);
			counters.predictionsCreated++;
			await new Promise((resolve) => setTimeout(resolve, createDelayMs));
			if (counters.dropped < (faults.dropCreateReplies ?? 0)) {
				counters.dropped++;
				res.socket?.destroy();
				return;
			}
			if (counters.badGateway < (faults.badGatewayAfterCreate ?? 0)) {
				counters.badGateway++;
				res.writeHead(502, {'content-type': 'text/html'}).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
				return;
			}
			json(res, 201, view(stored));
			return;
		}
		if (req.method === 'GET' && url.pathname === '/v1/predictions') {
			counters.listPages++;
			const newestFirst = [...predictions].sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
			const offset = Number(Buffer.from(url.searchParams.get('cursor') ?? '', 'base64url').toString() || '0');
			const results = newestFirst.slice(offset, offset + pageSize).map(view);
			const cursorUrl = (at: number): string => `${baseUrl}/v1/predictions?cursor=${Buffer.from(String(at)).toString('base64url')}`;
			json(res, 200, {previous: offset > 0 ? cursorUrl(Math.max(0, offset - pageSize)) : null, next: offset + pageSize < newestFirst.length ? cursorUrl(offset + pageSize) : null, results});
			return;
		}
		const get = /^\/v1\/predictions\/([^/]+)$/.exec(url.pathname);
		if (req.method === 'GET' && get) {
			counters.gets++;
			if (counters.failedPolls < (faults.failPolls ?? 0)) {
				counters.failedPolls++;
				json(res, 500, problem(500, 'Internal Server Error', 'Internal server error'));
				return;
			}
			const stored = predictions.find((p) => p.id === get[1]);
			if (!stored) {
				json(res, 404, problem(404, 'Not found', 'The requested resource could not be found.'));
				return;
			}
			json(res, 200, view(stored));
			return;
		}
		json(res, 404, problem(404, 'Not found', `no route ${req.method} ${url.pathname}`));
	};
	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			if (!res.headersSent) {
				json(res, 500, problem(500, 'Internal Server Error', error.message));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		baseUrl: `${baseUrl}/v1`,
		counters,
		predictions,
		/** Adds a prediction made elsewhere (another project on the same account, the web playground), `agoMs` before now. */
		seed: ({model, input, agoMs, dataRemoved = false}: {model: string; input: Record<string, unknown>; agoMs: number; dataRemoved?: boolean}): void => {
			predictions.push({id: `seed${predictions.length}${randomBytes(6).toString('hex')}`, model, input, createdAt: Date.now() - agoMs, ends: 'succeeded', dataRemoved});
		},
		/** What Replicate would charge so far: succeeded predictions, their seconds at the model's price. */
		billedUsd: (): number => predictions.filter((p) => !p.id.startsWith('seed')).reduce((sum, p) => sum + billOf(p), 0),
		close: async (): Promise<void> => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await rm(clipDir, {recursive: true, force: true});
		},
	};
};
