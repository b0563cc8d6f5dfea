import {execFile, execFileSync, spawn} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, describe, expect, test} from 'vitest';
import {SYSTEM_HEADLESS_SHELL} from '../src/render/resolve-browser-executable.ts';

const root = path.resolve(__dirname, '..');
const browser = process.env.SONGREEL_BROWSER_EXECUTABLE ?? SYSTEM_HEADLESS_SHELL;
const project = mkdtempSync(path.join(os.tmpdir(), 'songreel-studio-'));
const PORT = 3400 + (process.pid % 500);

const BROKEN = `import {defineProject} from '../src/schemas/define-project.ts';
import {demoSong} from './demo-song.ts';
export default defineProject({song: demoSong, videos: [{id: 'Broken', width: 1279, background: 'banana', sections: {intro: {filler: '#12345'}}}]} as never);
`;

// A copy of the demo project whose compositions file is broken; src, node_modules and the demo's assets are links.
const makeProject = (): void => {
	mkdirSync(path.join(project, 'remotion'));
	mkdirSync(path.join(project, 'public'));
	for (const link of ['src', 'node_modules']) {
		symlinkSync(path.join(root, link), path.join(project, link));
	}
	symlinkSync(path.join(root, 'public/demo'), path.join(project, 'public/demo'));
	for (const file of ['remotion/index.ts', 'remotion/Root.tsx', 'remotion/shots.ts', 'remotion/demo-song.ts', 'remotion.config.ts', 'package.json', 'tsconfig.json']) {
		copyFileSync(path.join(root, file), path.join(project, file));
	}
	writeFileSync(path.join(project, 'remotion/compositions.ts'), BROKEN);
};

// What headless Chromium sees in the Studio page once its scripts ran (--timeout lets Studio's timers run on). On a busy
// machine the first loads can end before Studio has drawn anything: look again, a few times, until it has.
const studioText = async (compositionId: string): Promise<string> => {
	let text = '';
	for (let attempt = 0; attempt < 4 && !text.includes('songreel:'); attempt++) {
		const {stdout} = await promisify(execFile)(browser, ['--no-sandbox', '--disable-gpu', '--timeout=20000', '--dump-dom', `http://localhost:${PORT}/${compositionId}`], {maxBuffer: 64 * 1024 * 1024, timeout: 90_000});
		text = stdout.replace(/<[^>]+>/g, '\n').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
	}
	return text;
};

let studio: ReturnType<typeof spawn> | null = null;
afterAll(() => {
	if (studio?.pid !== undefined) {
		// Studio runs webpack and a server under npx: end the whole group it leads.
		try {
			process.kill(-studio.pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}
	rmSync(project, {recursive: true, force: true});
});

describe.skipIf(!existsSync(browser))('Studio with a broken compositions file', () => {
	test('shows the same problem lines as songreel check, read from the page in a real browser', async () => {
		makeProject();
		let checkOutput = '';
		try {
			execFileSync(process.execPath, [path.join(root, 'bin/songreel.js'), 'check'], {cwd: project, stdio: 'pipe'});
		} catch (error) {
			checkOutput = String((error as {stderr: Buffer}).stderr);
		}
		const lines = checkOutput.split('\n').filter((line) => line.startsWith('remotion/compositions.ts: '));
		expect(lines).toHaveLength(3);

		studio = spawn(process.execPath, [path.join(root, 'node_modules/@remotion/cli/remotion-cli.js'), 'studio', '--port', String(PORT), '--no-open'], {cwd: project, detached: true, stdio: ['ignore', 'pipe', 'pipe']});
		let log = '';
		studio.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
		studio.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
		const until = Date.now() + 200_000;
		while (!/Built in/.test(log)) {
			if (Date.now() > until || studio.exitCode !== null) {
				throw new Error(`Studio did not start:\n${log}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		const text = await studioText('SongreelProblems');
		expect(text).toContain('songreel: 3 problems in the project');
		for (const line of lines) {
			expect(text).toContain(line);
		}
	});
});
