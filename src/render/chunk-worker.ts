// A worker process of `songreel render --concurrency N`: renders the batch of chunks its parent sends, reports
// frames as they finish, and stops cleanly (temp files removed) on SIGTERM.
import {type ChunkBatch, renderChunkBatch} from './render-chunk-batch.ts';

/** Messages a worker sends its parent. */
export type WorkerMessage =
	| {readonly type: 'frames'; readonly count: number}
	| {readonly type: 'done'; readonly timings: Awaited<ReturnType<typeof renderChunkBatch>>}
	| {readonly type: 'error'; readonly message: string; readonly stack: string | null};

const send = (message: WorkerMessage): Promise<void> => new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));

process.once('message', async (batch: ChunkBatch) => {
	const controller = new AbortController();
	process.once('SIGTERM', () => controller.abort());
	let finished = 0;
	const report = setInterval(() => {
		if (finished > 0) {
			void send({type: 'frames', count: finished});
			finished = 0;
		}
	}, 200);
	try {
		const timings = await renderChunkBatch({batch, onFrame: () => finished++, signal: controller.signal});
		clearInterval(report);
		await send({type: 'frames', count: finished});
		await send({type: 'done', timings});
	} catch (error) {
		clearInterval(report);
		await send({type: 'error', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? (error.stack ?? null) : null});
	} finally {
		process.disconnect?.();
	}
});
