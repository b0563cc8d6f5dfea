import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, expect, test} from 'vitest';
import {projectCodeHash} from './project-code-hash.ts';

const project = mkdtempSync(path.join(os.tmpdir(), 'songreel-code-hash-'));
afterAll(() => rmSync(project, {recursive: true, force: true}));

// This process's running children whose program is esbuild (read from /proc; a zombie waiting to be reaped has exited).
const esbuildChildren = (): number[] =>
	readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.filter((pid) => {
			try {
				const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
				const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				return Number(ppid) === process.pid && state !== 'Z' && stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'esbuild';
			} catch {
				return false;
			}
		})
		.map(Number);

// The service is stopped with a signal: it is gone within moments, not at once.
const esbuildChildrenAfterAMoment = async (): Promise<number[]> => {
	for (let waited = 0; waited < 3000 && esbuildChildren().length > 0; waited += 50) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return esbuildChildren();
};

test('the hash follows the files the entry point imports, and leaves no esbuild service running', async () => {
	const entry = path.join(project, 'index.tsx');
	writeFileSync(entry, "import {Scene} from './scene';\nexport const Root = () => <Scene />;\n");
	writeFileSync(path.join(project, 'scene.tsx'), 'export const Scene = () => <div>one</div>;\n');
	writeFileSync(path.join(project, 'unused.tsx'), 'export const Unused = 1;\n');

	const first = await projectCodeHash(entry);
	if (process.platform === 'linux') {
		expect(await esbuildChildrenAfterAMoment()).toEqual([]);
	}
	writeFileSync(path.join(project, 'unused.tsx'), 'export const Unused = 2;\n');
	expect(await projectCodeHash(entry)).toBe(first);
	writeFileSync(path.join(project, 'scene.tsx'), 'export const Scene = () => <div>two</div>;\n');
	// A build after the service was stopped starts it again.
	const [edited, again] = await Promise.all([projectCodeHash(entry), projectCodeHash(entry)]);
	expect(edited).not.toBe(first);
	expect(again).toBe(edited);
	if (process.platform === 'linux') {
		expect(await esbuildChildrenAfterAMoment()).toEqual([]);
	}
});
