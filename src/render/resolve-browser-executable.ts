import {existsSync} from 'node:fs';

/** Debian's headless Chromium, which Remotion drives when its own browser download is not possible. */
export const SYSTEM_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * The browser Remotion should use: $SONGREEL_BROWSER_EXECUTABLE (or $REMOTION_BROWSER_EXECUTABLE) when set,
 * then the system chromium-headless-shell, else null so Remotion downloads its own (machines with internet).
 */
export const resolveBrowserExecutable = (env: NodeJS.ProcessEnv = process.env, exists: (file: string) => boolean = existsSync): string | null => {
	const fromEnv = env.SONGREEL_BROWSER_EXECUTABLE ?? env.REMOTION_BROWSER_EXECUTABLE;
	if (fromEnv) {
		if (!exists(fromEnv)) {
			throw new Error(`The browser set in SONGREEL_BROWSER_EXECUTABLE/REMOTION_BROWSER_EXECUTABLE does not exist: ${fromEnv}`);
		}
		return fromEnv;
	}
	return exists(SYSTEM_HEADLESS_SHELL) ? SYSTEM_HEADLESS_SHELL : null;
};
