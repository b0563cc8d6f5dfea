import {describe, expect, test} from 'vitest';
import type {Registry, Take} from './take-schema.ts';
import {takeTilesOf} from './take-tiles.ts';

const take = (id: string, patch: Partial<Take> = {}): Take => ({
	id,
	shotId: id.split('/')[0] as string,
	provider: 'offline',
	model: 'm',
	prompt: 'p',
	params: {lengthInSeconds: 2, size: '320x180', seed: 1, referenceImage: null},
	idempotencyKey: 'k',
	attempt: 1,
	jobId: 'j',
	status: 'complete',
	progress: 100,
	estimatedCostUsd: 0,
	costUsd: 0,
	createdAt: '',
	submittedAt: null,
	completedAt: '',
	file: `takes/${id}.mp4`,
	sha256: null,
	facts: {durationInSeconds: 2, width: 320, height: 180, fps: 30, videoCodec: 'h264', hasAudio: false},
	rating: null,
	rejectedReason: null,
	error: null,
	qc: null,
	...patch,
});

describe('take review tiles', () => {
	test('show a continuing take beside the previous shot\'s last frame, starting its stills at its own first frame', () => {
		const registry: Registry = {
			version: 1,
			projectKey: 'k',
			picks: {next: 'next/t2'},
			takes: [
				take('next/t1', {params: {lengthInSeconds: 2, size: '320x180', seed: 1, referenceImage: 'takes/next/start-0123456789ab.png'}}),
				take('next/t2', {params: {lengthInSeconds: 2, size: '320x180', seed: 2, referenceImage: 'refs/mara.png'}, rating: 4}),
				take('next/t3'),
				take('next/t4', {status: 'failed', file: null}),
				take('other/t1'),
			],
			ledger: [],
		};
		expect(takeTilesOf(registry, 'next', 30).map((tile) => [tile.id, tile.label, tile.startImage, tile.startImageLabel, tile.sheetFrames])).toEqual([
			['next/t1', 'next/t1', 'takes/next/start-0123456789ab.png', 'previous shot, last frame', [0, 17, 29, 41, 53]],
			['next/t2', 'next/t2 · picked · 4/5', 'refs/mara.png', 'reference image', [0, 17, 29, 41, 53]],
			['next/t3', 'next/t3', null, null, [5, 17, 29, 41, 53]],
		]);
	});
});
