import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {openFileHashCache} from './file-hash-cache.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'songreel-hashes-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('openFileHashCache', () => {
	test('hashes a file once, trusts size, time and inode afterwards, and reads it again when they change', async () => {
		const clip = path.join(dir, 'clip.mp4');
		writeFileSync(clip, 'first take');
		const time = new Date('2026-11-01T12:00:00Z');
		utimesSync(clip, time, time);
		const first = await openFileHashCache(dir);
		expect(await first.hashOf(clip)).toBe(sha('first take'));
		await first.save();
		// Same size and modification time, other bytes: the remembered hash is what a later render gets.
		writeFileSync(clip, 'other take');
		utimesSync(clip, time, time);
		expect(await (await openFileHashCache(dir)).hashOf(clip)).toBe(sha('first take'));
		// A new modification time: read again.
		utimesSync(clip, time, new Date(time.getTime() + 5000));
		const third = await openFileHashCache(dir);
		expect(await third.hashOf(clip)).toBe(sha('other take'));
		await third.save();
		expect(await (await openFileHashCache(dir)).hashOf(clip)).toBe(sha('other take'));
	});

	test('a damaged cache file is ignored and replaced', async () => {
		const song = path.join(dir, 'song.wav');
		writeFileSync(song, 'song');
		writeFileSync(path.join(dir, 'file-hashes.json'), '{"cut sh');
		const cache = await openFileHashCache(dir);
		expect(await cache.hashOf(song)).toBe(sha('song'));
		await cache.save();
		expect(Object.keys(JSON.parse(readFileSync(path.join(dir, 'file-hashes.json'), 'utf8')) as object)).toContain(song);
	});

	test('remembers other facts of a file beside its hash, read again once the file changes', async () => {
		const clip = path.join(dir, 'probed.mp4');
		writeFileSync(clip, 'a clip');
		let probes = 0;
		const probe = async (file: string): Promise<{frames: number; file: string} | null> => {
			probes++;
			return {frames: 24, file};
		};
		const first = await openFileHashCache(dir);
		const [facts, again, hash] = await Promise.all([first.factOf(clip, 'probe@1', probe), first.factOf(clip, 'probe@1', probe), first.hashOf(clip)]);
		expect(facts).toEqual({frames: 24, file: clip});
		expect(again).toBe(facts);
		await first.save();
		const second = await openFileHashCache(dir);
		expect(await second.factOf(clip, 'probe@1', probe)).toEqual({frames: 24, file: clip});
		expect(await second.hashOf(clip)).toBe(hash);
		expect(probes).toBe(1);
		// Another name (a new revision of the probe) is computed afresh; so is a null answer, and it is kept too.
		expect(await second.factOf(clip, 'probe@2', async () => null)).toBeNull();
		await second.save();
		expect(await (await openFileHashCache(dir)).factOf(clip, 'probe@2', probe)).toBeNull();
		expect(probes).toBe(1);
		// The file changes: both its hash and its facts are read again.
		writeFileSync(clip, 'another clip, longer');
		const third = await openFileHashCache(dir);
		expect(await third.factOf(clip, 'probe@1', probe)).toEqual({frames: 24, file: clip});
		expect(probes).toBe(2);
		expect(await third.hashOf(clip)).toBe(sha('another clip, longer'));
	});
});
