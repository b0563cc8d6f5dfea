import {describe, expect, test} from 'vitest';
import type {ListedJob} from './clip-provider.ts';
import {type LostCreate, matchLostCreates} from './match-lost-creates.ts';

const lost = (takeId: string, submittedAtInSeconds: number, prompt = 'p'): LostCreate => ({takeId, model: 'm', prompt, lengthInSeconds: 4, size: '1280x720', submittedAtInMs: submittedAtInSeconds * 1000 + 400});
const job = (jobId: string, createdAtInSeconds: number, prompt = 'p'): ListedJob => ({jobId, model: 'm', prompt, lengthInSeconds: 4, size: '1280x720', createdAtInSeconds});

describe('matchLostCreates', () => {
	test('adopts the job a lost create made, and nothing older or owned', () => {
		const pairs = matchLostCreates({lost: [lost('a/t1', 100)], jobs: [job('old', 40), job('mine', 101), job('owned', 102)], ownedJobIds: new Set(['owned']), clockSkewInSeconds: 0});
		expect([...pairs]).toEqual([['a/t1', 'mine']]);
	});

	test('pairs interchangeable takes one to one, the later take first', () => {
		// t1 may take either job, t2 only the later one: choosing for t1 first could leave t2 without its job.
		const pairs = matchLostCreates({lost: [lost('a/t1', 100), lost('a/t2', 105)], jobs: [job('j1', 100), job('j2', 106)], ownedJobIds: new Set(), clockSkewInSeconds: 0});
		expect(Object.fromEntries(pairs)).toEqual({'a/t1': 'j1', 'a/t2': 'j2'});
	});

	test('counts a job in the same second as the submit time, whose timestamp is rounded down', () => {
		expect(matchLostCreates({lost: [lost('a/t1', 100)], jobs: [job('j', 100)], ownedJobIds: new Set(), clockSkewInSeconds: 0}).get('a/t1')).toBe('j');
	});

	test.each([
		['another prompt', job('j', 101, 'other')],
		['a job from before the submit time', job('j', 99)],
	])('leaves a take unpaired when the only job has %s', (_name, candidate) => {
		expect(matchLostCreates({lost: [lost('a/t1', 100)], jobs: [candidate], ownedJobIds: new Set(), clockSkewInSeconds: 0}).size).toBe(0);
	});

	test('matches a prompt whose line breaks came back as CRLF (multipart forms send them so)', () => {
		const pairs = matchLostCreates({lost: [lost('a/t1', 100, 'a\nb')], jobs: [job('j', 101, 'a\r\nb')], ownedJobIds: new Set(), clockSkewInSeconds: 0});
		expect(pairs.get('a/t1')).toBe('j');
	});

	test('leaves the extra take unpaired when fewer jobs than lost creates exist', () => {
		expect(matchLostCreates({lost: [lost('a/t1', 100), lost('a/t2', 100)], jobs: [job('j', 101)], ownedJobIds: new Set(), clockSkewInSeconds: 0}).size).toBe(1);
	});
});
