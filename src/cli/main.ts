import {stat} from 'node:fs/promises';
import {createRequire} from 'node:module';
import path from 'node:path';
import {compileProjectVideos, selectVideos} from '../project/compile-project-video.ts';
import {loadProject, projectPaths} from '../project/load-project.ts';
import type {X264Preset} from '@remotion/renderer';
import {writeFileAtomically} from '../media/write-file-atomically.ts';
import {DEFAULT_ENCODER_SETTINGS, type EncoderSettings} from '../render/encoder-settings.ts';
import type {ChunkedRenderSummary} from '../render/render-in-chunks.ts';
import {pickEngine, type RenderedVideo, renderProject} from '../render/render-project.ts';
import {LambdaRenderFailedError, LambdaRenderLostError, lambdaSetupProblems, type LambdaSettings} from '../render/lambda-settings.ts';
import type {AwsRegion} from '@remotion/lambda';
import {RenderCancelledError} from '../render/render-cancelled-error.ts';
import {formatProblem, type Problem, SongreelInputError} from '../problems/problem.ts';
import {checkJson, printJson, type RenderedVideoJson, renderedVideoJson, renderJson} from './json-output.ts';
import {formatBytes, formatClock} from './format.ts';
import {createProgressPrinter} from './progress-printer.ts';
import type {DeliveryOptions} from '../delivery/deliver-render.ts';
import {joinNegativeNumberValues, parseC2paOptions, parseLoudnessOptions, videoDelivery} from '../delivery/loudness-options.ts';
import {helpFor, versionText} from './help.ts';
import {withInterrupt} from './with-interrupt.ts';
import {checkBrowser} from './check-browser.ts';
import {checkOutputPaths} from './check-output-paths.ts';
import {cliMessages} from './cli-messages.ts';
import {findProjectCodeFailure} from '../problems/project-code-failure.ts';
import {checkFrameRange, parseRenderCommandLine, renderParallelism} from './options.ts';
import {prepareRenderCleanup} from '../render/cleanup/prepare-render-cleanup.ts';

