import {spawn} from 'node:child_process';
import {createRequire} from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

const compositorPackages = (): string[] => {
	const {platform, arch} = process;
	if (platform === 'linux') {
		return [`@remotion/compositor-linux-${arch}-gnu`, `@remotion/compositor-linux-${arch}-musl`];
	}
	if (platform === 'win32') {
		return [`@remotion/compositor-win32-${arch}-msvc`];
	}
	return [`@remotion/compositor-${platform}-${arch}`];
};

/** Path of an ffmpeg or ffprobe binary shipped with Remotion's compositor package for this platform. */
export const remotionBinary = (name: 'ffmpeg' | 'ffprobe'): string => {
	for (const pkg of compositorPackages()) {
		try {
			const dir = path.dirname(require.resolve(`${pkg}/package.json`));
			return path.join(dir, process.platform === 'win32' ? `${name}.exe` : name);
		} catch {
			// Not installed for this platform variant; try the next.
		}
	}
	throw new Error(`Remotion's ${name} was not found (looked for ${compositorPackages().join(', ')}); run "npm install"`);
};

/**
 * AAC at 320 kb/s, as every render muxes the song. Remotion's ffmpeg has the Fraunhofer encoder, which Remotion itself
 * uses for AAC: it runs about 18 times faster here than ffmpeg's own `aac` encoder (0.6 s against 11.4 s of CPU for a
 * 60-second song), whose cost grew with the song's length beside the picture's.
 */
export const AAC_ENCODER_ARGS = ['-c:a', 'libfdk_aac', '-b:a', '320k'] as const;

/** A running ffmpeg: its stdin for frames, its stdout when asked for, `done` when it exits cleanly, `kill` to stop it. */
export type FfmpegProcess = {
	readonly stdin: NodeJS.WritableStream;
	readonly stdout: NodeJS.ReadableStream | null;
	readonly done: Promise<void>;
	readonly kill: () => void;
};

/**
 * Runs Remotion's ffmpeg; optional bytes go to its stdin (a stream writer is returned for piping frames), and with
 * `readStdout` its output comes back as a stream, or goes to `stdoutFd` (a frame pipe's write end).
 */
export const runFfmpeg = (args: readonly string[], {readStdout = false, stdoutFd}: {readStdout?: boolean; stdoutFd?: number} = {}): FfmpegProcess => {
	const child = spawn(remotionBinary('ffmpeg'), ['-hide_banner', '-loglevel', 'error', ...args], {stdio: ['pipe', stdoutFd ?? (readStdout ? 'pipe' : 'ignore'), 'pipe']});
	let stderr = '';
	(child.stderr as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const done = new Promise<void>((resolve, reject) => {
		child.on('error', reject);
		// At loglevel "error" any output means ffmpeg met damaged input, even when it exits 0.
		child.on('close', (code) => (code === 0 && stderr.trim() === '' ? resolve() : reject(new Error(`ffmpeg: ${stderr.trim() || `exited with ${code}`}`))));
	});
	// A consumer that stops early (or a killed process) must not crash the parent on EPIPE.
	const stdin = child.stdin as NodeJS.WritableStream;
	stdin.on('error', () => undefined);
	return {stdin, stdout: child.stdout, done, kill: () => child.kill('SIGKILL')};
};

/** Runs Remotion's ffprobe and returns what it printed. */
export const runFfprobe = (args: readonly string[]): Promise<string> =>
	new Promise((resolve, reject) => {
		const child = spawn(remotionBinary('ffprobe'), ['-hide_banner', '-loglevel', 'error', ...args], {stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`ffprobe: ${stderr.trim() || `exited with ${code}`}`))));
	});

/** Asks Remotion's ffprobe for entries of a file's first video stream (`extra` adds options such as -count_packets); empty when it has none. */
export const probeVideoStream = async (file: string, entries: readonly string[], extra: readonly string[] = []): Promise<Record<string, string | number | undefined>> => {
	const json = JSON.parse(await runFfprobe([...extra, '-select_streams', 'v:0', '-show_entries', `stream=${entries.join(',')}`, '-of', 'json', file])) as {streams?: Record<string, string | number>[]};
	return json.streams?.[0] ?? {};
};
