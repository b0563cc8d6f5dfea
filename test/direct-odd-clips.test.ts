import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {gatherFacts} from '../src/assets/gather-facts.ts';
import {createNodeAssetReader} from '../src/assets/node-asset-reader.ts';
import {encodeWav} from '../src/media/encode-wav.ts';
import {framePsnr} from '../src/media/frame-psnr.ts';
import {remotionBinary} from '../src/media/remotion-ffmpeg.ts';
import {inspectDirectClip} from '../src/render/direct/probe-direct-clip.ts';
import {renderInChunks} from '../src/render/render-in-chunks.ts';
import {songSchema} from '../src/schemas/song-schema.ts';
import {videoSchema} from '../src/schemas/video-schema.ts';
import {compileTimeline} from '../src/timeline/compile-timeline.ts';

// Clips the direct path could misread, made here (Debian's ffmpeg has the lavfi sources Remotion's lacks; Remotion's
// writes display matrices): each shows the same upright 180x320 picture, a moving test pattern with a red square top
// left and a blue one top right, 24 fps. A portrait 180x320 video at 30 fps plays them one after another, 12
// frames each from 0.25 s into the clip, rendered by the browser alone and by the chunked pipeline with direct on.
const root = path.resolve(import.meta.dirname, '..');
const publicDir = path.join(root, 'public');
const folder = 'test-odd-clips';
const work = mkdtempSync(path.join(os.tmpdir(), 'songreel-odd-clips-'));
const clipsDir = path.join(publicDir, folder);
const WIDTH = 180;
const HEIGHT = 320;

const debianFfmpeg = (args: readonly string[]): void => {
	execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
};
const remotionFfmpeg = (args: readonly string[]): void => {
	execFileSync(remotionBinary('ffmpeg'), ['-v', 'error', '-y', ...args]);
};
// Saturation is cut to that of real footage: test bars' saturated colour edges put even a plain clip ~35 dB from the
// browser's frames (these go through RGB and JPEG's chroma), which would hide what this test looks for.
const picture = (seconds: number, turn = ''): string[] => ['-f', 'lavfi', '-i', `testsrc2=s=${WIDTH}x${HEIGHT}:r=24:d=${seconds},hue=s=0.3,drawbox=x=10:y=10:w=50:h=50:color=red:t=fill,drawbox=x=120:y=10:w=50:h=50:color=blue:t=fill,gblur=sigma=2${turn}`];
const x264 = (pixelFormat = 'yuv420p'): string[] => ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', pixelFormat];
const clip = (name: string): string => path.join(clipsDir, name);

const makeClips = (): void => {
	mkdirSync(clipsDir, {recursive: true});
	debianFfmpeg([...picture(1.5), ...x264(), clip('plain.mp4')]);
	// A camera's 10-bit SDR file, tagged BT.709.
	debianFfmpeg([...picture(1.5), ...x264('yuv420p10le'), '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', clip('ten-bit.mp4')]);
	// A phone's portrait clip: stored sideways (turned a quarter clockwise), shown upright by a display matrix.
	debianFfmpeg([...picture(1.5, ',transpose=clock'), ...x264(), path.join(work, 'sideways.mp4')]);
	remotionFfmpeg(['-display_rotation', '90', '-i', path.join(work, 'sideways.mp4'), '-c', 'copy', clip('phone-rotated.mp4')]);
	// The other quarter turn, and a phone held upside down.
	debianFfmpeg([...picture(1.5, ',transpose=cclock'), ...x264(), path.join(work, 'other-way.mp4')]);
	remotionFfmpeg(['-display_rotation', '-90', '-i', path.join(work, 'other-way.mp4'), '-c', 'copy', clip('phone-rotated-270.mp4')]);
	debianFfmpeg([...picture(1.5, ',hflip,vflip'), ...x264(), path.join(work, 'upside-down.mp4')]);
	remotionFfmpeg(['-display_rotation', '180', '-i', path.join(work, 'upside-down.mp4'), '-c', 'copy', clip('phone-upside-down.mp4')]);
	// A phone slowing its capture: frames 1/24 s apart, then each gap 20 ms longer than the last.
	debianFfmpeg([...picture(1.5), '-vf', "settb=1/1200,setpts='(N/24+0.01*max(0,N-6)*(N-5))/TB'", '-fps_mode', 'vfr', '-enc_time_base', '1/1200', ...x264(), clip('variable-rate.mp4')]);
	// The first frame at 0.5 s.
	debianFfmpeg([...picture(1.5), ...x264(), '-output_ts_offset', '0.5', clip('start-offset.mp4')]);
	// Cut without re-encoding: the packets before the cut stay in the file, dropped by an edit list.
	debianFfmpeg([...picture(2), ...x264(), '-g', '12', path.join(work, 'long.mp4')]);
	debianFfmpeg(['-ss', '0.5', '-i', path.join(work, 'long.mp4'), '-c', 'copy', clip('edit-list.mp4')]);
	// Full range (JPEG's levels), untagged as most are, and tagged BT.709.
	debianFfmpeg([...picture(1.5), ...x264('yuvj420p'), clip('full-range.mp4')]);
	debianFfmpeg([...picture(1.5), ...x264('yuvj420p'), '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', clip('full-range-bt709.mp4')]);
	// SD colours, tagged as NTSC and PAL cameras do.
	debianFfmpeg([...picture(1.5), ...x264(), '-colorspace', 'smpte170m', '-color_primaries', 'smpte170m', '-color_trc', 'smpte170m', clip('bt601-ntsc.mp4')]);
	debianFfmpeg([...picture(1.5), ...x264(), '-colorspace', 'bt470bg', '-color_primaries', 'bt470bg', '-color_trc', 'smpte170m', clip('bt601-pal.mp4')]);
	// Other chroma layouts (editing and camera formats).
	debianFfmpeg([...picture(1.5), ...x264('yuv422p'), clip('yuv422.mp4')]);
	debianFfmpeg([...picture(1.5), ...x264('yuv444p'), clip('yuv444.mp4')]);
	debianFfmpeg([...picture(1.5), ...x264('yuv422p10le'), clip('yuv422-10-bit.mp4')]);
	// Probed only, never drawn directly.
	debianFfmpeg([...picture(1), ...x264('yuv420p10le'), '-colorspace', 'bt2020nc', '-color_primaries', 'bt2020', '-color_trc', 'arib-std-b67', clip('hlg.mp4')]);
	debianFfmpeg([...picture(1), '-c:v', 'png', '-pix_fmt', 'rgba', clip('alpha.mov')]);
	debianFfmpeg([...picture(1), '-c:v', 'libx264rgb', '-preset', 'ultrafast', clip('rgb.mp4')]);
	debianFfmpeg([...picture(1), '-vf', 'setsar=4/3', ...x264(), clip('anamorphic.mp4')]);
	debianFfmpeg([...picture(1), ...x264(), '-color_trc', 'iec61966-2-1', clip('srgb-transfer.mp4')]);
	remotionFfmpeg(['-display_rotation', '90', '-display_hflip', '-i', path.join(work, 'sideways.mp4'), '-c', 'copy', clip('mirrored.mp4')]);
};

