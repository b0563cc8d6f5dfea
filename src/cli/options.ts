import {type Problem, SongreelInputError} from '../problems/problem.ts';
import {cliMessages as m} from './cli-messages.ts';

type Kind =
	| {readonly type: 'flag'}
	| {readonly type: 'string'; readonly example: string}
	| {readonly type: 'integer'; readonly min: number; readonly max?: number; readonly example: string}
	| {readonly type: 'number'; readonly aboveZero: true; readonly max?: number; readonly example: string}
	| {readonly type: 'choice'; readonly values: readonly string[]; readonly example: string};

/** The options `check` and `render` take, with their types and ranges. */
export const RENDER_OPTIONS = {
	out: {type: 'string', example: 'out/video.mp4'},
	frames: {type: 'string', example: '0-89'},
	scale: {type: 'number', aboveZero: true, max: 16, example: '0.5'},
	workers: {type: 'integer', min: 1, max: 256, example: '2'},
	tabs: {type: 'integer', min: 1, max: 256, example: '2'},
	// Deprecated: worker processes or browser tabs depending on the engine; see DEPRECATED_OPTIONS.
	concurrency: {type: 'integer', min: 1, max: 256, example: '2'},
	crf: {type: 'integer', min: 0, max: 51, example: '18'},
	preset: {type: 'choice', values: ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow', 'placebo'], example: 'veryfast'},
	engine: {type: 'choice', values: ['chunks', 'remotion'], example: 'chunks'},
	'browser-only': {type: 'flag'},
	chunks: {type: 'flag'},
	'chunk-seconds': {type: 'number', aboveZero: true, max: 3600, example: '8'},
	cache: {type: 'string', example: '.songreel/cache/chunks'},
	report: {type: 'string', example: 'out/report.json'},
	lambda: {type: 'flag'},
	region: {type: 'string', example: 'us-east-1'},
	'function-name': {type: 'string', example: 'remotion-render-4-0-527'},
	'frames-per-lambda': {type: 'integer', min: 4, max: 100000, example: '20'},
	compositions: {type: 'string', example: 'remotion/compositions.ts'},
	'entry-point': {type: 'string', example: 'remotion/index.ts'},
	// Delivery: their ranges are checked with their meaning in src/delivery/loudness-options.ts.
	loudness: {type: 'string', example: '-14'},
	'true-peak-ceiling': {type: 'string', example: '-1'},
	'c2pa-cert': {type: 'string', example: 'certs/chain.pem'},
	'c2pa-key': {type: 'string', example: 'certs/key.pk8'},
	deliverable: {type: 'string', example: 'vertical'},
	json: {type: 'flag'},
	help: {type: 'flag'},
} as const satisfies Record<string, Kind>;

/**
 * The one meaning of every option name, across all commands: a name that appears in two commands means the same there.
 * `songreel <command> --help` lists only these names; the test of the help texts holds them to it.
 */
export const OPTION_MEANINGS: Readonly<Record<string, string>> = {
	out: 'the file to write',
	json: 'print one JSON document on stdout for scripts, nothing else there',
	compositions: 'the compositions file',
	'entry-point': 'the Remotion entry point registering the project',
	workers: 'worker processes side by side, each with its own browser',
	tabs: 'browser tabs each browser renders with',
	jobs: 'provider jobs in flight at once',
	frames: 'a frame range of the video',
	scale: 'a factor on the output size',
	engine: 'the render engine',
	chunks: 'the chunks engine (what --engine chunks, the default, asks for; kept for old scripts)',
	'browser-only': 'draw every chunk in the browser',
	'chunk-seconds': 'target chunk length',
	cache: 'the chunk cache folder',
	report: 'a JSON file of what the render did',
	preset: 'the x264 preset',
	crf: 'the x264 quality',
	lambda: 'render on Remotion Lambda',
	region: 'the AWS region',
	'function-name': 'the Lambda function',
	'frames-per-lambda': 'frames each Lambda renders',
	loudness: 'the integrated loudness target, LUFS',
	'true-peak-ceiling': 'the highest true peak, dBTP',
	'c2pa-cert': 'the C2PA certificate chain',
	'c2pa-key': 'the C2PA private key',
	deliverable: 'which of a video\'s deliverables (aspect ratios) to render',
	shots: 'shot ids, comma-separated',
	shot: 'one shot id',
	takes: 'takes wanted per shot',
	provider: 'the generation provider',
	for: 'the video whose "generate" shots to make takes for',
	'no-pick': 'leave the choice of take to the user',
	'dry-run': 'plan and print; submit nothing',
	'budget-usd': 'the most this run may spend',
	'project-budget-usd': 'the most the project may spend',
	'retry-failed': 'retry takes that failed for good',
	'shot-list': 'the shot list file',
	reason: 'why, kept in the registry',
	format: 'the file format to write',
	downbeats: 'also mark every downbeat',
	model: 'the provider\'s model',
	write: 'write the result into the project',
	force: 'overwrite what is there',
	help: 'this command\'s help',
};

/**
 * Old option names still accepted for one release, by command, with the name that replaces them (a warning names it).
 * `--concurrency` meant worker processes (render, chunks engine), browser tabs (render, remotion engine) and jobs in
 * flight (generate); each meaning now has its own name.
 */
export const DEPRECATED_OPTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	concurrency: {'render with the chunks engine': 'workers', 'render with the remotion engine': 'tabs', generate: 'jobs'},
};

