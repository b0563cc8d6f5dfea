import {describe, expect, test} from 'vitest';
import {resolveTakeRef} from './resolve-take.ts';
import type {Registry, Take} from './take-schema.ts';

const take = (id: string, patch: Partial<Take> = {}): Take => ({
	id,
	shotId: id.split('/')[0] as string,
	provider: 'offline',
	model: 'offline-procedural',
	prompt: 'p',
	params: {lengthInSeconds: 4, size: '1280x720', seed: 1, referenceImage: null},
	idempotencyKey: `k:${id}`,
	attempt: 1,
	jobId: 'job',
	status: 'complete',
	progress: 100,
	estimatedCostUsd: 0,
	costUsd: 0,
	createdAt: '2026-11-25T00:00:00Z',
	submittedAt: '2026-11-25T00:00:00Z',
	completedAt: '2026-11-25T00:01:00Z',
	file: `takes/${id}.mp4`,
	sha256: 'x',
	facts: null,
	rating: null,
	rejectedReason: null,
	error: null,
	qc: null,
	...patch,
});

const registry = (takes: Take[], picks: Record<string, string> = {}): Registry => ({version: 1, projectKey: 'p', picks, takes, ledger: []});

describe('resolveTakeRef', () => {
	test('resolves a shot to its picked take', () => {
		expect(resolveTakeRef(registry([take('a/t1', {rating: 5}), take('a/t2')], {a: 'a/t2'}), 'a')).toEqual({takeId: 'a/t2', src: 'takes/a/t2.mp4', warning: null});
	});

	test('falls back to the best-rated complete take, newest first, with a warning', () => {
		const result = resolveTakeRef(registry([take('a/t1', {rating: 3}), take('a/t2', {rating: 4}), take('a/t3', {rating: 4, completedAt: '2026-11-25T00:02:00Z'}), take('a/t4', {rating: 5, status: 'failed'})]), 'a');
		expect(result).toEqual({takeId: 'a/t3', src: 'takes/a/t3.mp4', warning: 'shot "a" has no pick; using take "a/t3" (rated 4); run "songreel pick a <take>" to choose'});
	});

	test('ranks unpicked takes of equal rating by their automatic QC score', () => {
		const qc = (score: number) => ({score, flags: score < 1 ? [{code: 'frozen', message: 'stands still'}] : [], hashes: [], checkedAt: '2026-11-25T00:00:00Z'});
		const result = resolveTakeRef(registry([take('a/t1', {qc: qc(1)}), take('a/t2', {qc: qc(0.7), completedAt: '2026-11-25T00:02:00Z'}), take('a/t3', {completedAt: '2026-11-25T00:03:00Z'})]), 'a');
		expect(result).toEqual({takeId: 'a/t1', src: 'takes/a/t1.mp4', warning: 'shot "a" has no pick; using take "a/t1" (qc 1.00); run "songreel pick a <take>" to choose'});
	});

	test('skips rejected takes', () => {
		expect(resolveTakeRef(registry([take('a/t1', {rejectedReason: 'face melts'}), take('a/t2')]), 'a')).toMatchObject({takeId: 'a/t2'});
	});

	test.each([
		['an unknown take', 'a/t9', 'take "a/t9" is not in the registry; run "songreel takes a" to see takes'],
		['a take still generating', 'a/t2', 'take "a/t2" is in_progress, not a complete take'],
		['a shot without takes', 'b', 'shot "b" has no takes; add it to the shot list and run "songreel generate --shots b"'],
	])('explains %s', (_name, ref, error) => {
		expect(resolveTakeRef(registry([take('a/t1'), take('a/t2', {status: 'in_progress', file: null})]), ref)).toEqual({error});
	});
});
