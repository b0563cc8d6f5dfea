import {describe, expect, test} from 'vitest';
import {RENDER_COMPOSITION} from '../remotion/composition-ids.ts';
import {lambdaRenderRequest, lambdaSetupProblems} from './lambda-settings.ts';

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

	test('renders the same composition and props as a local render, privately, at the chosen quality', () => {
		const request = lambdaRenderRequest({settings, functionName: 'remotion-render-4-0-527', serveUrl: 'https://bucket/sites/songreel-demo/index.html', bucketName: 'remotionlambda-eucentral1-abc', inputProps, encoder: {preset: 'faster', crf: 20}});
		expect(request).toMatchObject({region: 'eu-central-1', functionName: 'remotion-render-4-0-527', composition: RENDER_COMPOSITION, inputProps, codec: 'h264', crf: 20, x264Preset: 'faster', forceBucketName: 'remotionlambda-eucentral1-abc', privacy: 'private'});
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