/** The warning for an old option name, naming the new one (printed once, on stderr). */
export const deprecationWarning = (old: string, replacement: string): string => m.deprecatedOption(`--${old}`, `--${replacement}`, OPTION_MEANINGS[replacement] ?? '');

/**
 * Worker processes and browser tabs for a render, from --workers and --tabs, or from the deprecated --concurrency (worker
 * processes with the chunks engine, browser tabs with the others), with the warning that names the new option.
 */
export const renderParallelism = ({workers, tabs, concurrency, engine}: {readonly workers: number | null; readonly tabs: number | null; readonly concurrency: number | null; readonly engine: 'chunks' | 'remotion' | 'lambda'}): {workers: number | null; tabs: number | null; warning: string | null} => {
	if (concurrency === null) {
		return {workers, tabs, warning: null};
	}
	const replacement = engine === 'chunks' ? 'workers' : 'tabs';
	return {
		workers: workers ?? (engine === 'chunks' ? concurrency : null),
		tabs: tabs ?? (engine === 'chunks' ? null : concurrency),
		warning: deprecationWarning('concurrency', replacement),
	};
};

type Spec = typeof RENDER_OPTIONS;
type ValueOf<K extends Kind> = K extends {type: 'flag'} ? boolean : K extends {type: 'integer' | 'number'} ? number | null : string | null;

/** The command line of `check` and `render`, every option typed and in range. */
export type RenderCommandLine = {
	readonly command: string;
	readonly ids: readonly string[];
	readonly options: {readonly [K in keyof Spec]: ValueOf<Spec[K]>};
};

const problem = (path: string, message: string, fix?: string): Problem => (fix === undefined ? {file: 'command line', path, message} : {file: 'command line', path, message, fix});

const describeRange = (kind: Kind): string => {
	if (kind.type === 'integer') {
		return kind.max === undefined ? `a whole number from ${kind.min}` : `a whole number from ${kind.min} to ${kind.max}`;
	}
	if (kind.type === 'number') {
		return kind.max === undefined ? 'a number above 0' : `a number above 0, at most ${kind.max}`;
	}
	return '';
};

// Splits argv into tokens ourselves, so every mistake is a problem line instead of Node's parser error, and all are found at once.
const tokenize = (argv: readonly string[]): {positionals: string[]; given: Map<string, string | true>; problems: Problem[]} => {
	const positionals: string[] = [];
	const given = new Map<string, string | true>();
	const problems: Problem[] = [];
	const specs = RENDER_OPTIONS as Record<string, Kind>;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] as string;
		if (arg === '--') {
			positionals.push(...argv.slice(i + 1));
			break;
		}
		if (arg === '-h') {
			given.set('help', true);
			continue;
		}
		if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) {
			positionals.push(arg);
			continue;
		}
		const [rawName, inlineValue] = arg.startsWith('--') ? ((eq) => (eq === -1 ? [arg.slice(2), undefined] : [arg.slice(2, eq), arg.slice(eq + 1)]))(arg.indexOf('=')) : [arg.slice(1), undefined];
		const name = rawName as string;
		const kind = specs[name];
		if (kind === undefined) {
			problems.push(problem(arg.split('=')[0] as string, m.unknownOption(arg.split('=')[0] as string), m.unknownOptionFix(Object.keys(RENDER_OPTIONS).filter((o) => o !== 'help' && o !== 'chunks' && !(o in DEPRECATED_OPTIONS)))));
			continue;
		}
		if (kind.type === 'flag') {
			if (inlineValue !== undefined) {
				problems.push(problem(`--${name}`, m.noValueWanted(inlineValue)));
				continue;
			}
			given.set(name, true);
			continue;
		}
		let value = inlineValue;
		if (value === undefined) {
			const next = argv[i + 1];
			// A value may be a negative number (--scale -1 is then refused for its range), never another option.
			if (next === undefined || (next.startsWith('--') && next.length > 2) || (next.startsWith('-') && !/^-[\d.]/.test(next) && next !== '-')) {
				problems.push(problem(`--${name}`, m.missingValue(`--${name}`, kind.example)));
				continue;
			}
			value = next;
			i++;
		}
		given.set(name, value);
	}
	return {positionals, given, problems};
};

