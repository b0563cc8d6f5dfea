import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {deliveryMessages as m} from '../../delivery/messages.ts';
import {downbeatFrames} from '../../export/downbeat-frames.ts';
import {EXPORT_EXTENSIONS, EXPORT_FORMATS, type ExportFormat, exportTimeline} from '../../export/export-timeline.ts';
import {compileProjectVideos, selectVideos} from '../../project/compile-project-video.ts';
import {loadProject, projectPaths} from '../../project/load-project.ts';
import {formatProblem, SongreelInputError} from '../../problems/problem.ts';
import {createStepProgress} from '../step-progress.ts';

/** `songreel export <id> --format otio|fcpxml|edl [--out file] [--downbeats]`: the cut as a timeline an editor opens. */
export const exportCommand = async (argv: readonly string[], {root}: {readonly root: string}): Promise<number> => {
	const {values, positionals} = parseArgs({args: [...argv], allowPositionals: true, options: {format: {type: 'string'}, out: {type: 'string'}, downbeats: {type: 'boolean', default: false}, compositions: {type: 'string'}}});
	if (positionals.length !== 1) {
		throw new SongreelInputError([m.exportNeedsOneId(positionals.length)]);
	}
	if (values.format === undefined) {
		throw new SongreelInputError([m.missingExportFormat()]);
	}
	if (!EXPORT_FORMATS.includes(values.format as ExportFormat)) {
		throw new SongreelInputError([m.unknownExportFormat(values.format)]);
	}
	const format = values.format as ExportFormat;
	const paths = projectPaths(root, values.compositions);
	const progress = createStepProgress({label: `export ${positionals[0] as string}`});
	let check: Awaited<ReturnType<typeof compileProjectVideos>>[0] | undefined;
	let project: Awaited<ReturnType<typeof loadProject>>;
	try {
		progress.update({phase: 'loading the project'});
		project = await loadProject(paths);
		[check] = await compileProjectVideos({project, videos: selectVideos(project, positionals, path.relative(paths.root, paths.compositionsFile)), paths, onProgress: progress.update});
	} finally {
		progress.finish();
	}
	if (check === undefined || check.result === null) {
		for (const problem of check?.error?.problems ?? []) {
			process.stderr.write(`${formatProblem(problem)}\n`);
		}
		process.stderr.write('nothing exported\n');
		return 1;
	}
	for (const warning of check.result.warnings) {
		process.stderr.write(`warning: ${formatProblem(warning)}\n`);
	}
	const {timeline} = check.result;
	const outputPath = path.resolve(values.out ?? path.join(root, 'out', `${timeline.id}${EXPORT_EXTENSIONS[format]}`));
	await mkdir(path.dirname(outputPath), {recursive: true});
	const downbeats = values.downbeats ? downbeatFrames({tempo: project.song.tempo, fps: timeline.fps, durationInFrames: timeline.durationInFrames}) : [];
	const writing = createStepProgress({label: `export ${timeline.id}`});
	writing.update({phase: `writing ${format}`});
	try {
		await exportTimeline({timeline, format, publicDir: paths.publicDir, outputPath, downbeatFrames: downbeats});
	} finally {
		writing.finish();
	}
	const gaps = timeline.shots.filter((shot) => shot.visual.kind !== 'clip').length;
	process.stdout.write(
		`wrote ${path.relative(process.cwd(), outputPath)}: ${timeline.shots.length} shots${gaps > 0 ? ` (${gaps} as gaps: not clips)` : ''}, ${timeline.shots.filter((s) => s.transitionIn).length} transitions, the song, ` +
			`${timeline.sections.length} section markers${downbeats.length > 0 ? `, ${downbeats.length} downbeats` : ''}, ${timeline.lyrics.length} lyric markers\n`,
	);
	return 0;
};
