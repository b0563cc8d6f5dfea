import {readFile, rm} from 'node:fs/promises';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {renderProceduralClip} from '../src/generation/offline/render-procedural-clip.ts';

/** Faults the fake Gemini API can inject, each for the first N matching requests. */
export type FakeVeoFaults = {
	/** Answer the create with 429 RESOURCE_EXHAUSTED before starting anything. */
	rateLimitCreates?: number;
	/** Start the operation, then answer 500: the client cannot know it exists. */
	errorAfterCreate?: number;
	/** Answer an operation poll with 503 UNAVAILABLE. */
	unavailablePolls?: number;
	/** Answer the file download with 404 (not there yet). */
	notFoundDownloads?: number;
	/** Send half the file and close the connection. */
	truncateDownloads?: number;
	/** Prompts with this text end done, with no video, filtered for safety. */
	filterWord?: string;
	/** The first N operations end done with error INTERNAL. */
	internalErrorOperations?: number;
};

type Operation = {name: string; model: string; prompt: string; seconds: number; aspectRatio: string; resolution: string; image: {bytes: Buffer; mimeType: string} | null; createdAt: number; fileId: string; fails: boolean};

const SIZES: Record<string, [number, number]> = {'16:9/720p': [1280, 720], '9:16/720p': [720, 1280], '16:9/1080p': [1920, 1080], '9:16/1080p': [1080, 1920]};

/**
 * A fake of the Gemini API's Veo endpoints on 127.0.0.1: `POST /v1beta/models/{model}:predictLongRunning` starts an
 * operation (the key in `x-goog-api-key`), `GET /v1beta/{operation}` reports it (`done`, `metadata.progressPercent`,
 * `response.generateVideoResponse.generatedSamples[].video.uri` or `raiMediaFilteredReasons`, or `error`), and
 * `GET /v1beta/files/{id}:download?alt=media` serves the MP4. Errors come as Google's JSON error body. Hostile: it
 * can lose a create's answer after starting the operation, rate-limit, fail polls and downloads, filter prompts.
 */