const convert = (name: string, kind: Kind, raw: string, problems: Problem[]): string | number | null => {
	const path = `--${name}`;
	switch (kind.type) {
		case 'integer': {
			const parsed = Number(raw);
			if (raw.trim() === '' || !Number.isFinite(parsed)) {
				problems.push(problem(path, m.notAnInteger(raw)));
				return null;
			}
			if (!Number.isInteger(parsed)) {
				problems.push(problem(path, m.notAnInteger(raw)));
				return null;
			}
			if (parsed < kind.min || (kind.max !== undefined && parsed > kind.max)) {
				problems.push(problem(path, m.outOfRange(raw, describeRange(kind))));
				return null;
			}
			return parsed;
		}
		case 'number': {
			const parsed = Number(raw);
			if (raw.trim() === '' || !Number.isFinite(parsed)) {
				problems.push(problem(path, m.notANumber(raw)));
				return null;
			}
			if (parsed <= 0 || (kind.max !== undefined && parsed > kind.max)) {
				problems.push(problem(path, m.outOfRange(raw, describeRange(kind))));
				return null;
			}
			return parsed;
		}
		case 'choice':
			if (!kind.values.includes(raw)) {
				problems.push(problem(path, m.oneOf(raw, kind.values)));
				return null;
			}
			return raw;
		case 'string':
			if (raw.trim() === '') {
				problems.push(problem(path, m.missingValue(path, kind.example)));
				return null;
			}
			return raw;
		default:
			return null;
	}
};

/** Parses the command line of `check` and `render`: unknown options, missing values, types and ranges are all refused before any work. */
export const parseRenderCommandLine = (argv: readonly string[]): RenderCommandLine => {
	const {positionals, given, problems} = tokenize(argv);
	const options: Record<string, unknown> = {};
	for (const [name, kind] of Object.entries(RENDER_OPTIONS as Record<string, Kind>)) {
		const raw = given.get(name);
		if (kind.type === 'flag') {
			options[name] = raw === true;
		} else {
			options[name] = raw === undefined || raw === true ? null : convert(name, kind, raw, problems);
		}
	}
	if (typeof options.frames === 'string') {
		parseFrameRange(options.frames, problems);
	}
	const [command = 'help', ...ids] = positionals;
	if (!options.help && command !== 'help' && command !== 'check' && command !== 'render') {
		problems.unshift(problem('', m.unknownCommand(command), m.unknownCommandFix()));
	}
	if (problems.length > 0) {
		throw new SongreelInputError(problems);
	}
	return {command, ids, options: options as RenderCommandLine['options']};
};

/** Splits `--frames` ("0-89" or "30") into first and last frame; problems go to `problems`. */
export const parseFrameRange = (value: string, problems: Problem[] = []): [number, number] | null => {
	const match = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
	if (!match) {
		problems.push(problem('--frames', m.frameRange(value)));
		return null;
	}
	const first = Number(match[1]);
	const last = match[2] === undefined ? first : Number(match[2]);
	if (first > last) {
		problems.push(problem('--frames', m.frameRangeBackwards(value)));
		return null;
	}
	return [first, last];
};

/** Refuses a `--frames` range that does not lie inside every selected video. */
export const checkFrameRange = (value: string, videos: readonly {readonly id: string; readonly durationInFrames: number}[]): [number, number] => {
	const problems: Problem[] = [];
	const range = parseFrameRange(value, problems);
	if (range !== null) {
		for (const video of videos) {
			if (range[1] >= video.durationInFrames) {
				problems.push(problem('--frames', m.frameRangeOutsideVideo(value, video.id, video.durationInFrames)));
			}
		}
	}
	if (problems.length > 0 || range === null) {
		throw new SongreelInputError(problems);
	}
	return range;
};
