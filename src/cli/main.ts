import path from 'node:path';
import {parseArgs} from 'node:util';
import {compileProjectVideos, selectVideos} from '../project/compile-project-video';
import {loadProject, projectPaths} from '../project/load-project';
import {renderInChunks} from '../render/render-in-chunks';
import {RenderCancelledError, renderVideos} from '../render/render-video';
import {writeLyricSidecars} from '../render/write-lyric-sidecars';
import {formatProblem, SongreelInputError} from '../spec/problem';
import {formatBytes, formatClock} from './format';
import {analyzeCommand} from './commands/analyze-command';
import {generateCommand} from './commands/generate-command';
import {lyricsCommand} from './commands/lyrics-command';
import {contactSheetCommand, importCommand, pickCommand, rateCommand, rejectCommand, statsCommand, takesCommand} from './commands/takes-commands';
import {createProgressPrinter} from './progress-printer';
import {withInterrupt} from './with-interrupt';

const HELP = `songreel: cut a song and AI-generated clips into a music video

Usage:
  songreel check  [id...]              validate the compositions file and every asset it uses; render nothing
  songreel render [id...] [options]    render videos (all when no id is given) to out/<id>.mp4
  songreel generate [options]          generate takes for the shot list (remotion/shots.ts)
  songreel takes [shot]                list takes: status, rating, pick, facts, cost, where used
  songreel pick <shot> <take>          choose the take a shot resolves to
  songreel reject <take> --reason "…"  never use a take (clears its pick)
  songreel rate <take> <1-5>           rate a take; unpicked shots use their best-rated take
  songreel stats                       takes generated, complete, failed, picked, used; money and seconds
  songreel import <dir> --shot <id>    register clips downloaded elsewhere as takes of a shot
  songreel contact-sheet <shot>        a PNG of every take of a shot, one row of stills each (out/contact-<shot>.png)
  songreel analyze <audio> [--json] [--write [--force]]
                                       tempo, beats, metre, downbeats, tempo changes, loudness, sections
  songreel lyrics align <audio> <lyrics.txt> [--out file.lrc]
                                       time your lyric text by the recording (transcription with word
                                       timestamps, then sequence alignment); writes enhanced LRC
  songreel help                        show this help

Options for render:
  --out <file>            output file (only with one id); default out/<id>.mp4
  --frames <a-b>          render only frames a to b (inclusive), for a quick look
  --scale <n>             scale the output, e.g. 0.5 for a half-size preview
  --concurrency <n>       browser tabs rendering in parallel (default: number of cores)
  --crf <n>               x264 quality, lower is better (default: Remotion's, 18)
  --chunks                render video-only chunks cached in .songreel/cache (cut where no transition spans),
                          join them and add the song: after a change only the chunks it touches render again
  --chunk-seconds <n>     target chunk length for --chunks (default 10)
Options for generate:
  --shots a,b             only these shots
  --takes <n>             takes wanted per shot (default: the shot list's)
  --provider <p>          offline or openai (default: the shot list's)
  --dry-run               print the plan and its estimated cost; submit nothing
  --budget-usd <x>        refuse a run estimated over x; stop submitting when spent + in flight would pass it
  --retry-failed          give failed takes (moderation, bad request) a new attempt
  --concurrency <n>       jobs in flight at once (default: the shot list's)
  --shot-list <file>      shot list file (default remotion/shots.ts)
Common options:
  --compositions <file>   compositions file (default remotion/compositions.ts)

Environment:
  OPENAI_BASE_URL, OPENAI_API_KEY   the OpenAI-compatible /v1/videos endpoint for --provider openai
  SONGREEL_TRUSTS_IDEMPOTENCY_KEY=0 the endpoint ignores Idempotency-Key: never repeat a create
  SONGREEL_BROWSER_EXECUTABLE   browser to render with (default /usr/bin/chromium-headless-shell when present)
`;

const positiveNumber = (name: string, value: string | undefined): number | null => {
	if (value === undefined) {
		return null;
	}
	const parsed = Number(value);
	if (!Number.isFinite(parsed) || parsed <= 0) {
		throw new SongreelInputError([{file: 'command line', path: `--${name}`, message: `expected a positive number, got "${value}"`}]);
	}
	return parsed;
};

