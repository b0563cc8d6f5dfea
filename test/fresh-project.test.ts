import {execFile} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {remotionBinary} from '../src/media/remotion-ffmpeg.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const fixture = path.join(root, 'test/fixtures/fresh-project');

type LockPackage = {version?: string; resolved?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, {optional?: boolean}>; dev?: boolean; devOptional?: boolean; optional?: boolean; peer?: boolean};

/**
 * A lockfile for a project that depends on `wanted`, cut out of songreel's own: the same versions at the same
 * places, so `npm ci --offline` installs it from the npm cache that songreel's own install filled (tests may not
 * reach the network).
 */
const lockFor = (wanted: Record<string, string>): unknown => {
	const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {packages: Record<string, LockPackage>};
	const found = (from: string, name: string): string | null => {
		for (let dir = from; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
			const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
			if (lock.packages[candidate]) {
				return candidate;
			}
			if (dir === '') {
				return null;
			}
		}
	};
	const kept = new Set<string>();
	const visit = (at: string): void => {
		if (kept.has(at)) {
			return;
		}
		kept.add(at);
		const entry = lock.packages[at] as LockPackage;
		const optionalPeers = new Set(Object.entries(entry.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional).map(([name]) => name));
		for (const name of [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeers.has(name))]) {
			const next = found(at, name);
			if (next) {
				visit(next);
			}
		}
	};
	for (const name of Object.keys(wanted)) {
		visit(`node_modules/${name}`);
	}
	const packages = Object.fromEntries(
		[...kept].map((at) => {
			const {dev: _dev, devOptional: _devOptional, peer: _peer, ...rest} = lock.packages[at] as LockPackage;
			return [at, rest];
		}),
	);
	return {name: 'fresh-project', version: '1.0.0', lockfileVersion: 3, requires: true, packages: {'': {name: 'fresh-project', version: '1.0.0', dependencies: wanted}, ...packages}};
};

// The pixel at (x, y) of frame `index` of a video, as RGB.
const pixelOf = async (video: string, index: number, x: number, y: number): Promise<[number, number, number]> => {
	const {stdout} = await run(remotionBinary('ffmpeg'), ['-v', 'error', '-i', video, '-vf', `trim=start_frame=${index}`, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], {encoding: 'buffer', maxBuffer: 64 << 20});
	const offset = (y * 320 + x) * 3;
	return [stdout[offset] as number, stdout[offset + 1] as number, stdout[offset + 2] as number];
};

describe('songreel installed into a fresh Remotion project', () => {
	let dir = '';
	beforeAll(async () => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'songreel-fresh-'));
		// The package as it would be published: npm pack runs the build.
		const {stdout} = await run('npm', ['pack', '--json', '--pack-destination', dir], {cwd: root, maxBuffer: 64 << 20});
		const tarball = path.join(dir, (JSON.parse(stdout) as {filename: string}[])[0]?.filename as string);
		const project = path.join(dir, 'project');
		cpSync(fixture, project, {recursive: true});
		mkdirSync(path.join(project, 'public'));
		cpSync(path.join(root, 'public/demo/song.wav'), path.join(project, 'public/song.wav'));
		cpSync(path.join(root, 'public/demo/clips/crowd.mp4'), path.join(project, 'public/a.mp4'));
		cpSync(path.join(root, 'public/demo/clips/train.mp4'), path.join(project, 'public/b.mp4'));
		// A Remotion template's dependencies, plus what songreel asks of its host (its peers at the versions it pins).
		const own = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {dependencies: Record<string, string>; peerDependencies: Record<string, string>};
		const wanted = {...own.dependencies, ...own.peerDependencies, '@remotion/cli': own.peerDependencies['@remotion/cli'] as string, typescript: '5.9.3', '@types/react': '19.3.0'};
		delete (wanted as Record<string, string>)['@remotion/lambda'];
		writeFileSync(path.join(project, 'package.json'), JSON.stringify({name: 'fresh-project', version: '1.0.0', private: true, type: 'module', dependencies: wanted}, null, 2));
		writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify(lockFor(wanted), null, 2));
		await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {cwd: project});
		// Its peers are installed already, at the versions it asks; npm's peer check would want registry metadata, which a test may not fetch.
		await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-save', '--legacy-peer-deps', tarball], {cwd: project});
	}, 600_000);
	afterAll(() => {
		if (!process.env.SONGREEL_KEEP_TEMP) {
			rmSync(dir, {recursive: true, force: true});
		}
	});

	test('installs the packed tarball with its types, and the project type-checks against them', async () => {
		const installed = readdirSync(path.join(dir, 'project/node_modules/songreel/dist'));
		expect(installed).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'node.js', 'remotion']));
		await run(path.join(dir, 'project/node_modules/.bin/tsc'), ['-p', '.'], {cwd: path.join(dir, 'project')});
	}, 120_000);

	test('renders its own layer and transition with Remotion\'s CLI and with songreel\'s', async () => {
		const project = path.join(dir, 'project');
		await run(path.join(project, 'node_modules/.bin/remotion'), ['render', 'FreshVideo', 'out/remotion.mp4', '--frames=70-100', '--log=error'], {cwd: project});
		await run(path.join(project, 'node_modules/.bin/songreel'), ['render', 'FreshVideo', '--frames', '70-100', '--out', 'out/songreel.mp4'], {cwd: project});
		for (const video of ['out/remotion.mp4', 'out/songreel.mp4']) {
			const file = path.join(project, video);
			// Frame 70 is before the flash (74–90) and the title card (82 on): neither magenta nor green.
			const [r0, g0, b0] = await pixelOf(file, 0, 160, 150);
			expect(r0 > 200 && g0 < 60 && b0 > 200).toBe(false);
			// Frame 75: just into the flash, the project's transition paints the frame magenta.
			const [r1, g1, b1] = await pixelOf(file, 5, 160, 150);
			expect([r1 > 180, g1 < 90, b1 > 180]).toEqual([true, true, true]);
			// The title card shows in its range only: not at frame 71, green at frame 95.
			const [, gBefore] = await pixelOf(file, 1, 20, 20);
			const [rAfter, gAfter, bAfter] = await pixelOf(file, 25, 20, 20);
			expect(gBefore > 200 && rAfter < 60).toBe(false);
			expect([rAfter < 60, gAfter > 200, bAfter < 60]).toEqual([true, true, true]);
		}
	}, 600_000);

	test('fails a render whose own component throws with one line naming it and the frame, and writes no file', async () => {
		const project = path.join(dir, 'project');
		const failed = await run(path.join(project, 'node_modules/.bin/songreel'), ['render', 'BrokenVideo', '--frames', '80-84', '--out', 'out/broken.mp4'], {cwd: project}).then(
			() => null,
			(error: {code: number; stderr: string}) => error,
		);
		expect(failed?.code).toBe(1);
		expect(failed?.stderr).toMatch(/video\/layer-1: your component "Boom" threw at frame 8[2-4]: the visualiser lost its data; the render stopped and wrote no file/);
		expect(failed?.stderr).not.toMatch(/^\s+at /m);
		expect(existsSync(path.join(project, 'out/broken.mp4'))).toBe(false);
	}, 300_000);
});
