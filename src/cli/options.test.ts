import {describe, expect, test} from 'vitest';
import {formatProblem, SongreelInputError} from '../problems/problem.ts';
import {checkBrowser} from './check-browser.ts';
import {cliMessages as m} from './cli-messages.ts';
import {checkFrameRange, parseRenderCommandLine} from './options.ts';

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
		expect(options).toMatchObject({crf: 0, scale: 0.5, tabs: 3, 'browser-only': true, frames: '0-9', out: null, concurrency: null});
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
