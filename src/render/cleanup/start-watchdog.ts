import {spawn} from 'node:child_process';
import os from 'node:os';
import {RUN_ID_VARIABLE} from './run-folder-name.ts';
import {WATCHDOG_SOURCE} from './watchdog-source.ts';

/**
 * Starts the watchdog for a process (see watchdog-source.ts): once `pid` is gone, every process whose environment
 * carries `SONGREEL_RUN_ID=<runId>` is killed and `folder` removed. Detached, in its own session, so killing the
 * watched process does not reach it. Not on Windows (no shell there).
 */
export const startWatchdog = ({pid, runId, folder}: {pid: number; runId: string; folder: string}): void => {
	if (process.platform === 'win32') {
		return;
	}
	const env = {...process.env};
	delete env[RUN_ID_VARIABLE];
	spawn('/bin/sh', ['-c', WATCHDOG_SOURCE, 'songreel-watchdog', String(pid), runId, folder], {detached: true, stdio: 'ignore', env, cwd: os.tmpdir()}).unref();
};
