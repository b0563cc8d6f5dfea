import {randomUUID} from 'node:crypto';
import {readFile, rm} from 'node:fs/promises';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type {AddressInfo} from 'node:net';
import {renderProceduralClip} from '../src/generation/offline/render-procedural-clip.ts';

/** Faults the fake Runway API can inject. */
export type RunwayFaults = {
	/** Create the task, then drop the connection without an answer. */
	resetAfterCreate?: number;
	/** Answer create with 429 first. */
	rateLimitCreates?: number;
	/** Prompts containing this text fail with SAFETY.INPUT.TEXT (no credits charged). */
	unsafeWord?: string;
	/** The first N tasks fail with INTERNAL.BAD_OUTPUT.CODE01 ("please try again"), credits charged. */
	internalErrorTasks?: number;
	/** The first download of every output URL answers 403, as an expired signature does. */
	expireFirstOutputUrl?: boolean;
};

type Task = {id: string; model: string; promptText: string; ratio: string; duration: number; endpoint: string; promptImage: string | null; createdAt: number; fails: 'internal' | 'safety' | null};

/** Lengths and ratios the fake accepts per model, as Runway validates them (a 400 with the issues otherwise). */
const MODELS: Record<string, {durations: number[]; ratios: string[]}> = {
	'gen4.5': {durations: [2, 3, 4, 5, 6, 7, 8, 9, 10], ratios: ['1280:720', '720:1280']},
	'veo3.1': {durations: [4, 6, 8], ratios: ['1280:720', '720:1280', '1080:1920', '1920:1080']},
};

/**
 * A fake of Runway's API on 127.0.0.1 as its SDK speaks it: POST /v1/text_to_video and /v1/image_to_video (JSON,
 * Bearer key, X-Runway-Version required), GET /v1/tasks/{id} going THROTTLED → PENDING → RUNNING (progress 0–1) →
 * SUCCEEDED with short-lived signed output URLs and the cost in credits, or FAILED with a failure code. It keeps no
 * idempotency and has no way to list tasks, as the real one.
 */
