import {mkdir, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {deploySite, downloadMedia, getFunctions, getOrCreateBucket, getRenderProgress, renderMediaOnLambda} from '@remotion/lambda';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import type {EncoderSettings} from './encoder-settings.ts';
import {type LambdaSettings, lambdaRenderRequest} from './lambda-settings.ts';
import {RenderCancelledError} from './render-video.ts';
import {verifyRender} from './verify-render.ts';

/**
 * Renders a video on Remotion Lambda: deploys (or updates) the site with the project's public/ folder, starts the
 * render with the deployed function, follows its progress, downloads the file, and checks it like a local render
 * before it replaces the output.
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
	onProgress?: (progress: {readonly phase: 'deploying' | 'rendering' | 'downloading'; readonly fraction: number}) => void;
	signal?: AbortSignal;
}): Promise<{readonly renderId: string; readonly costInUsd: number | null}> => {
	onProgress?.({phase: 'deploying', fraction: 0});
	const {bucketName} = await getOrCreateBucket({region: settings.region});
	const {serveUrl} = await deploySite({entryPoint, bucketName, region: settings.region, siteName: settings.siteName, options: {publicDir}});
	const functionName = settings.functionName ?? (await getFunctions({region: settings.region, compatibleOnly: true}))[0]?.functionName;
	if (!functionName) {
		throw new Error(`no Remotion Lambda function for this Remotion version in ${settings.region}; deploy one with "npx remotion lambda functions deploy" (see README)`);
	}
	const {renderId} = await renderMediaOnLambda(lambdaRenderRequest({settings, functionName, serveUrl, inputProps, encoder}));
	for (;;) {
		if (signal?.aborted) {
			throw new RenderCancelledError();
		}
		const progress = await getRenderProgress({renderId, bucketName, functionName, region: settings.region});
		if (progress.fatalErrorEncountered) {
			throw new Error(`Lambda render ${renderId} failed: ${progress.errors.map((error) => error.message).join('; ')}`);
		}
		onProgress?.({phase: 'rendering', fraction: progress.overallProgress});
		if (progress.done) {
			await mkdir(path.dirname(outputPath), {recursive: true});
			const temporary = `${outputPath}.tmp-${process.pid}.mp4`;
			try {
				onProgress?.({phase: 'downloading', fraction: 0});
				await downloadMedia({region: settings.region, bucketName, renderId, outPath: temporary, onProgress: ({percent}) => onProgress?.({phase: 'downloading', fraction: percent})});
				await verifyRender(temporary, {frames: timeline.durationInFrames, fps: timeline.fps, width: timeline.width, height: timeline.height});
				await rename(temporary, outputPath);
			} finally {
				await rm(temporary, {force: true});
			}
			return {renderId, costInUsd: progress.costs.accruedSoFar ?? null};
		}
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
};
