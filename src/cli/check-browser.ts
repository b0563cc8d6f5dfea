import {existsSync} from 'node:fs';
import path from 'node:path';
import {SongreelInputError} from '../problems/problem.ts';
import {resolveBrowserExecutable} from '../render/resolve-browser-executable.ts';
import {cliMessages as m} from './cli-messages.ts';

/**
 * Refuses a render before any work when no browser is there to draw it: the one named in the environment,
 * the system's chromium-headless-shell, or one Remotion downloaded earlier into node_modules/.remotion.
 * Without this, Remotion would try to download one after bundling and fail offline with a stack trace.
 */
export const checkBrowser = ({root, env = process.env, exists = existsSync}: {root: string; env?: NodeJS.ProcessEnv; exists?: (file: string) => boolean}): void => {
	const fromEnv = env.SONGREEL_BROWSER_EXECUTABLE ?? env.REMOTION_BROWSER_EXECUTABLE;
	if (fromEnv && !exists(fromEnv)) {
		throw new SongreelInputError([{file: 'environment', path: 'SONGREEL_BROWSER_EXECUTABLE', message: m.browserMissing(fromEnv), fix: m.noBrowserFix()}]);
	}
	if (resolveBrowserExecutable(env, exists) !== null || exists(path.join(root, 'node_modules/.remotion/chrome-headless-shell'))) {
		return;
	}
	throw new SongreelInputError([{file: 'environment', path: '', message: m.noBrowser(), fix: m.noBrowserFix()}]);
};
