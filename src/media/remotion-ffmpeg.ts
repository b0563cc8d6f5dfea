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

/** Runs Remotion's ffmpeg; optional bytes go to its stdin (a stream writer is returned for piping frames). */
export const runFfmpeg = (args: readonly string[]): {stdin: NodeJS.WritableStream; done: Promise<void>} => {
	const child = spawn(remotionBinary('ffmpeg'), ['-hide_banner', '-loglevel', 'error', ...args], {stdio: ['pipe', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const done = new Promise<void>((resolve, reject) => {
		child.on('error', reject);
		// At loglevel "error" any output means ffmpeg met damaged input, even when it exits 0.
		child.on('close', (code) => (code === 0 && stderr.trim() === '' ? resolve() : reject(new Error(`ffmpeg: ${stderr.trim() || `exited with ${code}`}`))));
	});
	return {stdin: child.stdin, done};
};
