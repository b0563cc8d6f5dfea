// Incremental re-render: renders the demo in chunks (cold cache), again unchanged, and again after changing one
// shot, and prints the wall times and how many chunks each run rendered.
// Usage: npm run bench:rerender -- [--chunk-seconds 10]
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {compileProjectVideos} from '../src/project/compile-project-video.ts';
import {loadProject, projectPaths} from '../src/project/load-project.ts';
import {renderInChunks} from '../src/render/render-in-chunks.ts';
import type {Video} from '../src/schemas/video-schema.ts';

const {values} = parseArgs({options: {'chunk-seconds': {type: 'string', default: '10'}}});
const paths = projectPaths(process.cwd());
const project = await loadProject(paths);
const demo = project.videos.find((video) => video.id === 'DemoVideo') as Video;
const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'songreel-rerender-'));
const changed: Video = {
	...demo,
	sections: {...demo.sections, 'chorus-2': {...demo.sections['chorus-2'], shots: (demo.sections['chorus-2']?.shots ?? []).map((shot, i) => (i === 1 ? {...shot, clip: 'demo/clips/sunrise.mp4'} : shot))}},
};
const runs: [string, Video][] = [
	['full render, empty cache', demo],
	['again, nothing changed', demo],
	['one shot changed (chorus-2 shot 2)', changed],
];
try {
	const rows: string[] = [];
	for (const [name, video] of runs) {
		const [check] = await compileProjectVideos({project, videos: [video], paths});
		const timeline = check?.result?.timeline;
		if (!timeline) {
			throw check?.error ?? new Error('compile failed');
		}
		const summary = await renderInChunks({
			entryPoint: paths.entryPoint,
			publicDir: paths.publicDir,
			cacheDir,
			timeline,
			inputProps: {song: project.song, video},
			outputPath: path.join(cacheDir, 'out.mp4'),
			chunkFrames: Math.round(Number(values['chunk-seconds']) * timeline.fps),
		});
		rows.push(`| ${name} | ${summary.renderedChunks}/${summary.chunks} | ${summary.wallInSeconds.toFixed(1)} s |`);
		console.log(rows[rows.length - 1]);
	}
	console.log(`\n| run | chunks rendered | wall |\n|---|---|---|\n${rows.join('\n')}`);
} finally {
	rmSync(cacheDir, {recursive: true, force: true});
}