beforeAll(makeClips);
afterAll(() => {
	rmSync(work, {recursive: true, force: true});
	rmSync(clipsDir, {recursive: true, force: true});
});

describe('which clips the direct path plays', () => {
	test.each([
		['plain.mp4', {width: 180, height: 320, fps: 24, frameCount: 36, colorSpace: 'bt709', fullRange: false}],
		['ten-bit.mp4', {width: 180, height: 320, fps: 24, frameCount: 36, colorSpace: 'bt709', fullRange: false}],
		// Stored 320x180: the facts give the upright size ffmpeg decodes.
		['phone-rotated.mp4', {width: 180, height: 320, fps: 24, frameCount: 36, colorSpace: 'bt709', fullRange: false}],
		['phone-rotated-270.mp4', {width: 180, height: 320, fps: 24, frameCount: 36, colorSpace: 'bt709', fullRange: false}],
		['phone-upside-down.mp4', {width: 180, height: 320, fps: 24, frameCount: 36, colorSpace: 'bt709', fullRange: false}],
		// 48 frames in the file, 12 of them before the cut.
		['edit-list.mp4', {width: 180, height: 320, fps: 24, frameCount: 36, colorSpace: 'bt709', fullRange: false}],
		// Untagged full range is read with JPEG's BT.601 matrix, as the browser does.
		['full-range.mp4', {width: 180, height: 320, fps: 24, frameCount: 36, colorSpace: 'bt601', fullRange: true}],
		['full-range-bt709.mp4', {width: 180, height: 320, fps: 24, frameCount: 36, colorSpace: 'bt709', fullRange: true}],
		['bt601-pal.mp4', {width: 180, height: 320, fps: 24, frameCount: 36, colorSpace: 'bt601', fullRange: false}],
		['yuv422-10-bit.mp4', {width: 180, height: 320, fps: 24, frameCount: 36, colorSpace: 'bt709', fullRange: false}],
	])('plays %s directly, with the facts the renderer needs', async (name, facts) => {
		expect(await inspectDirectClip(clip(name))).toEqual({facts});
	});

	test.each([
		['variable-rate.mp4', 'variable-frame-rate'],
		['start-offset.mp4', 'start-offset'],
		['hlg.mp4', 'colour'],
		['srgb-transfer.mp4', 'colour'],
		['alpha.mov', 'pixel-format'],
		['rgb.mp4', 'pixel-format'],
		['anamorphic.mp4', 'pixel-aspect'],
		['mirrored.mp4', 'rotation'],
	])('leaves %s to the browser (%s)', async (name, refusal) => {
		expect(await inspectDirectClip(clip(name))).toEqual({refusal});
	});
});

