import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {COMMAND_HELP, helpFor, versionText} from '../src/cli/help.ts';

describe('per-command help', () => {
	test.each(Object.keys(COMMAND_HELP))('%s has a usage line and an example that runs that command', (command) => {
		const text = helpFor(command) as string;
		expect(text).toMatch(new RegExp(`^Usage: songreel ${command}`));
		expect(text).toMatch(new RegExp(`Example:\\n  songreel ${command}\\b`));
	});

	test('knows no help for an unknown command', () => {
		expect(helpFor('nope')).toBeNull();
	});

	test('prints the package version', () => {
		const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string};
		expect(versionText(version)).toBe(`songreel ${version}\n`);
	});
});

describe('the command line explains itself', () => {
	const songreel = (args: string[]) => execFileSync(process.execPath, [new URL('../bin/songreel.js', import.meta.url).pathname, ...args], {encoding: 'utf8'});

	test('prints a command\'s own help with its example, and the version', () => {
		expect(songreel(['render', '--help'])).toBe(helpFor('render'));
		expect(songreel(['qc', '-h'])).toBe(helpFor('qc'));
		const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string};
		expect(songreel(['--version'])).toBe(versionText(version));
	}, 60_000);
});
