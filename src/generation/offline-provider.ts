import {createHash} from 'node:crypto';
import type {ClipProvider} from './clip-provider.ts';
import {parseSize} from './clip-provider.ts';
import {renderProceduralClip} from './offline/render-procedural-clip.ts';

/**
 * Makes deterministic procedural clips on this machine: the same prompt and seed give the same pixels,
 * each take (seed) looks different, files are real H.264 of the asked length and size. Free and offline,
 * for the demo and the tests.
 */
export const createOfflineProvider = ({fps = 30}: {fps?: number} = {}): ClipProvider => ({
	name: 'offline',
	capabilities: {lengthsInSeconds: null, sizes: null, imageInput: false, pricePerSecondUsd: 0},
	estimateCostUsd: () => 0,
	// The same request always makes the same job, so a lost create is simply sent again.
	lostCreates: 'resend',
	listJobs: null,
	submit: async (request) => ({jobId: `offline-${createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 16)}`}),
	poll: async () => ({status: 'completed', progress: 100, error: null, retryable: false, billedUsd: 0}),
	download: async ({request}, targetPath) => {
		const {width, height} = parseSize(request.size);
		await renderProceduralClip({prompt: request.prompt, seed: request.seed, width, height, fps, durationInSeconds: request.lengthInSeconds}, targetPath);
	},
});
