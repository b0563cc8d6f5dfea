import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {overlayFromRgba} from './lyric-overlay.ts';
import {openStillStore, readCachedStill} from './lyric-still-cache.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'songreel-still-store-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

// A 4x2 still whose one opaque pixel's grey level tells stills apart.
const still = (level: number) => {
	const rgba = new Uint8Array(4 * 2 * 4);
	rgba.set([level, level, level, 255], 4);
	return overlayFromRgba({rgba, width: 4, height: 2});
};

describe('the lyric still store', () => {
	test('caches every still it is given, holds only the last few, and reads the others back', async () => {
		const store = openStillStore(dir, 2);
		for (let k = 0; k < 5; k++) {
			await store.put(`key-${k}`, still(50 * k));
		}
		await store.put('empty', null);
		// Held: the last two put.
		expect(store.peek('empty')).toBeNull();
		expect(store.peek('key-4')).toEqual(still(200));
		expect(store.peek('key-0')).toBeUndefined();
		// Every still is in the cache, and reads back as drawn.
		for (let k = 0; k < 5; k++) {
			expect((await readCachedStill(dir, `key-${k}`))?.overlay).toEqual(still(50 * k));
		}
		expect(await store.get('key-0')).toEqual(still(0));
		// Read, it is held now, and the least recently used one is not.
		expect(store.peek('key-0')).toEqual(still(0));
		expect(store.peek('empty')).toBeUndefined();
		expect(await store.get('empty')).toBeNull();
	});

	test('finds only readable stills in the cache, and names a still that left it', async () => {
		const store = openStillStore(dir, 2);
		await store.put('kept', still(100));
		expect(await openStillStore(dir).has('kept')).toBe(true);
		expect(await store.has('never-drawn')).toBe(false);
		writeFileSync(path.join(dir, 'still-damaged.v8'), 'not a still');
		expect(await store.has('damaged')).toBe(false);
		const other = openStillStore(dir, 1);
		rmSync(path.join(dir, 'still-kept.v8'));
		await expect(other.get('kept')).rejects.toThrow(/still-kept\.v8 left the cache during the render/);
	});
});