export const startFakeVeoServer = async ({jobMs = 300, faults = {}, apiKey = 'veo-key'}: {jobMs?: number; faults?: FakeVeoFaults; apiKey?: string} = {}) => {
	const operations = new Map<string, Operation>();
	const counters = {truncated: 0, creates: 0, operationsStarted: 0, polls: 0, downloads: 0, rateLimited: 0, errorsAfterCreate: 0, unavailable: 0, notFound: 0, internalErrors: 0, unauthorized: 0};
	let sequence = 0;
	const clipDir = path.join(os.tmpdir(), `songreel-fake-veo-${process.pid}-${Date.now()}`);
	const clips = new Map<string, Promise<Buffer>>();
	const sizeOf = (op: Operation): [number, number] => SIZES[`${op.aspectRatio}/${op.resolution}`] ?? [1280, 720];
	const clipFor = (op: Operation): Promise<Buffer> => {
		if (!clips.has(op.fileId)) {
			const [width, height] = sizeOf(op);
			const file = path.join(clipDir, `${op.fileId}.mp4`);
			clips.set(op.fileId, renderProceduralClip({prompt: op.prompt, seed: 1, width, height, fps: 24, durationInSeconds: op.seconds}, file).then(() => readFile(file)));
		}
		return clips.get(op.fileId) as Promise<Buffer>;
	};
	const json = (res: ServerResponse, status: number, body: unknown): void => {
		res.writeHead(status, {'content-type': 'application/json'});
		res.end(JSON.stringify(body));
	};
	const googleError = (res: ServerResponse, status: number, reason: string, message: string): void => json(res, status, {error: {code: status, message, status: reason}});
	const readBody = async (req: IncomingMessage): Promise<string> => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) {
			chunks.push(chunk as Buffer);
		}
		return Buffer.concat(chunks).toString('utf8');
	};
	const filtered = (op: Operation): boolean => faults.filterWord !== undefined && op.prompt.includes(faults.filterWord);
	const operationJson = (op: Operation): unknown => {
		const elapsed = Date.now() - op.createdAt;
		if (elapsed < jobMs) {
			return {name: op.name, metadata: {'@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningMetadata', progressPercent: Math.floor((elapsed / jobMs) * 100)}};
		}
		if (op.fails) {
			return {name: op.name, done: true, error: {code: 13, message: 'Video generation failed due to an internal error. Please try again.', status: 'INTERNAL'}};
		}
		if (filtered(op)) {
			return {name: op.name, done: true, response: {'@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse', generateVideoResponse: {raiMediaFilteredCount: 1, raiMediaFilteredReasons: ['The prompt could not be used because it may violate our policies.']}}};
		}
		return {
			name: op.name,
			done: true,
			response: {
				'@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
				generateVideoResponse: {generatedSamples: [{video: {uri: `https://generativelanguage.googleapis.com/v1beta/files/${op.fileId}:download?alt=media`}}]},
			},
		};
	};
	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		if (req.headers['x-goog-api-key'] !== apiKey) {
			counters.unauthorized++;
			googleError(res, 400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.');
			return;
		}
		const create = /^\/v1beta\/models\/([^/:]+):predictLongRunning$/.exec(url.pathname);
		if (req.method === 'POST' && create) {
			counters.creates++;
			if (counters.rateLimited < (faults.rateLimitCreates ?? 0)) {
				counters.rateLimited++;
				googleError(res, 429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.');
				return;
			}
			const body = JSON.parse(await readBody(req)) as {instances?: {prompt?: string; image?: {bytesBase64Encoded?: string; mimeType?: string}}[]; parameters?: {durationSeconds?: number; aspectRatio?: string; resolution?: string; sampleCount?: number}};
			const instance = body.instances?.[0];
			const seconds = body.parameters?.durationSeconds ?? 8;
			if (!instance?.prompt || ![4, 5, 6, 7, 8].includes(seconds)) {
				googleError(res, 400, 'INVALID_ARGUMENT', `Invalid request: durationSeconds ${seconds} is not supported, or the prompt is missing.`);
				return;
			}
			counters.operationsStarted++;
			const id = `op${String(++sequence).padStart(4, '0')}`;
			const op: Operation = {
				name: `models/${create[1]}/operations/${id}`,
				model: create[1] as string,
				prompt: instance.prompt,
				seconds,
				aspectRatio: body.parameters?.aspectRatio ?? '16:9',
				resolution: body.parameters?.resolution ?? '720p',
				image: instance.image?.bytesBase64Encoded ? {bytes: Buffer.from(instance.image.bytesBase64Encoded, 'base64'), mimeType: instance.image.mimeType ?? ''} : null,
				createdAt: Date.now(),
				fileId: `vid${sequence}x${Math.floor(Math.random() * 1e6).toString(36)}`,
				fails: counters.internalErrors < (faults.internalErrorOperations ?? 0),
			};
			if (op.fails) {
				counters.internalErrors++;
			}
			operations.set(op.name, op);
			if (counters.errorsAfterCreate < (faults.errorAfterCreate ?? 0)) {
				counters.errorsAfterCreate++;
				googleError(res, 500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
				return;
			}
			json(res, 200, {name: op.name});
			return;
		}
		const poll = /^\/v1beta\/(models\/[^/]+\/operations\/[^/]+)$/.exec(url.pathname);
		if (req.method === 'GET' && poll) {
			counters.polls++;
			if (counters.unavailable < (faults.unavailablePolls ?? 0)) {
				counters.unavailable++;
				googleError(res, 503, 'UNAVAILABLE', 'The service is currently unavailable.');
				return;
			}
			const op = operations.get(poll[1] as string);
			if (!op) {
				googleError(res, 404, 'NOT_FOUND', `Operation ${poll[1]} not found.`);
				return;
			}
			json(res, 200, operationJson(op));
			return;
		}
		const download = /^\/v1beta\/files\/([a-z0-9]+):download$/.exec(url.pathname);
		if (req.method === 'GET' && download && url.searchParams.get('alt') === 'media') {
			counters.downloads++;
			const op = [...operations.values()].find((o) => o.fileId === download[1]);
			if (!op || counters.notFound < (faults.notFoundDownloads ?? 0)) {
				counters.notFound += op ? 1 : 0;
				googleError(res, 404, 'NOT_FOUND', 'File not found.');
				return;
			}
			const bytes = await clipFor(op);
			res.writeHead(200, {'content-type': 'video/mp4', 'content-length': String(bytes.length)});
			if (counters.truncated < (faults.truncateDownloads ?? 0)) {
				counters.truncated++;
				res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
				res.destroy();
				return;
			}
			res.end(bytes);
			return;
		}
		googleError(res, 404, 'NOT_FOUND', `no route ${req.method} ${url.pathname}`);
	};
	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			if (!res.headersSent) {
				googleError(res, 500, 'INTERNAL', error.message);
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		baseURL: `http://127.0.0.1:${port}`,
		counters,
		operations,
		close: async (): Promise<void> => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await rm(clipDir, {recursive: true, force: true});
		},
	};
};