const HELP = `songreel: cut a song and AI-generated clips into a music video

Usage:
  songreel check  [id...] [--json]     validate the compositions file and every asset it uses; render nothing
  songreel render [id...] [options]    render videos (all when no id is given) to out/<id>.mp4
  songreel generate [options]          generate takes for the shot list (remotion/shots.ts)
  songreel generate --for <video>      generate takes for the video's "generate" shots, as long as their slots
  songreel takes [shot] [--json]       list takes: status, rating, pick, facts, cost, QC score and flags, where used
  songreel qc [shot]                   run automatic take QC again (black, blank, frozen, flicker, bars, length, size,
                                       near-duplicates) and print each take's flags
  songreel pick <shot> <take>          choose the take a shot resolves to
  songreel reject <take> --reason "…"  never use a take (clears its pick)
  songreel rate <take> <1-5>           rate a take; unpicked shots use their best-rated take
  songreel stats [--json]              takes generated, complete, failed, picked, used; money and seconds
  songreel import <dir> --shot <id>    register clips downloaded elsewhere as takes of a shot
  songreel contact-sheet <shot>        a PNG of every take of a shot, one row of stills each (out/contact-<shot>.png)
  songreel last-frame <take> [--out f] a take's last frame as a PNG (default public/refs/<shot>-<take>-last.png),
                                       for the next shot's referenceImage (sent as the provider's image input)
  songreel analyze <audio> [--json] [--write [--force]]
                                       tempo, beats, metre, downbeats, tempo changes, loudness, sections
  songreel lyrics align <audio> <lyrics.txt> [--out file.lrc]
                                       time your lyric text by the recording (transcription with word
                                       timestamps, then sequence alignment); writes enhanced LRC
  songreel export <id> --format otio|fcpxml|edl [--deliverable d|all] [--out file] [--downbeats]
                                       the cut as a timeline for an editor: clips with source in/out and
                                       speed, transitions, the song, markers at sections (and downbeats), lyrics;
                                       --deliverable: at that size, each clip's fit and focus as a transform
  songreel help                        show this help

Options for render:
  --out <file>            output file (only with one id); default out/<id>.mp4
  --deliverable <d>|all   render the video's deliverable d (another size of the same edit, declared in the video's
                          deliverables) to out/<id>.<d>.mp4; all: the video and every deliverable
  --engine <e>            chunks (default): plain clip playback straight from the clips, the rest in the browser,
                          in chunks cached in .songreel/cache/chunks, joined, the song muxed once; after a change
                          only the chunks it touches render again. remotion: one Remotion render of the whole
                          video (used anyway when a shot plays its clip's audio, or with --frames/--scale)
  --browser-only          chunks engine, but every chunk drawn by the browser (to compare, or to rule out the
                          direct path)
  --chunk-seconds <n>     target chunk length (default 8)
  --workers <n>           chunks engine: worker processes rendering chunks side by side (default 1; each opens
                          its own browser)
  --tabs <n>              browser tabs each browser renders with (chunks engine: per worker; remotion engine:
                          the one browser's; default: Remotion's, half the cores)
  --json                  print one JSON document summarising what was written (see README), nothing else on stdout
  --preset <p>            x264 preset, ultrafast…veryslow (default veryfast)
  --crf <n>               x264 quality, lower is better (default 18)
  --cache <dir>           chunk cache folder (default .songreel/cache/chunks)
  --report <file.json>    also write what the render did and where its time went as JSON
  --lambda                render on Remotion Lambda instead of this machine (AWS credentials and a deployed
                          function needed; see README): deploys the site with public/, renders, downloads
  --region <r>            AWS region for --lambda (default $REMOTION_AWS_REGION or $AWS_REGION)
  --function-name <f>     Lambda function (default: the first one deployed for this Remotion version)
  --frames-per-lambda <n> frames each Lambda renders (default: Remotion's)
  --frames <a-b>          render only frames a to b (inclusive), for a quick look (remotion engine)
  --scale <n>             scale the output, e.g. 0.5 for a half-size preview (remotion engine)
  --loudness <LUFS>       deliver the audio at this integrated loudness (-70…0; -14 for YouTube), measured by
                          ITU-R BS.1770-4; without it the song is untouched. Every render also gets chapters
                          (<id>.chapters.txt for YouTube) and credits (<id>.credits.json, .md)
  --true-peak-ceiling <dBTP>  with --loudness: the highest true peak allowed (default -1); a limiter holds it
  --c2pa-cert <chain.pem> --c2pa-key <key.pem>
                          sign the MP4 with a C2PA manifest stating its AI-generated takes (optional package
                          @contentauth/c2pa-node; see README)
Options for generate:
  --shots a,b             only these shots
  --takes <n>             takes wanted per shot (default: the shot list's)
  --provider <p>          offline, openai, runway, veo or replicate (default: the shot list's)
  --dry-run               print the plan and its estimated cost; submit nothing
  --budget-usd <x>        cap this run: refuse a run estimated over x; never commit more than x to new jobs
  --project-budget-usd <x> cap the project: billed so far (the ledger in public/takes/takes.json, failed-but-billed
                          jobs included) + jobs in flight + this run's creates never pass x
  --retry-failed          give takes that failed for good (moderation, bad request, expired) a new attempt
  --jobs <n>              provider jobs in flight at once (default: the shot list's)
  --shot-list <file>      shot list file (default remotion/shots.ts)
  --for <video>           generation from the edit: takes for the video's shots with "generate", each as long as
                          its slot (rounded up to the provider's lengths), in the video's aspect; the best take of
                          each slot is picked; shots with continueFrom: 'previous' start from the previous shot's
                          last shown frame, after its pick. --shots then names generated shot ids
  --no-pick               with --for: pick nothing; continuing shots wait for "songreel pick"
Common options:
  --compositions <file>   compositions file (default: remotion/compositions.ts, else src/compositions.ts)
  --entry-point <file>    Remotion entry point that registers the project (default: remotion/index.ts, else src/index.ts)
  --json                  (check, takes, stats, render, analyze) one JSON document on stdout for scripts (shapes in README)
Renamed options (the old name works for one release and prints a warning naming the new one):
  --concurrency           render: --workers (chunks engine) or --tabs (remotion engine); generate: --jobs

Environment:
  OPENAI_BASE_URL, OPENAI_API_KEY   the OpenAI-compatible /v1/videos endpoint for --provider openai
  RUNWAYML_API_SECRET [, RUNWAYML_BASE_URL]  Runway's API for --provider runway
  GEMINI_API_KEY [, GEMINI_BASE_URL]  the Gemini API (Veo) for --provider veo
  REPLICATE_API_TOKEN [, REPLICATE_BASE_URL]  Replicate's API for --provider replicate
  SONGREEL_BROWSER_EXECUTABLE   browser to render with (default /usr/bin/chromium-headless-shell when present)
`;

