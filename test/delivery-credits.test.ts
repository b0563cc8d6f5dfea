import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {buildCredits, serializeCreditsMarkdown} from '../src/delivery/build-credits.ts';
import {writeCredits} from '../src/delivery/write-credits.ts';
import type {Registry, Take} from '../src/takes/take-schema.ts';
import {demoTimeline} from './demo-facts.ts';

const take = (id: string, patch: Partial<Take> = {}): Take => ({
	id,
	shotId: id.split('/')[0] as string,
	provider: 'openai',
	model: 'sora-2',
	prompt: `prompt of ${id}\nsecond line`,
	params: {lengthInSeconds: 6, size: '960x540', seed: 42, referenceImage: null},
	idempotencyKey: `key:${id}`,
	attempt: 1,
	jobId: `job-${id}`,
	status: 'complete',
	progress: 100,
	estimatedCostUsd: 0.6,
	costUsd: 0.5,
	createdAt: '2026-11-29T10:00:00.000Z',
	submittedAt: '2026-11-29T10:00:01.000Z',
	completedAt: '2026-11-29T10:01:00.000Z',
	file: `takes/${id}.mp4`,
	sha256: null,
	facts: null,
	rating: null,
	rejectedReason: null,
	error: null,
	qc: null,
	...patch,
});

// The demo uses bridge-sunrise/t2 and outro-skyline/t1; the others are takes it does not show.
const registry: Registry = {
	version: 1,
	projectKey: 'test',
	picks: {'bridge-sunrise': 'bridge-sunrise/t2'},
	takes: [
		take('bridge-sunrise/t1'),
		take('bridge-sunrise/t2', {params: {lengthInSeconds: 6, size: '960x540', seed: 7, referenceImage: null}, costUsd: 0.1}),
		take('outro-skyline/t1', {costUsd: null, estimatedCostUsd: 0.25}),
		take('unused/t1'),
	],
	ledger: [],
};

describe('credits', () => {
	test('list each take the video shows with provider, model, prompt, seed and cost, and the clips from elsewhere', () => {
		const credits = buildCredits({timeline: demoTimeline(), registry});
		expect(credits.song).toBe('demo/song.wav');
		expect(credits.generatedTakes.map((t) => [t.takeId, t.provider, t.model, t.seed, t.costInUsd, t.costIsEstimate, t.usedIn])).toEqual([
			['bridge-sunrise/t2', 'openai', 'sora-2', 7, 0.1, false, ['bridge/1']],
			['outro-skyline/t1', 'openai', 'sora-2', 42, 0.25, true, ['outro/2']],
		]);
		expect(credits.generatedTakes[0]?.prompt).toBe('prompt of bridge-sunrise/t2\nsecond line');
		expect(credits.totalGenerationCostInUsd).toBe(0.35);
		expect(credits.totalIncludesEstimates).toBe(true);
		expect(credits.otherClips.every((clip) => clip.origin === 'project file' && clip.file.startsWith('demo/clips/'))).toBe(true);
		expect(credits.otherClips.find((clip) => clip.file === 'demo/clips/crowd.mp4')?.usedIn).toEqual(['chorus-1/1', 'chorus-1/4', 'chorus-2/1']);
	});

	test('count a take imported from a folder as a clip from elsewhere, not a generation', () => {
		const imported: Registry = {...registry, takes: registry.takes.map((t) => (t.id === 'outro-skyline/t1' ? {...t, provider: 'folder', costUsd: 0} : t))};
		const credits = buildCredits({timeline: demoTimeline(), registry: imported});
		expect(credits.generatedTakes.map((t) => t.takeId)).toEqual(['bridge-sunrise/t2']);
		expect(credits.otherClips).toContainEqual({file: 'takes/outro-skyline/t1.mp4', origin: 'imported take', takeId: 'outro-skyline/t1', usedIn: ['outro/2']});
	});

	test('write Markdown with the prompt quoted and the total', () => {
		const markdown = serializeCreditsMarkdown(buildCredits({timeline: demoTimeline(), registry}));
		expect(markdown).toContain('### bridge-sunrise/t2\n\n- Provider: openai, model sora-2, seed 7\n- Cost: $0.10\n- Used in: bridge/1\n- Prompt:\n\n  > prompt of bridge-sunrise/t2\n  > second line\n');
		expect(markdown).toContain('Total generation cost: $0.35 (includes estimates)');
		expect(markdown).toContain('- `demo/clips/crowd.mp4`: project file; used in chorus-1/1, chorus-1/4, chorus-2/1');
	});

	describe('beside the video', () => {
		let dir = '';
		beforeAll(async () => {
			dir = await mkdtemp(path.join(os.tmpdir(), 'songreel-credits-'));
		});
		afterAll(async () => {
			await rm(dir, {recursive: true, force: true});
		});

		test('are written as <id>.credits.json and <id>.credits.md from the registry in public/', async () => {
			const publicDir = path.join(dir, 'public');
			await mkdir(path.join(publicDir, 'takes'), {recursive: true});
			await writeFile(path.join(publicDir, 'takes/takes.json'), JSON.stringify(registry));
			const {files} = await writeCredits({timeline: demoTimeline(), videoPath: path.join(dir, 'DemoVideo.mp4'), publicDir});
			expect(files).toEqual([path.join(dir, 'DemoVideo.credits.json'), path.join(dir, 'DemoVideo.credits.md')]);
			expect(JSON.parse(await readFile(files[0] as string, 'utf8'))).toEqual(JSON.parse(JSON.stringify(buildCredits({timeline: demoTimeline(), registry}))));
		});
	});
});