// The rendered video's frames as RGB, to look at the markers.
const rgbFrames = (file: string): Buffer[] => {
	const all = execFileSync(remotionBinary('ffmpeg'), ['-v', 'error', '-i', file, '-an', '-f', 'image2pipe', '-c:v', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], {maxBuffer: 64 << 20});
	const frameBytes = WIDTH * HEIGHT * 3;
	return Array.from({length: Math.floor(all.length / frameBytes)}, (_, i) => all.subarray(i * frameBytes, (i + 1) * frameBytes));
};
// Mean colour of a 30x30 square inside a marker.
const colourAt = (frame: Buffer, x: number, y: number): [number, number, number] => {
	const sum = [0, 0, 0];
	for (let row = y; row < y + 30; row++) {
		for (let column = x; column < x + 30; column++) {
			for (let channel = 0; channel < 3; channel++) {
				sum[channel] = (sum[channel] as number) + (frame[(row * WIDTH + column) * 3 + channel] as number);
			}
		}
	}
	return sum.map((value) => value / 900) as [number, number, number];
};

describe('direct rendering of clips it could misread', () => {
	// The video's sections in order, one clip each, and whether the direct path draws it.
	const sections: readonly (readonly [string, boolean])[] = [
		['plain.mp4', true],
		['ten-bit.mp4', true],
		['phone-rotated.mp4', true],
		['phone-rotated-270.mp4', true],
		['phone-upside-down.mp4', true],
		['edit-list.mp4', true],
		['full-range.mp4', true],
		['full-range-bt709.mp4', true],
		['bt601-ntsc.mp4', true],
		['bt601-pal.mp4', true],
		['yuv422.mp4', true],
		['yuv444.mp4', true],
		['yuv422-10-bit.mp4', true],
		['variable-rate.mp4', false],
		['start-offset.mp4', false],
	];
	const SECTION_FRAMES = 12;
	const frames = sections.length * SECTION_FRAMES;
	const render = async (name: string, options: {direct: boolean}) => {
		const seconds = (sections.length * SECTION_FRAMES) / 30;
		const samples = new Float32Array(Math.round(44100 * seconds) * 2).map((_, i) => 0.2 * Math.sin((2 * Math.PI * 330 * Math.floor(i / 2)) / 44100));
		writeFileSync(path.join(clipsDir, 'song.wav'), encodeWav({samples, sampleRate: 44100, channels: 2}));
		const ids = sections.map((_, i) => `s${i}`);
		const song = songSchema.parse({audio: `${folder}/song.wav`, tempo: {bpm: 120}, sections: ids.map((id, i) => (i === 0 ? {id} : {id, start: `${((i * SECTION_FRAMES) / 30).toFixed(1)}s`}))});
		const video = videoSchema.parse({
			id: 'DemoVideo',
			width: WIDTH,
			height: HEIGHT,
			sections: Object.fromEntries(ids.map((id, i) => [id, {shots: [{clip: `${folder}/${(sections[i] as readonly [string, boolean])[0]}`, clipStartInSeconds: 0.25}]}])),
		});
		const facts = await gatherFacts({song, videos: [video], reader: createNodeAssetReader(publicDir)});
		const {timeline} = compileTimeline({song, video, facts});
		expect(timeline.shots.map((shot) => shot.durationInFrames)).toEqual(sections.map(() => SECTION_FRAMES));
		return renderInChunks({
			entryPoint: path.join(root, 'remotion/index.ts'),
			publicDir,
			cacheDir: path.join(work, `cache-${name}`),
			timeline,
			inputProps: {song, video},
			outputPath: path.join(work, `${name}.mp4`),
			chunkFrames: 30,
			...options,
		});
	};

	test('draws 10-bit, turned, edit-list, full-range, SD-tagged, 4:2:2 and 4:4:4 clips as the browser does, and leaves variable-rate and offset clips to it', async () => {
		const browser = await render('browser', {direct: false});
		const mixed = await render('direct', {direct: true});
		expect(browser.breakdown).toMatchObject({directFrames: 0, browserFrames: frames});
		const directFrames = sections.filter(([, direct]) => direct).length * SECTION_FRAMES;
		expect(mixed.breakdown).toMatchObject({directFrames, browserFrames: frames - directFrames});
		const psnr = await framePsnr({a: browser.outputPath, b: mixed.outputPath, width: WIDTH, height: HEIGHT});
		expect(psnr).toHaveLength(frames);
		// The worst frame of each section, listed when under 40 dB (the plain clip's is about 43 dB).
		const worst = sections.map(([name], i) => [name, Math.min(...psnr.slice(i * SECTION_FRAMES, (i + 1) * SECTION_FRAMES)).toFixed(1)]);
		expect(worst.filter(([, value]) => Number(value) < 40)).toEqual([]);
		// Upright in both: red top left, blue top right, in every frame.
		for (const file of [browser.outputPath, mixed.outputPath]) {
			const rgb = rgbFrames(file);
			expect(rgb).toHaveLength(frames);
			const wrong = rgb.flatMap((frame, i) => {
				const [r1, g1, b1] = colourAt(frame, 20, 20);
				const [r2, g2, b2] = colourAt(frame, 130, 20);
				return r1 > 180 && g1 < 80 && b1 < 80 && b2 > 180 && r2 < 80 && g2 < 80 ? [] : [`${path.basename(file)} frame ${i} (${(sections[Math.floor(i / SECTION_FRAMES)] as readonly [string, boolean])[0]})`];
			});
			expect(wrong).toEqual([]);
		}
	});
});
