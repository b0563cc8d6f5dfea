import {describe, expect, test} from 'vitest';
import {formatProblem, SongreelInputError} from '../problems/problem.ts';
import {checkBrowser} from './check-browser.ts';
import {cliMessages as m} from './cli-messages.ts';
import {COMMAND_HELP} from './help.ts';
import {checkFrameRange, DEPRECATED_OPTIONS, deprecationWarning, OPTION_MEANINGS, parseRenderCommandLine, RENDER_OPTIONS, renderParallelism} from './options.ts';

const problemsOf = (work: () => unknown): string[] => {
	try {
		work();
	} catch (error) {
		if (error instanceof SongreelInputError) {
			return error.problems.map(formatProblem);
		}
		throw error;
	}
	return [];
};

describe('the render command line', () => {
	test('types and ranges every option', () => {
		const {command, ids, options} = parseRenderCommandLine(['render', 'A', '--crf', '0', '--scale', '0.5', '--tabs=3', '--browser-only', '--frames', '0-9']);
		expect({command, ids}).toEqual({command: 'render', ids: ['A']});
		expect(options).toMatchObject({crf: 0, scale: 0.5, tabs: 3, 'browser-only': true, frames: '0-9', out: null, workers: null, concurrency: null});
	});

	test.each([
		[['render', '--crf', '99'], `command line: --crf: ${m.outOfRange('99', 'a whole number from 0 to 51')}`],
		[['render', '--crf', '1.5'], `command line: --crf: ${m.notAnInteger('1.5')}`],
		[['render', '--scale', '-1'], `command line: --scale: ${m.outOfRange('-1', 'a number above 0, at most 16')}`],
		[['render', '--concurrency', 'x'], `command line: --concurrency: ${m.notAnInteger('x')}`],
		[['render', '--tabs'], `command line: --tabs: ${m.missingValue('--tabs', '2')}`],
		[['render', '--out', '--crf', '1'], `command line: --out: ${m.missingValue('--out', 'out/video.mp4')}`],
		[['render', '--lambda=yes'], `command line: --lambda: ${m.noValueWanted('yes')}`],
		[['render', '--frames', '9-3'], `command line: --frames: ${m.frameRangeBackwards('9-3')}`],
		[['render', '--frames', 'x'], `command line: --frames: ${m.frameRange('x')}`],
		[['rendr'], `command line: ${m.unknownCommand('rendr')}; ${m.unknownCommandFix()}`],
	])('refuses %j', (argv, line) => {
		expect(problemsOf(() => parseRenderCommandLine(argv))).toEqual([line]);
	});

	test('names an unknown option and lists the known ones', () => {
		const [line] = problemsOf(() => parseRenderCommandLine(['check', '--bogus']));
		expect(line).toMatch(/^command line: --bogus: unknown option "--bogus"; the options are --out, --frames/);
	});

	test('refuses frames outside a video', () => {
		expect(checkFrameRange('10-20', [{id: 'A', durationInFrames: 30}])).toEqual([10, 20]);
		expect(problemsOf(() => checkFrameRange('0-30', [{id: 'A', durationInFrames: 30}]))).toEqual([`command line: --frames: ${m.frameRangeOutsideVideo('0-30', 'A', 30)}`]);
	});
});

describe('the browser check', () => {
	test('says which browser to install when there is none', () => {
		expect(problemsOf(() => checkBrowser({root: '/project', env: {}, exists: () => false}))).toEqual([`environment: ${m.noBrowser()}; ${m.noBrowserFix()}`]);
	});

	test('names a browser variable that points nowhere', () => {
		expect(problemsOf(() => checkBrowser({root: '/project', env: {SONGREEL_BROWSER_EXECUTABLE: '/no/chrome'}, exists: () => false}))).toEqual([
			`environment: SONGREEL_BROWSER_EXECUTABLE: ${m.browserMissing('/no/chrome')}; ${m.noBrowserFix()}`,
		]);
	});

	test('accepts the system headless shell or a browser Remotion downloaded earlier', () => {
		expect(problemsOf(() => checkBrowser({root: '/project', env: {}, exists: (file) => file === '/usr/bin/chromium-headless-shell'}))).toEqual([]);
		expect(problemsOf(() => checkBrowser({root: '/project', env: {}, exists: (file) => file === '/project/node_modules/.remotion/chrome-headless-shell'}))).toEqual([]);
	});
});

describe('one meaning per option name', () => {
	const namesIn = (text: string): string[] => [...text.matchAll(/--([a-z0-9-]+)/g)].map((match) => match[1] as string);

	test.each(Object.entries(COMMAND_HELP))('%s lists only option names with one registered meaning, and no old name', (_command, help) => {
		for (const name of help.options.flatMap(([option]) => namesIn(option))) {
			expect(OPTION_MEANINGS, `--${name}`).toHaveProperty([name]);
			expect(DEPRECATED_OPTIONS, `--${name}`).not.toHaveProperty([name]);
		}
	});

	test('every option render and check take has a meaning, or is an old name with its replacements', () => {
		for (const name of Object.keys(RENDER_OPTIONS)) {
			expect(name in OPTION_MEANINGS || name in DEPRECATED_OPTIONS, `--${name}`).toBe(true);
		}
		for (const replacement of Object.values(DEPRECATED_OPTIONS).flatMap((uses) => Object.values(uses))) {
			expect(OPTION_MEANINGS).toHaveProperty([replacement]);
		}
	});

	test('the unknown-option list shows no old name', () => {
		const [line] = problemsOf(() => parseRenderCommandLine(['render', '--bogus']));
		expect(line).toContain('--workers');
		expect(line).not.toContain('--concurrency');
	});

	test.each([
		[{workers: null, tabs: null, concurrency: 3, engine: 'chunks'}, {workers: 3, tabs: null, warning: deprecationWarning('concurrency', 'workers')}],
		[{workers: null, tabs: null, concurrency: 3, engine: 'remotion'}, {workers: null, tabs: 3, warning: deprecationWarning('concurrency', 'tabs')}],
		[{workers: 2, tabs: 4, concurrency: null, engine: 'chunks'}, {workers: 2, tabs: 4, warning: null}],
		[{workers: null, tabs: 4, concurrency: null, engine: 'remotion'}, {workers: null, tabs: 4, warning: null}],
	] as const)('the old --concurrency keeps its meaning for each engine: %j', (input, expected) => {
		expect(renderParallelism(input)).toEqual(expected);
	});

	test('the warning names the new option and its meaning', () => {
		expect(deprecationWarning('concurrency', 'jobs')).toBe('--concurrency is deprecated: use --jobs (provider jobs in flight at once); --concurrency still works in this release and stops working in the next');
	});
});
