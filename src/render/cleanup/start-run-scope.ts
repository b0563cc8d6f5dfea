import {randomBytes} from 'node:crypto';
import {mkdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {RUN_FOLDER_PREFIX, RUN_ID_VARIABLE} from './run-folder-name.ts';
import {startWatchdog} from './start-watchdog.ts';

/** A render's private temp folder and run id; `release` removes the folder (also done at exit and by the watchdog). */
export type RunScope = {readonly runId: string; readonly folder: string; readonly release: () => void};

/**
 * Makes everything this render leaves in the temp folder its own, and makes sure it goes away however the
 * render ends. Remotion names its temp folders itself (remotion-webpack-bundle-*, remotion-v4…-assets*,
 * puppeteer_dev_chrome_profile-*, react-motion-render*) under os.tmpdir(), which reads $TMPDIR: pointing
 * $TMPDIR at `songreel-run-<pid>-<random>` puts them all in one folder whose name says who owns it.
 * Every process started from here on inherits $TMPDIR and a run id, which the watchdog uses to find and
 * kill them if this process is killed without a chance to clean up (SIGKILL, OOM).
 */
export const startRunScope = ({watchdog = true}: {watchdog?: boolean} = {}): RunScope => {
	const runId = `${process.pid}-${randomBytes(5).toString('hex')}`;
	const folder = path.join(os.tmpdir(), `${RUN_FOLDER_PREFIX}${runId}`);
	mkdirSync(folder, {recursive: true});
	// No shell on Windows: there the exit handler below and the next render's sweep of dead runs' folders remain.
	if (watchdog) {
		startWatchdog({pid: process.pid, runId, folder});
	}
	process.env.TMPDIR = folder;
	process.env[RUN_ID_VARIABLE] = runId;
	const release = (): void => {
		rmSync(folder, {recursive: true, force: true});
	};
	// Ctrl-C and normal exits end here; the render's own finally blocks have stopped the browser by then.
	process.once('exit', release);
	return {runId, folder, release};
};
