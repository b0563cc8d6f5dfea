import {describe, expect, test} from 'vitest';
import {RENDER_COMPOSITION} from '../remotion/composition-ids.ts';
import {LambdaRenderFailedError, LambdaRenderLostError, lambdaFunctionProblem, lambdaRenderRequest, lambdaSetupProblems} from './lambda-settings.ts';

describe('lambdaSetupProblems', () => {
	test('names the missing credentials and region, with what to set', () => {
		const problems = lambdaSetupProblems({}, null);
		expect(problems.map((problem) => problem.path)).toEqual(['REMOTION_AWS_ACCESS_KEY_ID', 'REMOTION_AWS_REGION']);
		expect(problems[0]?.fix).toContain('REMOTION_AWS_SECRET_ACCESS_KEY');
	});

	test('accepts Remotion or AWS keys, or a profile', () => {
		expect(lambdaSetupProblems({REMOTION_AWS_ACCESS_KEY_ID: 'a', REMOTION_AWS_SECRET_ACCESS_KEY: 'b'}, 'eu-central-1')).toEqual([]);
		expect(lambdaSetupProblems({AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b'}, 'us-east-1')).toEqual([]);
		expect(lambdaSetupProblems({AWS_PROFILE: 'render'}, 'us-east-1')).toEqual([]);
		expect(lambdaSetupProblems({AWS_ACCESS_KEY_ID: 'a'}, 'us-east-1')).toHaveLength(1);
	});
});

describe('lambdaRenderRequest', () => {
	const settings = {region: 'eu-central-1' as const, functionName: null, siteName: 'songreel-demo', framesPerLambda: null};
	const inputProps = {song: {audio: 'demo/song.wav'}, video: {id: 'DemoVideo'}};

	test('renders the same composition and props as a local render, privately, at the chosen quality, cancellably', () => {
		const request = lambdaRenderRequest({settings, functionName: 'remotion-render-4-0-527', serveUrl: 'https://bucket/sites/songreel-demo/index.html', bucketName: 'remotionlambda-eucentral1-abc', inputProps, encoder: {preset: 'faster', crf: 20}});
		expect(request).toMatchObject({region: 'eu-central-1', functionName: 'remotion-render-4-0-527', composition: RENDER_COMPOSITION, inputProps, codec: 'h264', crf: 20, x264Preset: 'faster', forceBucketName: 'remotionlambda-eucentral1-abc', privacy: 'private', enableCancellation: true});
		expect(request).not.toHaveProperty('framesPerLambda');
	});

	test('passes frames per Lambda only when set', () => {
		const request = lambdaRenderRequest({settings: {...settings, framesPerLambda: 240}, functionName: 'f', serveUrl: 'u', bucketName: 'b', inputProps, encoder: {preset: 'veryfast', crf: 18}});
		expect(request.framesPerLambda).toBe(240);
	});

	test('loads the Lambda client without reaching AWS', async () => {
		const {renderOnLambda} = await import('./render-on-lambda.ts');
		expect(typeof renderOnLambda).toBe('function');
	});
});

describe('Lambda failures', () => {
	test('say which function is missing and how to deploy one', () => {
		expect(lambdaFunctionProblem({region: 'eu-central-1', functionName: null, reason: 'none'})).toMatchObject({file: 'AWS Lambda', path: 'eu-central-1', message: 'no Remotion Lambda function for Remotion 4.0.527 in eu-central-1'});
		expect(lambdaFunctionProblem({region: 'eu-central-1', functionName: 'old', reason: 'version', version: '4.0.400'}).message).toBe('function "old" in eu-central-1 runs Remotion 4.0.400, songreel needs 4.0.527');
	});

	test('a failed render names its chunks, reasons and logs', () => {
		const error = new LambdaRenderFailedError({renderId: 'r1', errors: [{message: 'Page crashed', chunk: 3, explanation: null}, {message: 'timed out', chunk: null, explanation: 'raise the timeout'}], logsUrl: 'https://logs'});
		expect(error.message).toBe('Lambda render r1 failed: chunk 3: Page crashed; timed out (raise the timeout); nothing was downloaded. The functions\' logs: https://logs');
	});

	test('a render songreel lost track of says it may still run, and where its files and logs are', () => {
		const error = new LambdaRenderLostError({renderId: 'r2', step: 'download', cause: new Error('read ECONNRESET'), folderUrl: 'https://s3/r2', logsUrl: 'https://logs'});
		expect(error.message).toBe('Lambda render r2: its video could not be downloaded after several tries (read ECONNRESET); it may still be running in AWS and is billed as usual. Its files: https://s3/r2 The functions\' logs: https://logs');
	});
});
