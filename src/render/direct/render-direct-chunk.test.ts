import {mkdtempSync, rmSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {DEFAULT_ENCODER_SETTINGS} from '../encoder-settings.ts';
import {renderDirectChunk} from './render-direct-chunk.ts';

const work = mkdtempSync(path.join(os.tmpdir(), 'songreel-direct-chunk-'));
afterAll(() => rmSync(work, {recursive: true, force: true}));

describe('renderDirectChunk', () => {
	test("hands the encoder no frame before the previous chunk's encoder has exited, then renders the chunk", async () => {
		let previousExited = (): void => undefined;
		const previousEncoderDone = new Promise<void>((resolve) => {
			previousExited = resolve;
		});
		let framesEncoded = 0;
		const outputPath = path.join(work, 'colour.mp4');
		const rendered = renderDirectChunk({
			ranges: [{startFrame: 0, endFrame: 6, layers: [{kind: 'color', shotId: 'a', color: '#336699'}], transition: null}],
			clipPath: (src) => src,
			clipFacts: () => {
				throw new Error('no clip in this chunk');
			},
			output: {width: 64, height: 36, fps: 30},
			background: '#000000',
			effects: null,
			overlaysAt: () => [],
			encoder: DEFAULT_ENCODER_SETTINGS,
			outputPath,
			onFrame: () => {
				framesEncoded++;
			},
			previousEncoderDone,
		});
		await new Promise((resolve) => setTimeout(resolve, 700));
		expect(framesEncoded).toBe(0);
		previousExited();
		await rendered;
		expect(framesEncoded).toBe(6);
		expect(statSync(outputPath).size).toBeGreaterThan(0);
	});
});