type Command = (argv: readonly string[], context: {root: string; publicDir: string}) => Promise<number>;
// Each command's module is loaded when it runs: `render` never waits for the providers' SDKs or the analysis.
const takesCommands = () => import('./commands/takes-commands.ts');
const TAKE_COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
	generate: async () => (await import('./commands/generate-command.ts')).generateCommand,
	takes: async () => (await takesCommands()).takesCommand,
	qc: async () => (await takesCommands()).qcCommand,
	'last-frame': async () => (await import('./commands/last-frame-command.ts')).lastFrameCommand,
	pick: async () => (await takesCommands()).pickCommand,
	reject: async () => (await takesCommands()).rejectCommand,
	rate: async () => (await takesCommands()).rateCommand,
	stats: async () => (await takesCommands()).statsCommand,
	import: async () => (await takesCommands()).importCommand,
	'contact-sheet': async () => (await takesCommands()).contactSheetCommand,
	analyze: async () => {
		const {analyzeCommand} = await import('./commands/analyze-command.ts');
		return (argv) => analyzeCommand(argv);
	},
	lyrics: async () => {
		const {lyricsCommand} = await import('./commands/lyrics-command.ts');
		return (argv) => lyricsCommand(argv);
	},
	export: async () => (await import('./commands/export-command.ts')).exportCommand,
};