const parseFrameRange = (value: string | undefined): [number, number] | null => {
	if (value === undefined) {
		return null;
	}
	const match = /^(\d+)-(\d+)$/.exec(value);
	if (!match || Number(match[1]) > Number(match[2])) {
		throw new SongreelInputError([{file: 'command line', path: '--frames', message: `expected a range like 0-89, got "${value}"`}]);
	}
	return [Number(match[1]), Number(match[2])];
};

const TAKE_COMMANDS = {generate: generateCommand, takes: takesCommand, pick: pickCommand, reject: rejectCommand, rate: rateCommand, stats: statsCommand, import: importCommand, 'contact-sheet': contactSheetCommand, analyze: (argv: readonly string[]) => analyzeCommand(argv), lyrics: (argv: readonly string[]) => lyricsCommand(argv)} as const;

const run = async (argv: readonly string[]): Promise<number> => {
	const takeCommand = TAKE_COMMANDS[argv[0] as keyof typeof TAKE_COMMANDS];
	if (takeCommand !== undefined && !argv.includes('--help') && !argv.includes('-h')) {
		const paths = projectPaths(process.cwd());
		return takeCommand(argv.slice(1), {root: paths.root, publicDir: paths.publicDir});
	}
	const {values, positionals} = parseArgs({
		args: [...argv],
		allowPositionals: true,
		options: {
			out: {type: 'string'},
			frames: {type: 'string'},
			scale: {type: 'string'},
			concurrency: {type: 'string'},
			crf: {type: 'string'},
			chunks: {type: 'boolean', default: false},
			'chunk-seconds': {type: 'string'},
			compositions: {type: 'string'},
			help: {type: 'boolean', short: 'h'},
		},
	});
	const [command = 'help', ...ids] = positionals;
	if (values.help || command === 'help') {
		process.stdout.write(HELP);
		return 0;
	}
	if (command !== 'check' && command !== 'render') {
		throw new SongreelInputError([{file: 'command line', path: '', message: `unknown command "${command}"`, fix: 'run "songreel help" for the commands'}]);
	}
	const paths = projectPaths(process.cwd(), values.compositions);
	const project = await loadProject(paths);
	const file = path.relative(paths.root, paths.compositionsFile);
	const videos = selectVideos(project, ids, file);
	const checks = await compileProjectVideos({project, videos, paths});
	let problemCount = 0;
	for (const check of checks) {
		if (check.error) {
			problemCount += check.error.problems.length;
			for (const problem of check.error.problems) {
				process.stderr.write(`${formatProblem(problem)}\n`);
			}
			continue;
		}
		for (const warning of check.result.warnings) {
			process.stderr.write(`warning: ${formatProblem(warning)}\n`);
		}
		const {timeline} = check.result;
		process.stdout.write(
			`${timeline.id}: ${timeline.width}x${timeline.height} at ${timeline.fps} fps, ${timeline.durationInFrames} frames (${formatClock(timeline.durationInFrames / timeline.fps)}), ` +
				`${timeline.sections.length} sections, ${timeline.shots.length} shots, ${timeline.shots.filter((s) => s.transitionIn).length} transitions, ${timeline.lyrics.length} lyric lines\n`,
		);
	}
	if (problemCount > 0) {
		process.stderr.write(`${problemCount} problem${problemCount === 1 ? '' : 's'}; nothing rendered\n`);
		return 1;
	}
	if (command === 'check') {
		process.stdout.write('ok\n');
		return 0;
	}
	if (values.out !== undefined && checks.length !== 1) {
		throw new SongreelInputError([{file: 'command line', path: '--out', message: `works with one composition, ${checks.length} selected`, fix: 'name one id, e.g. songreel render DemoVideo --out out/x.mp4'}]);
	}
	const printer = createProgressPrinter();
	const concurrency = positiveNumber('concurrency', values.concurrency);
	const crf = positiveNumber('crf', values.crf);
	const scale = positiveNumber('scale', values.scale);
	if (values.chunks) {
		const chunkSeconds = positiveNumber('chunk-seconds', values['chunk-seconds']) ?? 10;
		return withInterrupt('stopping: finished chunks stay in the cache', async (signal) => {
			const started = performance.now();
			for (const check of checks) {
				const timeline = (check.result as NonNullable<typeof check.result>).timeline;
				if (timeline.shots.some((shot) => shot.visual.kind === 'clip' && shot.visual.volume > 0)) {
					throw new SongreelInputError([{file, path: `videos.${timeline.id}`, message: 'a shot plays its clip\'s audio (clipVolume), which chunked renders do not mix', fix: 'render without --chunks'}]);
				}
				const outputPath = path.resolve(values.out ?? `out/${timeline.id}.mp4`);
				const summary = await renderInChunks({
					entryPoint: paths.entryPoint,
					publicDir: paths.publicDir,
					cacheDir: path.join(paths.root, '.songreel/cache/chunks'),
					timeline,
					inputProps: {song: project.song, video: check.video},
					outputPath,
					chunkFrames: Math.round(chunkSeconds * timeline.fps),
					concurrency: concurrency === null ? null : Math.round(concurrency),
					signal,
					onProgress: (progress) => printer.update({label: `${timeline.id} chunk ${progress.chunk}/${progress.chunks}`, done: progress.renderedFrames, total: progress.framesToRender, elapsedInSeconds: (performance.now() - started) / 1000}),
				});
				printer.finish();
				const sidecars = await writeLyricSidecars(timeline, outputPath);
				process.stdout.write(
					`wrote ${path.relative(process.cwd(), outputPath)}: ${summary.frames} frames in ${summary.chunks} chunks, ${summary.renderedChunks} rendered, ${summary.chunks - summary.renderedChunks} from the cache, ${summary.wallInSeconds.toFixed(1)} s${sidecars.length > 0 ? '; lyrics: lrc, srt, vtt' : ''}\n`,
				);
			}
			return 0;
		});
	}
	process.stderr.write('bundling…\n');
	return withInterrupt('stopping: removing the partial output', async (signal) => {
		try {
			const summaries = await renderVideos({
				entryPoint: paths.entryPoint,
				publicDir: paths.publicDir,
				jobs: checks.map((check) => {
					const timeline = (check.result as NonNullable<typeof check.result>).timeline;
					return {timeline, outputPath: path.resolve(values.out ?? `out/${timeline.id}.mp4`), inputProps: {song: project.song, video: check.video}};
				}),
				concurrency: concurrency === null ? null : Math.round(concurrency),
				crf,
				frameRange: parseFrameRange(values.frames),
				...(scale === null ? {} : {scale}),
				signal,
				onProgress: (id, progress) => printer.update({label: id, done: progress.renderedFrames, total: progress.totalFrames, elapsedInSeconds: progress.elapsedInSeconds}),
			});
			printer.finish();
			for (const [index, summary] of summaries.entries()) {
				const sidecars = await writeLyricSidecars((checks[index]?.result as NonNullable<(typeof checks)[0]['result']>).timeline, summary.outputPath);
				process.stdout.write(
					`wrote ${path.relative(process.cwd(), summary.outputPath)}: ${summary.frames} frames in ${summary.renderInSeconds.toFixed(1)} s ` +
						`(${(summary.frames / summary.renderInSeconds).toFixed(1)} fps; bundling ${summary.bundleInSeconds.toFixed(1)} s, wall ${summary.wallInSeconds.toFixed(1)} s), ${formatBytes(summary.sizeInBytes)}${sidecars.length > 0 ? `; lyrics: ${sidecars.map((f) => path.extname(f).slice(1)).join(', ')}` : ''}\n`,
				);
			}
			return 0;
		} catch (error) {
			printer.finish();
			if (error instanceof RenderCancelledError) {
				process.stderr.write('render cancelled; no output written\n');
				return 130;
			}
			throw error;
		}
	});
};

/** Runs the songreel command line: user errors print their problems and exit 1, bugs show their stack. */
export const main = async (argv: readonly string[]): Promise<void> => {
	try {
		process.exitCode = await run(argv);
	} catch (error) {
		if (error instanceof SongreelInputError) {
			for (const problem of error.problems) {
				process.stderr.write(`${formatProblem(problem)}\n`);
			}
			process.exitCode = 1;
			return;
		}
		if (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
			process.stderr.write(`${error.message}\nrun "songreel help" for the options\n`);
			process.exitCode = 1;
			return;
		}
		throw error;
	}
};
