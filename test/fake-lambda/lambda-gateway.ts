import {type ChildProcess, fork} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {mkdir} from 'node:fs/promises';
import {createServer, type IncomingMessage, request as httpRequest, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {crc32} from 'node:zlib';
import {RUN_ID_VARIABLE} from '../../src/render/cleanup/run-folder-name.ts';
import {startWatchdog} from '../../src/render/cleanup/start-watchdog.ts';

/**
 * A front for a moto server that does what moto cannot here: invoke the Remotion render function. Lambda's Invoke
 * (RequestResponse and Event) and InvokeWithResponseStream are answered by running Remotion's handler in a fresh
 * Node process per invocation (./invoke-function.ts), after asking moto that the function exists (an unknown one gets
 * moto's 404, as from AWS). Every other request (S3, IAM, STS, CloudWatch Logs, the rest of Lambda) goes to moto
 * unchanged.
 *
 * One thing is rewritten, and only in invocation payloads: the site's address. Remotion hands its functions
 * `https://<bucket>.s3.<region>.amazonaws.com/sites/<site>/index.html`; Chromium cannot reach that from here, so the
 * functions get `http://<bucket>.localhost:<port>/sites/<site>/index.html` instead. Chromium resolves `*.localhost` to
 * this machine, and this gateway serves such requests from moto's bucket (virtual-hosted style, as S3 does), so the
 * browser reads the very files deploySite uploaded.
 */
export type LambdaGateway = {
	readonly url: string;
	readonly invocations: {readonly type: string; readonly mode: 'RequestResponse' | 'Event' | 'stream'; readonly functionName: string}[];
	/**
	 * Faults to inject, changeable while it runs: drop the connection of the next N renderer invocations before any
	 * reply (a lost reply: Remotion should retry the chunk), or have every renderer invocation ask for a composition
	 * the site does not have (a chunk that cannot render: the render should end with a fatal error), or answer the next
	 * N status checks as a function that timed out (the render goes on: the client should ask again).
	 */
	readonly faults: {dropRendererReplies: number; failRenderers: boolean; failStatusChecks: number};
	/** What the functions printed (Remotion's own logging), for a failing test to show. */
	readonly logs: () => string;
	readonly close: () => Promise<void>;
};

const encodeHeaders = (headers: Record<string, string>): Buffer =>
	Buffer.concat(
		Object.entries(headers).map(([name, value]) => {
			const nameBytes = Buffer.from(name);
			const valueBytes = Buffer.from(value);
			const head = Buffer.alloc(1 + nameBytes.length + 3);
			head.writeUInt8(nameBytes.length, 0);
			nameBytes.copy(head, 1);
			head.writeUInt8(7, 1 + nameBytes.length); // string
			head.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
			return Buffer.concat([head, valueBytes]);
		}),
	);

/** One message of AWS's event-stream encoding (prelude, headers, payload, CRCs), as InvokeWithResponseStream sends. */
export const encodeEvent = (eventType: string, contentType: string, payload: Buffer): Buffer => {
	const headers = encodeHeaders({':event-type': eventType, ':content-type': contentType, ':message-type': 'event'});
	const totalLength = 12 + headers.length + payload.length + 4;
	const prelude = Buffer.alloc(12);
	prelude.writeUInt32BE(totalLength, 0);
	prelude.writeUInt32BE(headers.length, 4);
	prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
	const withoutCrc = Buffer.concat([prelude, headers, payload]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(withoutCrc), 0);
	return Buffer.concat([withoutCrc, crc]);
};

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
	const chunks: Buffer[] = [];
	for await (const chunk of req) {
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
};

const S3_SITE_URL = /^https:\/\/([a-z0-9.-]+)\.s3\.([a-z0-9-]+)\.amazonaws\.com\//;

export const startLambdaGateway = async ({motoUrl, chromiumPath, tmpRoot, env}: {motoUrl: string; chromiumPath: string; tmpRoot: string; env: NodeJS.ProcessEnv}): Promise<LambdaGateway> => {
	const moto = new URL(motoUrl);
	const invocations: LambdaGateway['invocations'][number][] = [];
	const running = new Set<ChildProcess>();
	const logs: string[] = [];
	const faults: LambdaGateway['faults'] = {dropRendererReplies: 0, failRenderers: false, failStatusChecks: 0};
	let port = 0;

	const forward = (req: IncomingMessage, res: ServerResponse, pathname: string): void => {
		const headers = {...req.headers, host: moto.host};
		// A connection of its own per request (agent: false): moto may close an idle kept-alive one just as it is reused.
		const upstream = httpRequest({host: moto.hostname, port: moto.port, method: req.method, path: pathname, headers, agent: false}, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
			// Cut off mid-reply: so is the client, as a real connection would be, rather than waiting forever.
			answer.on('error', () => res.destroy());
		});
		upstream.on('error', (error) => {
			if (res.headersSent) {
				res.destroy();
				return;
			}
			res.writeHead(502, {'content-type': 'text/plain'});
			res.end(`moto unreachable: ${error.message}`);
		});
		req.pipe(upstream);
	};

	const askMoto = (method: string, pathname: string, headers: IncomingMessage['headers']): Promise<{status: number; body: Buffer}> =>
		new Promise((resolve, reject) => {
			const upstream = httpRequest({host: moto.hostname, port: moto.port, method, path: pathname, headers: {...headers, host: moto.host, 'content-length': '0'}, agent: false}, (answer) => {
				readBody(answer).then((body) => resolve({status: answer.statusCode ?? 502, body}), reject);
			});
			upstream.on('error', reject);
			upstream.end();
		});

	/** Runs one invocation in its own process; `onChunk` gets what the handler writes, in order. */
	const invoke = async (functionArn: string, configuration: {MemorySize?: number; Timeout?: number; FunctionName: string}, params: Record<string, unknown>, onChunk: (chunk: Buffer) => void): Promise<{error: string | null}> => {
		const requestId = randomUUID();
		const instanceTmp = path.join(tmpRoot, requestId);
		await mkdir(instanceTmp, {recursive: true});
		const region = functionArn.split(':')[3] as string;
		const child = fork(path.join(import.meta.dirname, 'invoke-function.ts'), [], {
			execArgv: ['--import', 'tsx'],
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
			env: {
				...env,
				TMPDIR: instanceTmp,
				AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
				AWS_REGION: region,
				AWS_LAMBDA_FUNCTION_NAME: configuration.FunctionName,
				AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
				AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(configuration.MemorySize ?? 2048),
				// Everything the instance starts carries this; Remotion starts its browser in a session of its own.
				[RUN_ID_VARIABLE]: `fake-lambda-${requestId}`,
			},
		});
		// However the instance ends (finished, failed, killed by close()), its browser goes with it.
		startWatchdog({pid: child.pid as number, runId: `fake-lambda-${requestId}`, folder: instanceTmp});
		running.add(child);
		const log = (chunk: Buffer): void => {
			logs.push(`[${String(params.type)} ${requestId.slice(0, 8)}] ${chunk.toString('utf8')}`);
		};
		child.stdout?.on('data', log);
		child.stderr?.on('data', log);
		try {
			return await new Promise((resolve) => {
				let error: string | null = null;
				child.on('message', (message: {type: string; data?: string; message?: string; stack?: string}) => {
					if (message.type === 'chunk') {
						onChunk(Buffer.from(message.data as string, 'base64'));
					} else if (message.type === 'error') {
						error = message.stack ?? message.message ?? 'unknown error';
					}
				});
				child.on('exit', (code) => resolve({error: error ?? (code === 0 ? null : `function process exited with code ${code}`)}));
				child.send({params, functionArn, requestId, timeoutInSeconds: configuration.Timeout ?? 120, chromiumPath});
			});
		} finally {
			// The instance is gone; its watchdog kills what it left running (the browser) and removes its folder.
			running.delete(child);
		}
	};

	const handleInvoke = async (req: IncomingMessage, res: ServerResponse, functionName: string, mode: 'RequestResponse' | 'Event' | 'stream'): Promise<void> => {
		const body = await readBody(req);
		const found = await askMoto('GET', `/2015-03-31/functions/${encodeURIComponent(functionName)}`, req.headers);
		if (found.status !== 200) {
			res.writeHead(found.status, {'content-type': 'application/json'});
			res.end(found.body);
			return;
		}
		const configuration = (JSON.parse(found.body.toString('utf8')) as {Configuration: {FunctionArn: string; FunctionName: string; MemorySize?: number; Timeout?: number}}).Configuration;
		const params = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
		if (typeof params.serveUrl === 'string') {
			params.serveUrl = params.serveUrl.replace(S3_SITE_URL, (_all, bucket: string) => `http://${bucket}.localhost:${port}/`);
		}
		invocations.push({type: String(params.type), mode, functionName: configuration.FunctionName});
		if (params.type === 'renderer' && faults.dropRendererReplies > 0) {
			faults.dropRendererReplies--;
			req.socket.destroy();
			return;
		}
		if (params.type === 'status' && faults.failStatusChecks > 0) {
			faults.failStatusChecks--;
			// What AWS answers for a function that ran out of time: HTTP 200, the error in a header and the body.
			res.writeHead(200, {'content-type': 'application/json', 'x-amz-function-error': 'Unhandled'});
			res.end(JSON.stringify({errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 10.00 seconds'}));
			return;
		}
		if (params.type === 'renderer' && faults.failRenderers) {
			// Remotion's renderer runs, but for a composition the site does not have: the page throws, as a chunk that
			// cannot be rendered does.
			params.composition = 'NotInThisSite';
		}
		if (mode === 'Event') {
			res.writeHead(202, {'content-type': 'application/json'});
			res.end();
			void invoke(configuration.FunctionArn, configuration, params, () => undefined).then(({error}) => {
				if (error) {
					logs.push(`fake Lambda: async ${String(params.type)} invocation failed: ${error}\n`);
				}
			});
			return;
		}
		if (mode === 'RequestResponse') {
			const chunks: Buffer[] = [];
			const {error} = await invoke(configuration.FunctionArn, configuration, params, (chunk) => chunks.push(chunk));
			if (error) {
				res.writeHead(200, {'content-type': 'application/json', 'x-amz-function-error': 'Unhandled'});
				res.end(JSON.stringify({errorType: 'Error', errorMessage: error}));
				return;
			}
			res.writeHead(200, {'content-type': 'application/json', 'x-amz-executed-version': '$LATEST'});
			res.end(Buffer.concat(chunks));
			return;
		}
		res.writeHead(200, {'content-type': 'application/vnd.amazon.eventstream', 'x-amz-executed-version': '$LATEST'});
		const {error} = await invoke(configuration.FunctionArn, configuration, params, (chunk) => res.write(encodeEvent('PayloadChunk', 'application/octet-stream', chunk)));
		res.end(encodeEvent('InvokeComplete', 'application/json', Buffer.from(JSON.stringify(error ? {ErrorCode: 'Unhandled', ErrorDetails: error} : {}))));
	};

	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://gateway');
		const host = (req.headers.host ?? '').split(':')[0] as string;
		if (host.endsWith('.localhost')) {
			// A browser reading the site virtual-hosted style: the bucket is the host's first label.
			forward(req, res, `/${host.slice(0, -'.localhost'.length)}${url.pathname}${url.search}`);
			return;
		}
		const invocation = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url.pathname);
		const streaming = /^\/2021-11-15\/functions\/([^/]+)\/response-streaming-invocations$/.exec(url.pathname);
		if (req.method === 'POST' && (invocation || streaming)) {
			const functionName = decodeURIComponent(((invocation ?? streaming) as RegExpExecArray)[1] as string);
			const mode = streaming ? 'stream' : req.headers['x-amz-invocation-type'] === 'Event' ? 'Event' : 'RequestResponse';
			handleInvoke(req, res, functionName, mode).catch((error: unknown) => {
				if (!res.headersSent) {
					res.writeHead(500, {'content-type': 'application/json'});
				}
				res.end(JSON.stringify({message: String(error)}));
			});
			return;
		}
		forward(req, res, `${url.pathname}${url.search}`);
	});
	// AWS's endpoints keep an idle connection open far longer than Node's default five seconds. With five, a request
	// sent on a kept-alive connection just as the server closes it meets a reset: a race of this fake, not of AWS.
	server.keepAliveTimeout = 600_000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		invocations,
		faults,
		logs: () => logs.join(''),
		close: async () => {
			for (const child of running) {
				try {
					process.kill(-(child.pid as number), 'SIGKILL');
				} catch {
					// already gone
				}
			}
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
};