export const startFakeRunwayServer = async ({jobMs = 300, createDelayMs = 0, creditsPerSecond = 10, apiKey = 'runway-key', faults = {}}: {jobMs?: number; createDelayMs?: number; creditsPerSecond?: number; apiKey?: string; faults?: RunwayFaults} = {}) => {
	const tasks = new Map<string, Task>();
	const counters = {creates: 0, tasksCreated: 0, retrieves: 0, downloads: 0, expiredUrls: 0, resets: 0, rateLimited: 0, unauthorized: 0, badVersion: 0, internalErrors: 0};
	const firstUrlUsed = new Set<string>();
	const clipDir = path.join(os.tmpdir(), `songreel-fake-runway-${process.pid}-${Date.now()}`);
	const clips = new Map<string, Promise<Buffer>>();
	const clipFor = (task: Task): Promise<Buffer> => {
		const [width, height] = task.ratio.split(':').map(Number);
		const key = `${task.ratio}-${task.duration}-${task.promptText}`;
		if (!clips.has(key)) {
			const file = path.join(clipDir, `${clips.size}.mp4`);
			clips.set(key, renderProceduralClip({prompt: task.promptText, seed: 1, width: width as number, height: height as number, fps: 24, durationInSeconds: task.duration}, file).then(() => readFile(file)));
		}
		return clips.get(key) as Promise<Buffer>;
	};
	let baseUrl = '';
	const json = (res: ServerResponse, status: number, body: unknown): void => {
		res.writeHead(status, {'content-type': 'application/json'});
		res.end(JSON.stringify(body));
	};
	const costOf = (task: Task): number => (task.fails === 'safety' ? 0 : task.duration * creditsPerSecond);
	const view = (task: Task) => {
		const elapsed = Date.now() - task.createdAt;
		const createdAt = new Date(task.createdAt).toISOString();
		if (elapsed < jobMs * 0.1) {
			return {id: task.id, createdAt, status: 'THROTTLED', estimatedCost: {credits: costOf(task)}};
		}
		if (elapsed < jobMs * 0.25) {
			return {id: task.id, createdAt, status: 'PENDING', estimatedCost: {credits: costOf(task)}};
		}
		if (elapsed < jobMs) {
			return {id: task.id, createdAt, status: 'RUNNING', progress: Math.round((elapsed / jobMs) * 100) / 100, estimatedCost: {credits: costOf(task)}};
		}
		if (task.fails === 'safety') {
			return {id: task.id, createdAt, status: 'FAILED', failure: 'The prompt did not pass our content moderation.', failureCode: 'SAFETY.INPUT.TEXT', cost: {credits: 0}};
		}
		if (task.fails === 'internal') {
			return {id: task.id, createdAt, status: 'FAILED', failure: 'An unexpected error occurred. Please try again.', failureCode: 'INTERNAL.BAD_OUTPUT.CODE01', cost: {credits: costOf(task)}};
		}
		// Each retrieve signs a fresh URL, valid for a while.
		return {id: task.id, createdAt, status: 'SUCCEEDED', output: [`${baseUrl}/outputs/${task.id}.mp4?sig=${randomUUID()}`], cost: {credits: costOf(task)}};
	};
	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		if (url.pathname.startsWith('/outputs/')) {
			counters.downloads++;
			const sig = url.searchParams.get('sig') ?? '';
			const task = tasks.get(url.pathname.slice('/outputs/'.length).replace(/\.mp4$/, ''));
			if (!task) {
				res.writeHead(404).end();
				return;
			}
			if (faults.expireFirstOutputUrl && !firstUrlUsed.has(task.id)) {
				firstUrlUsed.add(task.id);
				counters.expiredUrls++;
				res.writeHead(403, {'content-type': 'application/xml'}).end(`<Error><Code>AccessDenied</Code><Message>Request has expired</Message><Sig>${sig}</Sig></Error>`);
				return;
			}
			const bytes = await clipFor(task);
			res.writeHead(200, {'content-type': 'video/mp4', 'content-length': String(bytes.length)});
			res.end(bytes);
			return;
		}
		if (req.headers.authorization !== `Bearer ${apiKey}`) {
			counters.unauthorized++;
			json(res, 401, {error: 'Incorrect API key provided.'});
			return;
		}
		if (req.headers['x-runway-version'] !== '2024-11-06') {
			counters.badVersion++;
			json(res, 400, {error: 'You must provide a valid X-Runway-Version header.'});
			return;
		}
		if (req.method === 'POST' && (url.pathname === '/v1/text_to_video' || url.pathname === '/v1/image_to_video')) {
			counters.creates++;
			if (counters.rateLimited < (faults.rateLimitCreates ?? 0)) {
				counters.rateLimited++;
				json(res, 429, {error: 'You have exceeded the rate limit.'});
				return;
			}
			const chunks: Buffer[] = [];
			for await (const chunk of req) {
				chunks.push(chunk as Buffer);
			}
			const body = JSON.parse(Buffer.concat(chunks).toString()) as {model: string; promptText: string; ratio: string; duration: number; promptImage?: string};
			const model = MODELS[body.model];
			const issues = [
				...(model ? [] : [`model: Invalid enum value '${body.model}'`]),
				...(model && !model.durations.includes(body.duration) ? [`duration: must be one of ${model.durations.join(', ')}`] : []),
				...(model && !model.ratios.includes(body.ratio) ? [`ratio: Invalid enum value '${body.ratio}'`] : []),
				...(url.pathname === '/v1/image_to_video' && !body.promptImage?.startsWith('data:image/') ? ['promptImage: expected an HTTPS URL or a data URI'] : []),
			];
			if (issues.length > 0) {
				json(res, 400, {error: `Validation of body failed: ${issues.join('; ')}`, issues});
				return;
			}
			const unsafe = faults.unsafeWord !== undefined && body.promptText.includes(faults.unsafeWord);
			const internal = !unsafe && counters.internalErrors < (faults.internalErrorTasks ?? 0);
			counters.internalErrors += internal ? 1 : 0;
			const task: Task = {id: randomUUID(), model: body.model, promptText: body.promptText, ratio: body.ratio, duration: body.duration, endpoint: url.pathname, promptImage: body.promptImage ?? null, createdAt: Date.now(), fails: unsafe ? 'safety' : internal ? 'internal' : null};
			tasks.set(task.id, task);
			counters.tasksCreated++;
			await new Promise((resolve) => setTimeout(resolve, createDelayMs));
			if (counters.resets < (faults.resetAfterCreate ?? 0)) {
				counters.resets++;
				res.socket?.destroy();
				return;
			}
			json(res, 200, {id: task.id, estimatedCost: {credits: costOf(task)}});
			return;
		}
		const match = /^\/v1\/tasks\/([^/]+)$/.exec(url.pathname);
		if (req.method === 'GET' && match) {
			counters.retrieves++;
			const task = tasks.get(match[1] as string);
			if (!task) {
				json(res, 404, {error: 'Task not found.'});
				return;
			}
			json(res, 200, view(task));
			return;
		}
		json(res, 404, {error: `no route ${req.method} ${url.pathname}`});
	};
	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => json(res, 500, {error: error.message}));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		baseURL: baseUrl,
		counters,
		tasks,
		/** Credits charged so far: finished tasks and tasks that failed inside Runway; refused ones are free. */
		billedCredits: (): number => [...tasks.values()].filter((task) => Date.now() - task.createdAt >= jobMs).reduce((sum, task) => sum + costOf(task), 0),
		close: async (): Promise<void> => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await rm(clipDir, {recursive: true, force: true});
		},
	};
};