const run = async (argv: readonly string[]): Promise<number> => {
	if (argv[0] === '--version' || argv[0] === '-v' || argv[0] === 'version') {
		process.stdout.write(versionText((createRequire(import.meta.url)('../../package.json') as {version: string}).version));
		return 0;
	}
	// `songreel <command> --help`: that command's help with an example; the overview for anything else.
	if (argv.includes('--help') || argv.includes('-h')) {
		process.stdout.write(helpFor(argv[0] ?? '') ?? HELP);
		return 0;
	}
	const loadCommand = Object.hasOwn(TAKE_COMMANDS, argv[0] ?? '') ? TAKE_COMMANDS[argv[0] as string] : undefined;
	if (loadCommand !== undefined) {
		const paths = projectPaths(process.cwd());
		return (await loadCommand())(argv.slice(1), {root: paths.root, publicDir: paths.publicDir});
	}
	const {command, ids, options: values} = parseRenderCommandLine(joinNegativeNumberValues(argv));
	if (values.help || command === 'help') {
		process.stdout.write(HELP);
		return 0;
	}
	if (values.concurrency !== null) {
		for (const replacement of ['workers', 'tabs'] as const) {
			if (values[replacement] !== null) {
				throw new SongreelInputError([{file: 'command line', path: '--concurrency', message: cliMessages.bothOldAndNewOption('--concurrency', `--${replacement}`)}]);
			}
		}
	}
	const paths = projectPaths(process.cwd(), values.compositions ?? undefined, values['entry-point'] ?? undefined);
	const delivery: DeliveryOptions = {loudness: parseLoudnessOptions({loudness: values.loudness ?? undefined, truePeakCeiling: values['true-peak-ceiling'] ?? undefined}), c2pa: parseC2paOptions({cert: values['c2pa-cert'] ?? undefined, key: values['c2pa-key'] ?? undefined})};
	if (command === 'render') {
		// Everything a render needs from outside the project is checked before the project is even loaded.
		await checkOutputPaths(
			[
				...(values.out === null ? [] : [{option: '--out', value: values.out, kind: 'file' as const}]),
				...(values.report === null ? [] : [{option: '--report', value: values.report, kind: 'file' as const}]),
				...(values.cache === null ? [] : [{option: '--cache', value: values.cache, kind: 'folder' as const}]),
			],
			process.cwd(),
		);
		if (!values.lambda) {
			checkBrowser({root: paths.root});
		}
	}
	// With --json, stdout carries one JSON document and nothing else; problems and warnings still go to stderr.
	const json = values.json;
	const file = path.relative(paths.root, paths.compositionsFile);
	let project: Awaited<ReturnType<typeof loadProject>>;
	let videos: ReturnType<typeof selectVideos>;
	try {
		project = await loadProject(paths);
		videos = selectVideos(project, ids, file);
	} catch (error) {
		// A file that does not load is still a check result for a script: the document lists its problems.
		if (json && command === 'check' && error instanceof SongreelInputError) {
			process.stdout.write(printJson(checkJson({videos: [], problems: error.problems})));
		}
		throw error;
	}
	// check compiles every deliverable; render the videos themselves unless --deliverable names one (or all).
	const checks = await compileProjectVideos({project, videos, paths, deliverables: values.deliverable ?? (command === 'check' ? 'all' : null)});
	const problems: Problem[] = [];
	const seen = new Set<string>();
	for (const check of checks) {
		if (check.error) {
			// A deliverable shares its video's sections: a problem in them is reported once.
			for (const problem of check.error.problems.filter((p) => !seen.has(formatProblem(p)))) {
				seen.add(formatProblem(problem));
				problems.push(problem);
				process.stderr.write(`${formatProblem(problem)}\n`);
			}
			continue;
		}
		for (const warning of check.result.warnings) {
			process.stderr.write(`warning: ${formatProblem(warning)}\n`);
		}
		const {timeline} = check.result;
		if (!json) {
			process.stdout.write(
				`${timeline.id}: ${timeline.width}x${timeline.height} at ${timeline.fps} fps, ${timeline.durationInFrames} frames (${formatClock(timeline.durationInFrames / timeline.fps)}), ` +
					`${timeline.sections.length} sections, ${timeline.shots.length} shots, ${timeline.shots.filter((s) => s.transitionIn).length} transitions, ${timeline.lyrics.length} lyric lines\n`,
			);
		}
	}
	if (json && command === 'check') {
		const compiled = checks.flatMap((check) => (check.result === null ? [] : [{id: check.sourceVideoId, deliverable: check.deliverable?.id ?? null, timeline: check.result.timeline, warnings: check.result.warnings}]));
		process.stdout.write(printJson(checkJson({videos: compiled, problems})));
	}
	if (problems.length > 0) {
		process.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing rendered\n`);
		return 1;
	}
	if (command === 'check') {
		if (!json) {
			process.stdout.write('ok\n');
		}
		return 0;
	}
	if (values.out !== null && checks.length !== 1) {
		throw new SongreelInputError([{file: 'command line', path: '--out', message: `works with one composition, ${checks.length} selected`, fix: 'name one id, e.g. songreel render DemoVideo --out out/x.mp4'}]);
	}
	const printer = createProgressPrinter();
	const {crf, scale} = values;
	const preset = (values.preset ?? DEFAULT_ENCODER_SETTINGS.preset) as X264Preset;
	const encoder: EncoderSettings = {preset, crf: crf ?? DEFAULT_ENCODER_SETTINGS.crf};
	const engine = (values.engine ?? 'chunks') as 'chunks' | 'remotion';
	const timelines = checks.map((check) => (check.result as NonNullable<typeof check.result>).timeline);
	let lambda: LambdaSettings | null = null;
	if (values.lambda) {
		const region = values.region ?? process.env.REMOTION_AWS_REGION ?? process.env.AWS_REGION ?? null;
		const problems = lambdaSetupProblems(process.env, region);
		if (problems.length > 0) {
			throw new SongreelInputError(problems);
		}
		const framesPerLambda = values['frames-per-lambda'];
		lambda = {region: region as AwsRegion, functionName: values['function-name'] ?? null, siteName: `songreel-${path.basename(paths.root)}`.replace(/[^a-z0-9-]/gi, '-').toLowerCase(), framesPerLambda: framesPerLambda === null ? null : Math.round(framesPerLambda)};
	}
	const frameRange = values.frames === null ? null : checkFrameRange(values.frames, timelines);
	const cleanup = await prepareRenderCleanup({cacheDir: path.resolve(values.cache ?? path.join(paths.root, '.songreel/cache/chunks')), outputPaths: timelines.map((t) => path.resolve(values.out ?? `out/${t.id}.mp4`))});
	if (cleanup.note !== null) {
		process.stderr.write(`${cleanup.note}\n`);
	}
	const {engine: chosen, note} = pickEngine({requested: values.lambda ? 'lambda' : engine, timelines, partial: frameRange !== null || scale !== null});
	if (note !== null) {
		process.stderr.write(`note: ${note}\n`);
	}
	// 8 s: a changed shot re-renders 3.4–3.6 % of the benchmark's 4 minutes (10 s: 4.7–5.1 %), and the full render
	// takes the same time (31 chunks against 25, each encoder flushing while the next chunk's decoders start).
	const chunkSeconds = values['chunk-seconds'] ?? 8;
	const {workers, tabs, warning} = renderParallelism({workers: values.workers, tabs: values.tabs, concurrency: values.concurrency, engine: chosen});
	if (warning !== null) {
		process.stderr.write(`warning: ${warning}\n`);
	}
	const stopping = {chunks: 'stopping: finished chunks stay in the cache', remotion: 'stopping: removing the partial output', lambda: 'stopping: cancelling the Lambda render (its functions stop within seconds); nothing is downloaded'}[chosen];
	if (chosen === 'remotion') {
		process.stderr.write('bundling…\n');
	}
	return withInterrupt(stopping, async (signal) => {
		const reports: ChunkedRenderSummary[] = [];
		const summaries: RenderedVideoJson[] = [];
		try {
			await renderProject({
				paths,
				videos: checks.map((check, index) => {
					const timeline = timelines[index] as (typeof timelines)[0];
					return {timeline, outputPath: path.resolve(values.out ?? `out/${timeline.id}.mp4`), inputProps: {song: project.song, video: check.video, timeline, compiled: true}, delivery: videoDelivery(delivery, check.video)};
				}),
				engine: chosen,
				encoder,
				chunks: {cacheDir: path.resolve(values.cache ?? path.join(paths.root, '.songreel/cache/chunks')), chunkSeconds, workers: workers ?? 1, tabs, direct: !values['browser-only']},
				remotion: {concurrency: tabs, frameRange, scale},
				lambda,
				delivery,
				signal,
				onProgress: (progress) => printer.update(progress),
				onVideo: async (rendered) => {
					printer.finish();
					if (json) {
						const index = timelines.findIndex((t) => path.resolve(values.out ?? `out/${t.id}.mp4`) === rendered.outputPath);
						const check = checks[index] as (typeof checks)[0];
						summaries.push(renderedVideoJson({rendered, id: check.sourceVideoId, timeline: timelines[index] as (typeof timelines)[0], deliverable: check.deliverable?.id ?? null, cwd: process.cwd(), sizeInBytes: (await stat(rendered.outputPath)).size}));
					} else {
						process.stdout.write(describeRendered(rendered));
						process.stdout.write(rendered.delivery.lines.map((line) => `${line}\n`).join(''));
					}
					process.stderr.write(rendered.delivery.warnings.map((warning) => `warning: ${warning}\n`).join(''));
					if (rendered.engine === 'chunks') {
						reports.push(rendered.summary);
					}
				},
			});
		} catch (error) {
			printer.finish();
			if (error instanceof RenderCancelledError) {
				process.stderr.write(chosen === 'chunks' ? 'render cancelled; finished chunks are cached, no output written\n' : 'render cancelled; no output written\n');
				return 130;
			}
			throw error;
		}
		if (values.report !== null) {
			await writeFileAtomically(path.resolve(values.report), `${JSON.stringify(reports, null, 2)}\n`);
		}
		if (json) {
			process.stdout.write(printJson(renderJson(summaries)));
		}
		return 0;
	});
};

// The summary line(s) printed for a rendered video.
const describeRendered = (rendered: RenderedVideo): string => {
	const file = path.relative(process.cwd(), rendered.outputPath);
	const lyrics = rendered.sidecars.length > 0 ? `; lyrics: ${rendered.sidecars.map((f) => path.extname(f).slice(1)).join(', ')}` : '';
	if (rendered.engine === 'lambda') {
		return `wrote ${file}: rendered on Lambda (${rendered.renderId}) in ${rendered.wallInSeconds.toFixed(1)} s${rendered.costInUsd === null ? '' : `, about $${rendered.costInUsd.toFixed(3)}`}${lyrics}\n`;
	}
	if (rendered.engine === 'remotion') {
		const {summary} = rendered;
		return (
			`wrote ${file}: ${summary.frames} frames in ${summary.renderInSeconds.toFixed(1)} s ` +
			`(${(summary.frames / summary.renderInSeconds).toFixed(1)} fps; bundling ${summary.bundleInSeconds.toFixed(1)} s, wall ${summary.wallInSeconds.toFixed(1)} s), ${formatBytes(summary.sizeInBytes)}${lyrics}\n`
		);
	}
	const {summary} = rendered;
	const {breakdown} = summary;
	return (
		`wrote ${file}: ${summary.frames} frames in ${summary.wallInSeconds.toFixed(1)} s (${(summary.frames / summary.wallInSeconds).toFixed(1)} fps); ` +
		`${summary.chunks} chunks, ${summary.renderedChunks} rendered, ${summary.chunks - summary.renderedChunks} from the cache${lyrics}\n` +
		`  ${breakdown.directFrames} frames straight from clips, ${breakdown.browserFrames} by the browser, ${breakdown.lyricStills} lyric stills (${breakdown.lyricStillsByBrowser} by the browser); ` +
		`bundle ${breakdown.bundleInSeconds.toFixed(1)} s${breakdown.bundle ? ` (${breakdown.bundle})` : ''}, stills ${breakdown.stillsInSeconds.toFixed(1)} s, frames ${breakdown.framesInSeconds.toFixed(1)} s, join and check ${breakdown.joinInSeconds.toFixed(1)} s\n`
	);
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
		if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS_')) {
			process.stderr.write(`command line: ${error.message}\nrun "songreel help" for the options\n`);
			process.exitCode = 1;
			return;
		}
		// The project's own component threw while a frame was drawn: the user's code, not songreel's.
		const failure = error instanceof Error ? findProjectCodeFailure(error.message) : null;
		if (failure) {
			process.stderr.write(`${cliMessages.projectCodeFailed(failure)}\n`);
			process.exitCode = 1;
			return;
		}
		if (error instanceof LambdaRenderFailedError || error instanceof LambdaRenderLostError) {
			process.stderr.write(`${error.message}\n`);
			process.exitCode = 1;
			return;
		}
		// Anything else is songreel's fault: show where it happened, and say so.
		process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n${cliMessages.bug()}\n`);
		process.exitCode = 70;
	}
};
