import {mkdir, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {runFfprobe} from './remotion-ffmpeg.ts';
import {writeFileAtomically} from './write-file-atomically.ts';

type CacheEntry = {readonly sizeInBytes: number; readonly mtimeMs: number; readonly endInSeconds: number};

// Listing packets reads the file's index and packet headers, not its pixels: milliseconds even for long clips.
const listDecodedEnd = async (file: string): Promise<number> => {
	const csv = await runFfprobe(['-select_streams', 'v:0', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file]).catch(() => '');
	const lines = csv.trim() === '' ? (await runFfprobe(['-select_streams', 'a:0', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file]).catch(() => '')).trim() : csv.trim();
	let end = 0;
	for (const line of lines.split('\n')) {
		const [pts, duration] = line.split(',').map(Number);
		if (pts !== undefined && Number.isFinite(pts)) {
			end = Math.max(end, pts + (duration !== undefined && Number.isFinite(duration) ? duration : 0));
		}
	}
	return end;
};

/**
 * How far a media file's first video stream (or audio, without video) really goes, from the packets present
 * in the file: a file cut short keeps its header's duration but loses packets. Cached in `cacheFile` (when
 * given) by path, size and modification time, so a check of an unchanged project does not probe again.
 */
export const decodedEndInSeconds = async ({file, cacheFile}: {file: string; cacheFile?: string}): Promise<number> => {
	const info = await stat(file);
	const key = path.resolve(file);
	let cache: Record<string, CacheEntry> = {};
	if (cacheFile !== undefined) {
		try {
			cache = JSON.parse(await readFile(cacheFile, 'utf8')) as Record<string, CacheEntry>;
		} catch {
			cache = {};
		}
		const hit = cache[key];
		if (hit && hit.sizeInBytes === info.size && hit.mtimeMs === info.mtimeMs) {
			return hit.endInSeconds;
		}
	}
	const endInSeconds = await listDecodedEnd(file);
	if (cacheFile !== undefined) {
		try {
			// Read again just before writing: other probes of this run may have added entries meanwhile.
			const latest = JSON.parse(await readFile(cacheFile, 'utf8').catch(() => '{}')) as Record<string, CacheEntry>;
			await mkdir(path.dirname(cacheFile), {recursive: true});
			await writeFileAtomically(cacheFile, JSON.stringify({...latest, [key]: {sizeInBytes: info.size, mtimeMs: info.mtimeMs, endInSeconds}}));
		} catch {
			// A cache that cannot be written only costs a probe next time.
		}
	}
	return endInSeconds;
};
