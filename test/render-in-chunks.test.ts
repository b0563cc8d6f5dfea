import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {gatherFacts} from '../src/assets/gather-facts.ts';
import {createNodeAssetReader} from '../src/assets/node-asset-reader.ts';
import {encodeWav} from '../src/media/encode-wav.ts';
import {renderInChunks} from '../src/render/render-in-chunks.ts';
import {songSchema} from '../src/schemas/song-schema.ts';
import {type VideoInput, videoSchema} from '../src/schemas/video-schema.ts';
import {compileTimeline} from '../src/timeline/compile-timeline.ts';

// A 3-second song with two one-shot sections at 320x180, in three one-second chunks; section b is the last.
const root = path.resolve(__dirname, '..');
const publicDir = path.join(root, 'public');
const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'songreel-chunks-'));
mkdirSync(path.join(publicDir, 'test-short'), {recursive: true});
const samples = new Float32Array(44100 * 3 * 2).map((_, i) => 0.2 * Math.sin((2 * Math.PI * 220 * Math.floor(i / 2)) / 44100));
writeFileSync(path.join(publicDir, 'test-short/song.wav'), encodeWav({samples, sampleRate: 44100, channels: 2}));
afterAll(() => {
	rmSync(cacheDir, {recursive: true, force: true});
	rmSync(path.join(publicDir, 'test-short'), {recursive: true, force: true});
});

const song = songSchema.parse({audio: 'test-short/song.wav', tempo: {bpm: 120}, sections: [{id: 'a'}, {id: 'b', start: '2'}]});

const render = async (sections: VideoInput['sections'], name: string) => {
	// The composition must exist in Root; its props (song and video) are what is rendered.
	const video = videoSchema.parse({id: 'DemoVideo', width: 320, height: 180, sections});
	const facts = await gatherFacts({song, videos: [video], reader: createNodeAssetReader(publicDir)});
	const {timeline} = compileTimeline({song, video, facts});
	return renderInChunks({entryPoint: path.join(root, 'remotion/index.ts'), publicDir, cacheDir, timeline, inputProps: {song, video}, outputPath: path.join(cacheDir, `${name}.mp4`), chunkFrames: 30});
};

describe('chunked rendering', () => {
	test('renders each chunk once, reuses the cache, and re-renders only the chunk a change touches', async () => {
		const sections = {a: {shots: [{clip: 'demo/clips/crowd.mp4'}]}, b: {shots: [{clip: 'demo/clips/tape-reels.mp4'}]}};
		const first = await render(sections, 'first');
		expect(first).toMatchObject({frames: 90, chunks: 3, renderedChunks: 3});
		const again = await render(sections, 'again');
		expect(again.renderedChunks).toBe(0);
		const changed = await render({...sections, b: {shots: [{clip: 'demo/clips/train.mp4'}]}}, 'changed');
		expect(changed.renderedChunks).toBe(1);
	});
});
