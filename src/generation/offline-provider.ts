import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {PNG} from 'pngjs';
import type {ClipProvider} from './clip-provider.ts';
import {parseSize, ProviderError} from './clip-provider.ts';
import {renderProceduralClip} from './offline/render-procedural-clip.ts';

const readPng = async (file: string): Promise<{width: number; height: number; rgba: Uint8Array}> => {
	let png: PNG;
	try {
		png = PNG.sync.read(await readFile(file));
	} catch (error) {
		throw new ProviderError({code: 'bad_reference_image', message: `the offline provider reads PNG reference images; ${file}: ${(error as Error).message}`, kind: 'permanent'});
	}
	return {width: png.width, height: png.height, rgba: png.data};
};

/**
 * Makes deterministic procedural clips on this machine: the same prompt and seed give the same pixels,
 * each take (seed) looks different, files are real H.264 of the asked length and size. Free and offline,
 * for the demo and the tests.
 */
export const createOfflineProvider = ({fps = 30}: {fps?: number} = {}): ClipProvider => ({
	name: 'offline',
	// Image input: the clip starts on the reference image (a PNG) and dissolves into its scene, as image-to-video models start from theirs.
	capabilities: {lengthsInSeconds: null, sizes: null, imageTypes: ['png'], pricePerSecondUsd: 0},
	estimateCostUsd: () => 0,
	// The same request always makes the same job, so a lost create is simply sent again.
	lostCreates: 'resend',
	listJobs: null,
	submit: async (request) => ({jobId: `offline-${createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 16)}`}),
	poll: async () => ({status: 'completed', progress: 100, error: null, retryable: false, billedUsd: 0}),
	download: async ({request}, targetPath) => {
		const {width, height} = parseSize(request.size);
		const startImage = request.referenceImage === null ? null : await readPng(request.referenceImage);
		await renderProceduralClip({prompt: request.prompt, seed: request.seed, width, height, fps, durationInSeconds: request.lengthInSeconds, startImage}, targetPath);
	},
});
