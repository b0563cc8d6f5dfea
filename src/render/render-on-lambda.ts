import {mkdir, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {deploySite, downloadMedia, getFunctionInfo, getFunctions, getOrCreateBucket, getRenderProgress, renderMediaOnLambda} from '@remotion/lambda';
// Remotion documents cancelRenderOnLambda (since 4.0.515) as imported from its client entry point.
import {cancelRenderOnLambda} from '@remotion/lambda/client';
import {VERSION} from 'remotion/version';
import {SongreelInputError} from '../problems/problem.ts';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import type {EncoderSettings} from './encoder-settings.ts';
import {LambdaRenderFailedError, LambdaRenderLostError, type LambdaSettings, lambdaFunctionProblem, lambdaRenderRequest} from './lambda-settings.ts';
import {RenderCancelledError} from './render-cancelled-error.ts';
import {retryRead} from './retry-read.ts';
import {verifyRender} from './verify-render.ts';

/** What a Lambda render is doing: deploying the site (bundling, then uploading), rendering, downloading. */
export type LambdaProgress = {readonly phase: 'deploying' | 'rendering' | 'downloading'; readonly fraction: number};

/** How often the render's progress is asked for. */
const POLL_INTERVAL_IN_MILLISECONDS = 2000;

/**
 * How long to wait before asking again after a status check or a download failed: about a minute in all. A render
 * runs on in AWS whatever happens here, so one dropped connection must not end the wait for it.
 */
const RETRY_WAITS_IN_MILLISECONDS = [1000, 2000, 4000, 8000, 16_000, 30_000];

// The deployed function to render with: the named one (checked to exist and to match this Remotion version), or
// the first compatible one in the region. Asked before the site is bundled, so a missing function fails in seconds.
const findFunction = async (settings: LambdaSettings): Promise<string> => {
	if (settings.functionName === null) {
		const [first] = await getFunctions({region: settings.region, compatibleOnly: true});
		if (!first) {
			throw new SongreelInputError([lambdaFunctionProblem({region: settings.region, functionName: null, reason: 'none'})]);
		}
		return first.functionName;
	}
	let version: string | null;
	try {
		({version} = await getFunctionInfo({region: settings.region, functionName: settings.functionName}));
	} catch (error) {
		if ((error as {name?: string}).name === 'ResourceNotFoundException') {
			throw new SongreelInputError([lambdaFunctionProblem({region: settings.region, functionName: settings.functionName, reason: 'missing'})]);
		}
		throw error;
	}
	if (version !== VERSION) {
		throw new SongreelInputError([lambdaFunctionProblem({region: settings.region, functionName: settings.functionName, reason: 'version', version})]);
	}
	return settings.functionName;
};

/**
 * Renders a video on Remotion Lambda: finds the function, deploys (or updates) the site with the project's public/
 * folder, starts the render in the same bucket, follows its progress, downloads the file, and checks it like a local
 * render before it replaces the output.
 */
export const renderOnLambda = async ({
	entryPoint,
	publicDir,
	timeline,
	inputProps,
	outputPath,
	settings,
	encoder,
	onProgress,
	signal,
}: {
	entryPoint: string;
	publicDir: string;
	timeline: ResolvedTimeline;
	inputProps: Record<string, unknown>;
	outputPath: string;
	settings: LambdaSettings;
	encoder: EncoderSettings;
	onProgress?: (progress: LambdaProgress) => void;
	signal?: AbortSignal;
}): Promise<{readonly renderId: string; readonly bucketName: string; readonly costInUsd: number | null}> => {
	onProgress?.({phase: 'deploying', fraction: 0});
	const functionName = await findFunction(settings);
	const {bucketName} = await getOrCreateBucket({region: settings.region});
	const {serveUrl} = await deploySite({
		entryPoint,
		bucketName,
		region: settings.region,
		siteName: settings.siteName,
		options: {
			publicDir,
			// Bundling is the first half of deploying, uploading the second.
			onBundleProgress: (percent) => onProgress?.({phase: 'deploying', fraction: percent / 200}),
			onUploadProgress: ({totalSize, sizeUploaded}) => onProgress?.({phase: 'deploying', fraction: 0.5 + (totalSize > 0 ? sizeUploaded / totalSize / 2 : 0.5)}),
		},
	});
	if (signal?.aborted) {
		throw new RenderCancelledError();
	}
	const started = await renderMediaOnLambda(lambdaRenderRequest({settings, functionName, serveUrl, bucketName, inputProps, encoder}));
	const {renderId} = started;
	// Ctrl-C while it renders: stop the functions too, as a render left running is billed for a video nobody downloads.
	const cancel = async (): Promise<never> => {
		try {
			await cancelRenderOnLambda({region: settings.region, bucketName: started.bucketName, renderId});
		} catch (error) {
			throw new LambdaRenderLostError({renderId, step: 'cancel', cause: error, folderUrl: started.folderInS3Console, logsUrl: started.cloudWatchLogs});
		}
		throw new RenderCancelledError();
	};
	// Lost track of a render that goes on (and is billed) in AWS: say where it is rather than only why.
	const lost =
		(step: 'status' | 'download') =>
		(cause: unknown): Promise<never> => {
			if (signal?.aborted) {
				return step === 'status' ? cancel() : Promise.reject(new RenderCancelledError());
			}
			return Promise.reject(new LambdaRenderLostError({renderId, step, cause, folderUrl: started.folderInS3Console, logsUrl: started.cloudWatchLogs}));
		};
	for (;;) {
		if (signal?.aborted) {
			await cancel();
		}
		const progress = await retryRead({
			read: () => getRenderProgress({renderId, bucketName: started.bucketName, functionName, region: settings.region}),
			waitsInMilliseconds: RETRY_WAITS_IN_MILLISECONDS,
			signal,
		}).catch(lost('status'));
		if (progress.fatalErrorEncountered) {
			const fatal = progress.errors.filter((error) => error.isFatal);
			throw new LambdaRenderFailedError({renderId, errors: fatal.length > 0 ? fatal : progress.errors, logsUrl: started.cloudWatchLogs});
		}
		onProgress?.({phase: 'rendering', fraction: progress.overallProgress});
		if (progress.done) {
			await mkdir(path.dirname(outputPath), {recursive: true});
			const temporary = `${outputPath}.tmp-${process.pid}.mp4`;
			try {
				onProgress?.({phase: 'downloading', fraction: 0});
				await retryRead({
					read: () => downloadMedia({region: settings.region, bucketName: started.bucketName, renderId, outPath: temporary, onProgress: ({percent}) => onProgress?.({phase: 'downloading', fraction: percent})}),
					waitsInMilliseconds: RETRY_WAITS_IN_MILLISECONDS,
					signal,
				}).catch(lost('download'));
				await verifyRender(temporary, {frames: timeline.durationInFrames, fps: timeline.fps, width: timeline.width, height: timeline.height});
				await rename(temporary, outputPath);
			} finally {
				await rm(temporary, {force: true});
			}
			return {renderId, bucketName: started.bucketName, costInUsd: progress.costs.accruedSoFar ?? null};
		}
		await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_IN_MILLISECONDS));
	}
};
