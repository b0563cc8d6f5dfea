// Measures the clip element choice (`clipElement` in a video): renders the same frames of the demo with
// @remotion/media's Video and with OffthreadVideo, at 720p and 1080p, and prints frames per second.
// Usage: npm run bench:clip-element -- [--frames 150]
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {compileProjectVideos} from '../src/project/compile-project-video.ts';
import {loadProject, projectPaths} from '../src/project/load-project.ts';
import {renderVideos} from '../src/render/render-video.ts';
import type {Video} from '../src/schemas/video-schema.ts';

const {values} = parseArgs({options: {frames: {type: 'string', default: '150'}, start: {type: 'string', default: '270'}}});
const frames = Number(values.frames);
const start = Number(values.start);
const paths = projectPaths(process.cwd());
const project = await loadProject(paths);
const demo = project.videos.find((video) => video.id === 'DemoVideo') as Video;
const outDir = await mkdtemp(path.join(os.tmpdir(), 'songreel-bench-'));
const rows: string[] = [];
try {
	for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
		for (const clipElement of ['video', 'offthread-video'] as const) {
			const video: Video = {...demo, width, height, clipElement};
			const [check] = await compileProjectVideos({project, videos: [video], paths});
			if (!check?.result) {
				throw check?.error ?? new Error('compile failed');
			}
			const [summary] = await renderVideos({
				entryPoint: paths.entryPoint,
				publicDir: paths.publicDir,
				jobs: [{timeline: check.result.timeline, outputPath: path.join(outDir, `${clipElement}-${height}.mp4`), inputProps: {song: project.song, video}}],
				frameRange: [start, start + frames - 1],
			});
			const fps = (summary?.frames ?? 0) / (summary?.renderInSeconds ?? 1);
			rows.push(`| ${clipElement.padEnd(15)} | ${String(height).padStart(5)}p | ${String(frames).padStart(6)} | ${summary?.renderInSeconds.toFixed(1).padStart(8)} s | ${fps.toFixed(1).padStart(5)} |`);
			console.log(rows[rows.length - 1]);
		}
	}
} finally {
	await rm(outDir, {recursive: true, force: true});
}
console.log(`\nframes ${start}-${start + frames - 1} of DemoVideo, ${os.availableParallelism()} cores\n| element         | size   | frames | render     | fps   |\n|---|---|---|---|---|\n${rows.join('\n')}`);
