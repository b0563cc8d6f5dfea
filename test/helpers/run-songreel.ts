import {execFile} from 'node:child_process';
import path from 'node:path';
import {promisify} from 'node:util';

const root = path.resolve(__dirname, '../..');

/** What a songreel command did: its exit code and everything it printed. */
export type SongreelRun = {code: number; stdout: string; stderr: string};

/** Runs the songreel CLI of this checkout (bin/songreel.js) as a user would, in `cwd` (the repository by default). */
export const runSongreel = async (args: readonly string[], {cwd = root, env = process.env}: {cwd?: string; env?: NodeJS.ProcessEnv} = {}): Promise<SongreelRun> => {
	try {
		const {stdout, stderr} = await promisify(execFile)(process.execPath, [path.join(root, 'bin/songreel.js'), ...args], {cwd, env});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const failed = error as SongreelRun;
		return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr};
	}
};
