import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {deliveryMessages as m} from '../../delivery/messages.ts';
import {downbeatFrames} from '../../export/downbeat-frames.ts';
import {EXPORT_EXTENSIONS, EXPORT_FORMATS, type ExportFormat, exportTimeline} from '../../export/export-timeline.ts';
import type {ClipSize} from '../../export/edit-plan.ts';
import {compileProjectVideos, selectVideos, type VideoCheck} from '../../project/compile-project-video.ts';
import {loadProject, projectPaths} from '../../project/load-project.ts';
import {formatProblem, SongreelInputError} from '../../problems/problem.ts';
import {isMissing} from '../../timeline/timeline-facts.ts';
import {checkOutputPaths} from '../check-output-paths.ts';
import {createStepProgress} from '../step-progress.ts';

/** Clip sizes the probe found, by path under public/, for placing reframed clips in an export. */
const clipSizesOf = (facts: VideoCheck['facts']): Record<string, ClipSize> =>
	Object.fromEntries(Object.entries(facts.clips).flatMap(([src, fact]) => (isMissing(fact) || fact.width === null || fact.height === null ? [] : [[src, {width: fact.width, height: fact.height}]])));

/**
 * `songreel export <id> --format otio|fcpxml|edl [--deliverable d|all] [--out file] [--downbeats]`: the cut as a timeline an
 * editor opens, at the video's size or a deliverable's (its frame size, each clip's fit and focus where the format holds them).
 */
export const exportCommand = async (argv: readonly string[], {root}: {readonly root: string}): Promise<number> => {
	const {values, positionals} = parseArgs({args: [...argv], allowPositionals: true, options: {format: {type: 'string'}, out: {type: 'string'}, downbeats: {type: 'boolean', default: false}, compositions: {type: 'string'}, deliverable: {type: 'string'}}});
	if (positionals.length !== 1) {
		throw new SongreelInputError([m.exportNeedsOneId(positionals.length)]);
	}
	if (values.format === undefined) {
		throw new SongreelInputError([m.missingExportFormat()]);
	}
	if (!EXPORT_FORMATS.includes(values.format as ExportFormat)) {
		throw new SongreelInputError([m.unknownExportFormat(values.format)]);
	}
	if (values.deliverable === 'all' && values.out !== undefined) {
		throw new SongreelInputError([m.exportOutWithAllDeliverables()]);
	}
	if (values.out !== undefined) {
		await checkOutputPaths([{option: '--out', value: values.out, kind: 'file'}], process.cwd());
	}
	const format = values.format as ExportFormat;
	const paths = projectPaths(root, values.compositions);
	const progress = createStepProgress({label: `export ${positionals[0] as string}`});
	let checks: VideoCheck[];
	let project: Awaited<ReturnType<typeof loadProject>>;
	try {
		progress.update({phase: 'loading the project'});
		project = await loadProject(paths);
		// An unknown --deliverable is refused here, naming the video's deliverables, before any file is probed.
		checks = await compileProjectVideos({project, videos: selectVideos(project, positionals, path.relative(paths.root, paths.compositionsFile)), paths, onProgress: progress.update, deliverables: values.deliverable ?? null});
	} finally {
		progress.finish();
	}
	const failed = checks.filter((check) => check.result === null);
	if (checks.length === 0 || failed.length > 0) {
		// A deliverable shares its video's sections: a problem in them is printed once.
		for (const line of new Set(failed.flatMap((check) => check.error?.problems.map(formatProblem) ?? []))) {
			process.stderr.write(`${line}\n`);
		}
		process.stderr.write('nothing exported\n');
		return 1;
	}
	for (const check of checks) {
		if (check.result === null) {
			continue;
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
			await exportTimeline({timeline, format, publicDir: paths.publicDir, outputPath, downbeatFrames: downbeats, clipSizes: clipSizesOf(check.facts)});
		} finally {
			writing.finish();
		}
		const gaps = timeline.shots.filter((shot) => shot.visual.kind !== 'clip').length;
		process.stdout.write(
			`wrote ${path.relative(process.cwd(), outputPath)} (${timeline.width}x${timeline.height}${format === 'edl' ? '; an EDL holds no frame size or reframing' : ''}): ${timeline.shots.length} shots${gaps > 0 ? ` (${gaps} as gaps: not clips)` : ''}, ${timeline.shots.filter((s) => s.transitionIn).length} transitions, the song, ` +
				`${timeline.sections.length} section markers${downbeats.length > 0 ? `, ${downbeats.length} downbeats` : ''}, ${timeline.lyrics.length} lyric markers\n`,
		);
	}
	return 0;
};
