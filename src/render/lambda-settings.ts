import type {AwsRegion, RenderMediaOnLambdaInput} from '@remotion/lambda';
import {VERSION} from 'remotion/version';
import {RENDER_COMPOSITION} from '../remotion/composition-ids.ts';
import type {Problem} from '../problems/problem.ts';
import type {EncoderSettings} from './encoder-settings.ts';

/** Where and how to render on Remotion Lambda. */
export type LambdaSettings = {
	readonly region: AwsRegion;
	/** A deployed render function; the first compatible one in the region when null. */
	readonly functionName: string | null;
	/** The site (bundle and public/ folder) in the Remotion bucket; re-deploying uploads only changed files. */
	readonly siteName: string;
	readonly framesPerLambda: number | null;
};

/**
 * What is missing before a Lambda render can start (credentials, region), as problems a person can act on.
 * Checked before any AWS call, so a missing setup fails at once and offline.
 */
export const lambdaSetupProblems = (env: NodeJS.ProcessEnv, region: string | null): Problem[] => {
	const problems: Problem[] = [];
	const hasKeys = (env.REMOTION_AWS_ACCESS_KEY_ID && env.REMOTION_AWS_SECRET_ACCESS_KEY) || (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
	if (!hasKeys && !env.AWS_PROFILE && !env.REMOTION_AWS_PROFILE) {
		problems.push({file: 'environment', path: 'REMOTION_AWS_ACCESS_KEY_ID', message: 'no AWS credentials for --lambda', fix: 'set REMOTION_AWS_ACCESS_KEY_ID and REMOTION_AWS_SECRET_ACCESS_KEY (or AWS_PROFILE); see README, "Rendering on Remotion Lambda"'});
	}
	if (!region) {
		problems.push({file: 'environment', path: 'REMOTION_AWS_REGION', message: 'no AWS region for --lambda', fix: 'pass --region eu-central-1 or set REMOTION_AWS_REGION'});
	}
	return problems;
};

/** Why no deployed function can render: none in the region, the named one missing, or built for another Remotion version. */
export const lambdaFunctionProblem = ({region, functionName, reason, version}: {region: string; functionName: string | null; reason: 'none' | 'missing' | 'version'; version?: string | null}): Problem => {
	const deploy = 'deploy one with "npx remotion lambda functions deploy" (see README, "Rendering on Remotion Lambda")';
	if (reason === 'none') {
		return {file: 'AWS Lambda', path: region, message: `no Remotion Lambda function for Remotion ${VERSION} in ${region}`, fix: `${deploy}, or name one with --function-name`};
	}
	if (reason === 'missing') {
		return {file: 'command line', path: '--function-name', message: `no function "${functionName}" in ${region}`, fix: `check the name with "npx remotion lambda functions ls --region ${region}", or ${deploy}`};
	}
	return {file: 'command line', path: '--function-name', message: `function "${functionName}" in ${region} runs Remotion ${version ?? 'of an unknown version'}, songreel needs ${VERSION}`, fix: deploy};
};

/**
 * The renderMediaOnLambda request for a video: the same composition and props as a local render, video and song in
 * one file, encoded with the same x264 preset and CRF, into the bucket the site was deployed to, cancellable.
 */
export const lambdaRenderRequest = ({settings, functionName, serveUrl, bucketName, inputProps, encoder}: {settings: LambdaSettings; functionName: string; serveUrl: string; bucketName: string; inputProps: Record<string, unknown>; encoder: EncoderSettings}): RenderMediaOnLambdaInput => ({
	region: settings.region,
	functionName,
	serveUrl,
	forceBucketName: bucketName,
	composition: RENDER_COMPOSITION,
	inputProps,
	codec: 'h264',
	crf: encoder.crf,
	x264Preset: encoder.preset,
	imageFormat: 'jpeg',
	jpegQuality: 95,
	privacy: 'private',
	maxRetries: 2,
	// Ctrl-C cancels the render: its functions look for the cancellation file every second and stop.
	enableCancellation: true,
	...(settings.framesPerLambda ? {framesPerLambda: settings.framesPerLambda} : {}),
	downloadBehavior: null,
});


/**
 * A render that Remotion Lambda ended with a fatal error (a chunk that failed on every attempt, a component that
 * threw, a function that timed out): not songreel's bug and not a mistake in the command, so the CLI prints the
 * message and where the logs are, and exits 1. Nothing is downloaded.
 */
export class LambdaRenderFailedError extends Error {
	readonly renderId: string;

	constructor({renderId, errors, logsUrl}: {renderId: string; errors: readonly {message: string; chunk: number | null; explanation: string | null}[]; logsUrl: string}) {
		const reasons = errors.map((error) => `${error.chunk === null ? '' : `chunk ${error.chunk}: `}${error.message}${error.explanation ? ` (${error.explanation})` : ''}`);
		super(`Lambda render ${renderId} failed: ${reasons.join('; ') || 'no reason given'}; nothing was downloaded. The functions' logs: ${logsUrl}`);
		this.name = 'LambdaRenderFailedError';
		this.renderId = renderId;
	}
}

/**
 * A Lambda render that songreel lost track of: its status could not be read, or its finished video could not be
 * downloaded, after several tries (a network outage, AWS failing), or on Ctrl-C it could not be cancelled. The render
 * itself may be running or done and billed, so the CLI says where its files and logs are instead of a stack, and
 * exits 1.
 */
export class LambdaRenderLostError extends Error {
	readonly renderId: string;

	constructor({renderId, step, cause, folderUrl, logsUrl}: {renderId: string; step: 'status' | 'download' | 'cancel'; cause: unknown; folderUrl: string; logsUrl: string}) {
		const reason = cause instanceof Error ? cause.message : String(cause);
		const what = {status: 'its progress could not be read after several tries', download: 'its video could not be downloaded after several tries', cancel: 'it could not be cancelled'}[step];
		super(`Lambda render ${renderId}: ${what} (${reason.slice(0, 300)}); it may still be running in AWS and is billed as usual. Its files: ${folderUrl} The functions' logs: ${logsUrl}`, {cause});
		this.name = 'LambdaRenderLostError';
		this.renderId = renderId;
	}
}
