import {execFile} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {PNG} from 'pngjs';
import {promisify} from 'node:util';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {drawProceduralFrame, frameStride} from '../src/generation/offline/procedural-frames.ts';
import {probeTake} from '../src/generation/run-generation.ts';
import {extractLastFrame} from '../src/takes/extract-last-frame.ts';
import {checkTakeQuality} from '../src/takes/qc/check-take-quality.ts';
import {readRegistry} from '../src/takes/registry-store.ts';
import type {TakeQc} from '../src/takes/take-schema.ts';
import {type ClipFault, writeFaultyClip} from './fake-faulty-clips.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'songreel-qc-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const expected = {lengthInSeconds: 2, size: '160x90'};
const check = async (name: string, others: readonly {takeId: string; hashes: readonly string[]}[] = [], wanted = expected): Promise<TakeQc> => {
	const file = path.join(dir, `${name}.mp4`);
	return checkTakeQuality({file, facts: await probeTake(file), expected: wanted, others});
};

const CLIPS: [string, ClipFault, Partial<Parameters<typeof writeFaultyClip>[0]>][] = [
	['good', 'none', {}],
	['black-start', 'black-start', {}],
	['blank', 'blank', {}],
	['frozen', 'frozen', {}],
	['flicker', 'flicker', {}],
	['letterbox', 'letterbox', {}],
	['reencoded', 'none', {crf: 34}],
	['other-prompt', 'none', {prompt: 'dunes at dusk'}],
	['short', 'none', {durationInSeconds: 1}],
	['big', 'none', {width: 192, height: 108}],
];

beforeAll(async () => {
	for (const [name, fault, options] of CLIPS) {
		await writeFaultyClip({file: path.join(dir, `${name}.mp4`), fault, ...options});
	}
}, 60_000);

describe('automatic take QC', () => {
	test.each([
		['a clean clip', 'good', []],
		['black frames', 'black-start', ['black_frames']],
		['a blank clip', 'blank', ['blank_frames']],
		['a frozen stretch', 'frozen', ['frozen']],
		['flicker', 'flicker', ['flicker']],
		['letterboxing', 'letterbox', ['letterbox']],
		['a wrong length', 'short', ['wrong_length']],
		['a wrong size', 'big', ['wrong_size']],
	])('flags %s and nothing else', async (_name, clip, codes) => {
		const qc = await check(clip);
		console.log(`qc ${clip}: ${qc.score.toFixed(2)} ${JSON.stringify(qc.flags)}`);
		expect(qc.flags.map((flag) => flag.code)).toEqual(codes);
		if (codes.length === 0) {
			expect(qc.score).toBe(1);
		} else {
			expect(qc.score).toBeLessThan(1);
		}
	});

	test('flags a near-duplicate of another take (the same clip encoded again), and not a different clip', async () => {
		const good = await check('good');
		const again = await check('reencoded', [{takeId: 'shot/t1', hashes: good.hashes}]);
		console.log(`qc reencoded: ${JSON.stringify(again.flags)}`);
		expect(again.flags).toEqual([{code: 'near_duplicate', message: expect.stringContaining('looks like take "shot/t1"')}]);
		const other = await check('other-prompt', [{takeId: 'shot/t1', hashes: good.hashes}]);
		expect(other.flags).toEqual([]);
	});

	test('songreel import checks each clip, songreel takes shows the flags, songreel qc prints them again', async () => {
		const project = path.join(dir, 'project');
		const downloads = path.join(project, 'downloads');
		mkdirSync(path.join(project, 'remotion'), {recursive: true});
		mkdirSync(downloads, {recursive: true});
		writeFileSync(path.join(project, 'package.json'), '{"type": "module"}\n');
		writeFileSync(path.join(project, 'remotion/shots.ts'), "export default {shots: [{id: 'city', prompt: 'a city grid at night'}]};\n");
		for (const name of ['good', 'frozen', 'reencoded']) {
			copyFileSync(path.join(dir, `${name}.mp4`), path.join(downloads, `${name}.mp4`));
		}
		const songreel = async (...args: string[]): Promise<string> => (await promisify(execFile)(process.execPath, [path.resolve(__dirname, '../bin/songreel.js'), ...args], {cwd: project})).stdout;
		const imported = await songreel('import', downloads, '--shot', 'city');
		// Files are imported in name order: frozen (t1), good (t2), reencoded (t3, like t2).
		expect(imported).toContain('frozen.mp4 -> city/t1 (2.0 s, 160x90; qc 0.70 frozen)');
		expect(imported).toContain('good.mp4 -> city/t2 (2.0 s, 160x90; qc 1.00 ok)');
		expect(imported).toContain('reencoded.mp4 -> city/t3 (2.0 s, 160x90; qc 0.80 near_duplicate)');
		const listed = await songreel('takes', 'city');
		expect(listed).toMatch(/city\/t1 +complete .* qc 0\.70 frozen/);
		const again = await songreel('qc', 'city');
		// Checked again with every take's hashes known, t2 is now also a near-duplicate of t3.
		expect(again).toContain('city/t2                      qc 0.80 near_duplicate\n    near_duplicate: looks like take "city/t3"');
		expect(again).toContain('    frozen: the picture stands still for 1.5 s from 0.5 s');
		const registry = await readRegistry(path.join(project, 'public/takes/takes.json'));
		expect(registry.takes.map((t) => t.qc?.score)).toEqual([0.7, 0.8, 0.8]);
		expect(await songreel('last-frame', 'city/t1')).toBe("wrote public/refs/city-t1-last.png (160x90); use it as a shot's referenceImage: 'refs/city-t1-last.png'\n");
	}, 60_000);

	test('extracts a clip\'s last frame as a PNG, for the next shot to start from', async () => {
		// The frozen clip ends on procedural frame 15: compare the PNG with that frame as drawn.
		const out = path.join(dir, 'last.png');
		expect(await extractLastFrame(path.join(dir, 'frozen.mp4'), out)).toEqual({width: 160, height: 90});
		const png = PNG.sync.read(readFileSync(out));
		const drawn = Buffer.alloc(frameStride(160) * 90);
		drawProceduralFrame({prompt: 'a city grid at night', seed: 1, width: 160, height: 90, fps: 30, durationInSeconds: 2}, 15, drawn);
		let difference = 0;
		for (let y = 0; y < 90; y++) {
			for (let x = 0; x < 160; x++) {
				const bgr = (89 - y) * frameStride(160) + x * 3;
				const rgba = (y * 160 + x) * 4;
				difference += Math.abs((png.data[rgba] as number) - (drawn[bgr + 2] as number)) + Math.abs((png.data[rgba + 2] as number) - (drawn[bgr] as number));
			}
		}
		expect(difference / (160 * 90 * 2)).toBeLessThan(8);
	});
});
