import {execFile, spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {framePsnr} from '../src/media/frame-psnr.ts';
import {encodeWav} from '../src/media/encode-wav.ts';
import {probeVideoStream, runFfprobe} from '../src/media/remotion-ffmpeg.ts';
import {resolveBrowserExecutable} from '../src/render/resolve-browser-executable.ts';
import {type LocalAws, motoProblem, startLocalAws} from './fake-lambda/local-aws.ts';

/*
 * `songreel render --lambda` end to end against a local AWS: a moto server on 127.0.0.1 (S3, Lambda's control
 * plane, IAM, STS, CloudWatch Logs) behind ./fake-lambda/lambda-gateway.ts, which runs Remotion's own Lambda handler
 * for every invocation, since moto cannot run Lambda containers here. The CLI runs unchanged with AWS_ENDPOINT_URL
 * pointing at the gateway. What this leaves untested is listed in README, "Rendering on Remotion Lambda".
 */

const root = path.resolve(import.meta.dirname, '..');
const region = 'us-east-1';
const motoMissing = motoProblem();
if (motoMissing) {
	console.warn(`lambda-moto.test.ts skipped: ${motoMissing}`);
}

describe.skipIf(motoMissing !== null)('songreel render --lambda against moto', () => {
	const publicFolder = path.join(root, 'public/test-lambda');
	let work = '';
	let compositions = '';
	let aws: LocalAws;
	const savedEnv = {...process.env};
	const awsEnv = (): NodeJS.ProcessEnv => ({...savedEnv, ...aws.env});

	const songreel = async (...args: string[]): Promise<{code: number; stdout: string; stderr: string}> => {
		try {
			const {stdout, stderr} = await promisify(execFile)(process.execPath, [path.join(root, 'bin/songreel.js'), ...args], {cwd: root, env: awsEnv(), maxBuffer: 64 * 1024 * 1024});
			return {code: 0, stdout, stderr};
		} catch (error) {
			const failed = error as {code: number; stdout: string; stderr: string};
			return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr};
		}
	};

	// What a failing check prints, in its own message (the end of a long CI log keeps it): songreel's words and the
	// end of what the functions logged.
	const explain = (result: {stdout: string; stderr: string}): string => `songreel said:\n${result.stdout.slice(-1000)}${result.stderr.slice(-5000)}\nthe functions said, last lines:\n${aws.gateway.logs().slice(-3000)}\n`;

	beforeAll(async () => {
		work = mkdtempSync(path.join(os.tmpdir(), 'songreel-lambda-'));
		compositions = path.join(work, 'compositions.ts');
		aws = await startLocalAws({region, tmpRoot: path.join(work, 'lambda-tmp'), chromiumPath: resolveBrowserExecutable() ?? '/usr/bin/chromium-headless-shell'});
		// A one-second song and one shot at 160x90, 12 fps: 12 frames, two Lambda chunks of 6.
		mkdirSync(publicFolder, {recursive: true});
		const samples = new Float32Array(44100 * 2).map((_, i) => 0.2 * Math.sin((2 * Math.PI * 330 * Math.floor(i / 2)) / 44100));
		writeFileSync(path.join(publicFolder, 'song.wav'), encodeWav({samples, sampleRate: 44100, channels: 2}));
		writeFileSync(path.join(work, 'package.json'), '{"type": "module"}\n');
		writeFileSync(
			compositions,
			`import {defineProject} from ${JSON.stringify(path.join(root, 'src/schemas/define-project.ts'))};\n` +
				`export default defineProject({song: {audio: 'test-lambda/song.wav', tempo: {bpm: 120}, sections: [{id: 'a'}]}, videos: [{id: 'LambdaTiny', width: 160, height: 90, fps: 12, sections: {a: {shots: [{clip: 'demo/clips/crowd.mp4'}]}}}]});\n`,
		);
		// The deploy calls below use the AWS SDK in this process.
		Object.assign(process.env, awsEnv());
	});

	afterAll(async () => {
		await aws?.close();
		for (const key of Object.keys(process.env)) {
			if (!(key in savedEnv)) {
				delete process.env[key];
			}
		}
		Object.assign(process.env, savedEnv);
		if (work !== '') {
			rmSync(work, {recursive: true, force: true});
		}
		rmSync(publicFolder, {recursive: true, force: true});
	});

	test('without a deployed function it stops before bundling, and says how to deploy one', async () => {
		const [none, named] = await Promise.all([
			songreel('render', 'LambdaTiny', '--compositions', compositions, '--lambda', '--out', path.join(work, 'none.mp4')),
			songreel('render', 'LambdaTiny', '--compositions', compositions, '--lambda', '--function-name', 'remotion-render-nope', '--out', path.join(work, 'none.mp4')),
		]);
		expect(none.code).toBe(1);
		expect(none.stderr).toContain(`AWS Lambda: ${region}: no Remotion Lambda function for Remotion 4.0.527 in ${region}; deploy one with "npx remotion lambda functions deploy"`);
		expect(named.code).toBe(1);
		expect(named.stderr).toContain(`command line: --function-name: no function "remotion-render-nope" in ${region}`);
		expect(aws.gateway.invocations).toEqual([]);
		// Nothing was deployed: no site was bundled or uploaded.
		const {getSites} = await import('@remotion/lambda');
		expect((await getSites({region})).sites).toEqual([]);
	});

	test('deploys the site with public/, finds the function, renders in Lambda chunks, polls, downloads and checks the video', async () => {
		const functionName = await aws.deployRenderFunction();
		expect(functionName).toBe('remotion-render-4-0-527-mem2048mb-disk2048mb-120sec');
		const {getSites} = await import('@remotion/lambda');
		const {gateway, motoUrl} = aws;

		const out = path.join(work, 'lambda.mp4');
		// A lost reply: the first chunk's invocation loses its connection; Remotion retries that chunk.
		gateway.faults.dropRendererReplies = 1;
		// Two status checks fail as a timed-out function would: songreel asks again and follows the render to its end.
		gateway.faults.failStatusChecks = 2;
		const started = performance.now();
		const rendered = await songreel('render', 'LambdaTiny', '--compositions', compositions, '--lambda', '--frames-per-lambda', '6', '--preset', 'superfast', '--crf', '30', '--out', out);
		const wallInSeconds = (performance.now() - started) / 1000;
		expect(rendered.code, explain(rendered)).toBe(0);
		expect(rendered.stderr).not.toMatch(/Error|at .*\.js:\d+/);
		const renderId = /rendered on Lambda \((\w+)\)/.exec(rendered.stdout)?.[1];
		expect(renderId).toBeDefined();
		console.log(`Lambda render against moto: ${wallInSeconds.toFixed(1)} s wall; invocations: ${gateway.invocations.map((i) => `${i.type}/${i.mode}`).join(', ')}`);

		// Found and invoked: start (answered), launch (asynchronous), one renderer per 6 frames (streamed), progress polled.
		const kinds = gateway.invocations.map((invocation) => `${invocation.type}/${invocation.mode}`);
		expect(kinds).toContain('start/RequestResponse');
		expect(kinds.filter((kind) => kind === 'launch/Event')).toHaveLength(1);
		expect(kinds.filter((kind) => kind === 'renderer/stream')).toHaveLength(3); // two chunks, one of them twice
		expect(gateway.faults.dropRendererReplies).toBe(0);
		expect(gateway.faults.failStatusChecks).toBe(0);
		expect(kinds.filter((kind) => kind === 'status/RequestResponse').length).toBeGreaterThanOrEqual(3);
		expect(new Set(gateway.invocations.map((invocation) => invocation.functionName))).toEqual(new Set([functionName]));

		// The site is in the bucket with the project's public/ files, byte for byte.
		const {sites} = await getSites({region});
		expect(sites).toHaveLength(1);
		const site = sites[0] as (typeof sites)[0];
		expect(site.id).toBe(`songreel-${path.basename(root)}`.replace(/[^a-z0-9-]/gi, '-').toLowerCase());
		const uploaded = await fetch(`${motoUrl}/${site.bucketName}/sites/${site.id}/public/test-lambda/song.wav`);
		expect(uploaded.status).toBe(200);
		expect(Buffer.from(await uploaded.arrayBuffer()).equals(readFileSync(path.join(publicFolder, 'song.wav')))).toBe(true);
		expect((await fetch(`${motoUrl}/${site.bucketName}/renders/${renderId}/out.mp4`)).status).toBe(200);

		// The downloaded video: the right size and length, the song in it, the asked-for x264 preset and CRF.
		expect(await probeVideoStream(out, ['width', 'height', 'nb_read_frames'], ['-count_frames'])).toMatchObject({width: 160, height: 90, nb_read_frames: '12'});
		expect(await runFfprobe(['-select_streams', 'a:0', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', out])).toContain('aac');
		const x264Settings = readFileSync(out).toString('latin1');
		expect(x264Settings).toMatch(/ subme=1 /); // superfast (veryfast, the default, is subme=2)
		expect(x264Settings).toMatch(/ crf=30\.0 /);

		// The pictures: the same as a local render of the same video.
		const local = path.join(work, 'local.mp4');
		const localRender = await songreel('render', 'LambdaTiny', '--compositions', compositions, '--engine', 'remotion', '--preset', 'superfast', '--crf', '30', '--out', local);
		expect(localRender.code, explain(localRender)).toBe(0);
		const psnr = await framePsnr({a: out, b: local, width: 160, height: 90});
		expect(psnr).toHaveLength(12);
		console.log(`Lambda vs local render, PSNR per frame: ${psnr.map((value) => value.toFixed(1)).join(' ')}`);
		expect(Math.min(...psnr)).toBeGreaterThanOrEqual(35);
	}, 600_000);

	test('a render that fails in Lambda ends with its reason and where the logs are, not a stack, and writes nothing', async () => {
		// Runs after the render above (the function and site exist). Every chunk now fails in the page. This takes the
		// function's 120-second timeout, see the comment below.
		aws.gateway.faults.failRenderers = true;
		const out = path.join(work, 'failed.mp4');
		const failed = await songreel('render', 'LambdaTiny', '--compositions', compositions, '--lambda', '--frames-per-lambda', '6', '--out', out);
		aws.gateway.faults.failRenderers = false;
		expect(failed.code, explain(failed)).toBe(1);
		// Here the failed chunks are not reported early: Remotion's main function waits for them until its timeout.
		expect(failed.stderr).toMatch(/Lambda render \w+ failed: (.*NotInThisSite|The main function timed out)/);
		expect(failed.stderr).toMatch(/nothing was downloaded\. The functions' logs: https:\/\/us-east-1\.console\.aws\.amazon\.com\//);
		expect(failed.stderr).not.toContain('this is a bug in songreel');
		expect(existsSync(out)).toBe(false);
	}, 400_000);

	test('Ctrl-C while it renders cancels the render in AWS (the cancellation file its functions look for), downloads nothing and exits 130', async () => {
		const out = path.join(work, 'cancelled.mp4');
		const child = spawn(process.execPath, [path.join(root, 'bin/songreel.js'), 'render', 'LambdaTiny', '--compositions', compositions, '--lambda', '--frames-per-lambda', '6', '--out', out], {cwd: root, env: awsEnv()});
		const said = {stdout: '', stderr: ''};
		// Ctrl-C once the render has started: the first progress line of its rendering phase.
		const interrupt = (): void => {
			if (!child.killed && /on Lambda, rendering/.test(said.stdout + said.stderr)) {
				child.kill('SIGINT');
			}
		};
		child.stdout.on('data', (chunk: Buffer) => {
			said.stdout += chunk.toString();
			interrupt();
		});
		child.stderr.on('data', (chunk: Buffer) => {
			said.stderr += chunk.toString();
			interrupt();
		});
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		expect(code, explain(said)).toBe(130);
		expect(said.stderr).toContain('stopping: cancelling the Lambda render (its functions stop within seconds); nothing is downloaded');
		expect(said.stderr).toContain('render cancelled; no output written');
		expect(existsSync(out)).toBe(false);
		// The signal Remotion's renderer functions poll for, written for this render (the only cancelled one).
		const {getSites} = await import('@remotion/lambda');
		const [site] = (await getSites({region})).sites;
		const listing = await (await fetch(`${aws.motoUrl}/${site?.bucketName}?list-type=2&prefix=renders/`)).text();
		expect(listing.match(/renders\/\w+\/cancel\.json/g)).toHaveLength(1);
	}, 300_000);
});
