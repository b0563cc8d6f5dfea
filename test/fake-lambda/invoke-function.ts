/**
 * One invocation of the deployed Remotion render function, in a fresh Node process as a Lambda instance runs it:
 * the parent (the fake Lambda gateway) sends the payload over IPC, this process runs Remotion's own handler
 * (`innerHandler` from @remotion/serverless with @remotion/lambda's AWS implementations) and sends every chunk the
 * handler writes back over IPC.
 *
 * What differs from @remotion/lambda's exported `handler`, and why:
 * - `handler` only runs under the real Lambda runtime (`awslambda.streamifyResponse`), so its 20-line `routine`
 *   wrapper is repeated here: same response writer, same error reply for buffered types.
 * - Its `deleteTmpDir` empties the machine's /tmp (right inside a Lambda, ruinous on a shared machine): here it
 *   empties this instance's own temporary folder ($TMPDIR) instead.
 * - Chromium is this machine's (`getChromiumPath`), not the one in Remotion's Lambda layer at /opt/bin/chromium.
 */
import {mkdir, readdir, rm} from 'node:fs/promises';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {Writable} from 'node:stream';
import type * as LambdaClient from '@remotion/lambda-client';
import type * as Serverless from '@remotion/serverless';

type Request = {readonly params: Record<string, unknown>; readonly functionArn: string; readonly requestId: string; readonly timeoutInSeconds: number; readonly chromiumPath: string};

const send = (message: unknown): Promise<void> =>
	new Promise((resolve, reject) => {
		(process.send as NonNullable<typeof process.send>)(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
	});

const run = async ({params, functionArn, requestId, timeoutInSeconds, chromiumPath}: Request): Promise<void> => {
	// @remotion/lambda exports only its client API; the function's files are loaded by path, as the deployed zip does.
	const requireLambda = createRequire(createRequire(import.meta.url).resolve('@remotion/lambda/package.json'));
	const lambdaDir = path.dirname(requireLambda.resolve('@remotion/lambda/package.json'));
	const serverless = requireLambda('@remotion/serverless') as typeof Serverless;
	const {LambdaClientInternals} = requireLambda('@remotion/lambda-client') as typeof LambdaClient;
	const {serverAwsImplementation} = requireLambda(path.join(lambdaDir, 'dist/functions/aws-server-implementation.js')) as {serverAwsImplementation: Record<string, unknown>};
	const tmpDir = os.tmpdir();
	const startedAt = Date.now();
	const responseStream = new Writable({
		write(chunk: Buffer, _encoding, callback) {
			send({type: 'chunk', data: Buffer.from(chunk).toString('base64')}).then(() => callback(), callback);
		},
	});
	const responseWriter = serverless.streamWriter(responseStream as never);
	const buffered = params.type === 'info' || params.type === 'start' || params.type === 'compositions';
	try {
		process.env.__RESERVED_IS_INSIDE_REMOTION_LAMBDA = 'true';
		await serverless.innerHandler({
			params: params as never,
			responseWriter,
			context: {requestId, expectedBucketOwner: functionArn.split(':')[4] as string, getRemainingTimeInMillis: () => timeoutInSeconds * 1000 - (Date.now() - startedAt)},
			providerSpecifics: {...LambdaClientInternals.awsImplementation, getChromiumPath: () => chromiumPath},
			insideFunctionSpecifics: {
				...serverAwsImplementation,
				deleteTmpDir: async () => {
					await mkdir(tmpDir, {recursive: true});
					await Promise.all((await readdir(tmpDir)).map((entry) => rm(path.join(tmpDir, entry), {recursive: true, force: true})));
				},
			} as never,
		});
	} catch (error) {
		if (!buffered) {
			throw error;
		}
		await responseWriter.write(new TextEncoder().encode(JSON.stringify({type: 'error', message: (error as Error).message, stack: (error as Error).stack})));
		await responseWriter.end();
	}
};

process.once('message', (request: Request) => {
	run(request).then(
		async () => {
			await send({type: 'end'});
			process.exit(0);
		},
		async (error: unknown) => {
			await send({type: 'error', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined});
			process.exit(1);
		},
	);
});
