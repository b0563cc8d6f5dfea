import {execFile} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {baseSong, baseVideo, COMPOSITIONS, compositions, CORPUS, type CorpusRun, corpusSize} from './fixtures/malformed/cases.ts';

const root = path.resolve(__dirname, '..');
const workDir = mkdtempSync(path.join(os.tmpdir(), 'songreel-malformed-'));
afterAll(() => rmSync(workDir, {recursive: true, force: true}));

type Outcome = {readonly code: number | null; readonly stdout: string; readonly stderr: string};

// A temp project: public/demo links the demo's song and clips, the run's own files are written beside them.
const runInProject = (name: string, run: Pick<CorpusRun, 'files' | 'argv' | 'env'>): Promise<Outcome> => {
	const dir = path.join(workDir, name.replace(/[^a-z0-9]+/gi, '-'));
	mkdirSync(path.join(dir, 'public'), {recursive: true});
	mkdirSync(path.join(dir, 'remotion'), {recursive: true});
	// As in a project made by npm init: ES modules, so remotion/compositions.ts loads the way the demo's does.
	writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}\n');
	symlinkSync(path.join(root, 'public/demo'), path.join(dir, 'public/demo'));
	for (const [file, content] of Object.entries(run.files ?? {})) {
		mkdirSync(path.dirname(path.join(dir, file)), {recursive: true});
		writeFileSync(path.join(dir, file), typeof content === 'string' ? content : readFileSync(path.join(root, 'public', content.truncate)).subarray(0, content.bytes));
	}
	return new Promise((resolve) => {
		// A check that fails to refuse would go on to render: the timeout stops that from eating the machine.
		execFile(process.execPath, [path.join(root, 'bin/songreel.js'), ...run.argv], {cwd: dir, env: {...process.env, ...run.env}, timeout: 90_000}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr});
		});
	});
};

// Two runs at a time: the machine has two cores, and each run is one tsx process.
const outcomes = new Map<string, Promise<Outcome>>();
// SONGREEL_CORPUS_ONLY=<words> runs only the runs whose name contains them (while working on a case).
const selected = CORPUS.filter((run) => run.name.includes(process.env.SONGREEL_CORPUS_ONLY ?? ''));
const queue = [...selected];
const workers: Promise<void>[] = [];
const start = (): void => {
	for (let i = 0; i < 2; i++) {
		workers.push(
			(async () => {
				for (let run = queue.shift(); run; run = queue.shift()) {
					const pending = runInProject(run.name, run);
					outcomes.set(run.name, pending);
					await pending;
				}
			})(),
		);
	}
};

const STACK_LINE = /^\s+at .+(\.[cm]?[jt]sx?:\d+|\(node:)/m;

describe('the malformed-input corpus', () => {
	test('holds at least 120 inputs across schemas, meanings, assets, files and command lines', () => {
		expect(corpusSize()).toBeGreaterThanOrEqual(120);
		expect(new Set(CORPUS.map((run) => run.kind))).toEqual(new Set(['schema', 'meaning', 'asset', 'file', 'command line']));
		expect(new Set(CORPUS.map((run) => run.name)).size).toBe(CORPUS.length);
	});

	test('its base project is valid, so every refusal comes from the mistake put in', async () => {
		const {code, stderr} = await runInProject('valid base', {argv: ['check'], files: {[COMPOSITIONS]: compositions({song: baseSong(), videos: [baseVideo('V')]})}});
		expect(stderr).toBe('');
		expect(code).toBe(0);
		start();
	});

	test.each(selected.map((run) => [run.name, run] as const))('refuses %s: exit 1, no stack trace, the file, the path and the value', async (name, run) => {
		const {code, stderr} = await (outcomes.get(name) ?? runInProject(name, run));
		const lines = stderr.split('\n');
		const missing = run.mistakes.filter((mistake) => {
			const where = mistake.path === '' ? `${mistake.file ?? COMPOSITIONS}: ` : `${mistake.file ?? COMPOSITIONS}: ${mistake.path}: `;
			return !lines.some((line) => line.startsWith(where) && line.includes(mistake.value));
		});
		expect({missing: missing.map((m) => `${m.name}: ${m.path} ${m.value}`), stderr: missing.length > 0 ? stderr : ''}).toEqual({missing: [], stderr: ''});
		expect(stderr).not.toMatch(STACK_LINE);
		expect(stderr).not.toContain('songreel bug');
		expect(code).toBe(1);
	});
});
