import {runFfprobe} from '../../media/remotion-ffmpeg.ts';

/** What the direct renderer must know of a clip: its size as shown (upright), a constant frame rate and its frame count. */
export type DirectClipFacts = {
	/** Width and height of the picture as shown: a clip stored sideways with a 90° display rotation reports them swapped (ffmpeg decodes it upright). */
	readonly width: number;
	readonly height: number;
	readonly fps: number;
	/** Frames shown: packets an edit list drops before the start are not counted. */
	readonly frameCount: number;
	/** The YUV matrix the browser decodes with: BT.601 when the clip says so or is untagged full range, else BT.709 (the browser's guess for untagged limited range). */
	readonly colorSpace: 'bt601' | 'bt709';
	readonly fullRange: boolean;
};

/** Why a clip is left to the browser: the direct renderer could not reproduce the browser's frames exactly. */
export type DirectClipRefusal =
	/** No video stream, no size or frame rate, or the container does not state a frame count. */
	| 'unknown-stream'
	/** Frames are not evenly spaced at the stated rate. */
	| 'variable-frame-rate'
	/** The first frame is not at 0 s (the direct path counts frames from 0). */
	| 'start-offset'
	/** A display rotation that is not a quarter turn, or a mirrored display matrix. */
	| 'rotation'
	/** Pixels that are not square (anamorphic video): the direct filter scales the stored size. */
	| 'pixel-aspect'
	/** A pixel format the direct path does not convert like the browser: alpha, RGB, 12-bit, 4:1:1, … */
	| 'pixel-format'
	/** Colours the direct path does not convert like the browser: HDR transfer, BT.2020 or other matrices and primaries. */
	| 'colour';

/** The probe's verdict on a clip: the facts the direct renderer needs, or why it must go to the browser. */
export type DirectClipVerdict = {readonly facts: DirectClipFacts; readonly refusal?: never} | {readonly facts?: never; readonly refusal: DirectClipRefusal};

// Pixel formats whose decode the direct filter reproduces (tested against the browser in test/direct-odd-clips.test.ts).
// The filter's first step makes them 8-bit 4:2:0, as the browser's frames are.
const DIRECT_PIXEL_FORMATS = new Set(['yuv420p', 'yuvj420p', 'yuv420p10le', 'yuv422p', 'yuv422p10le', 'yuv444p']);
// Colour tags whose frames the filter converts as the browser does (untagged is read as SDR). Anything else (BT.2020,
// PQ, HLG, gamma 2.2/2.8, sRGB, …) the browser tone-maps or converts in ways the filter does not, or is untested.
const SDR_MATRICES = new Set([undefined, 'unknown', 'bt709', 'smpte170m', 'bt470bg']);
const SDR_PRIMARIES = new Set([undefined, 'unknown', 'bt709', 'smpte170m', 'bt470bg']);
const SDR_TRANSFERS = new Set([undefined, 'unknown', 'bt709', 'smpte170m']);
// A frame whose timestamp is further than this from its place on the constant-rate grid counts as variable frame rate.
// Half a millisecond: the frame choice (sourceFrameIndexAt) compares times in whole milliseconds, and millisecond
// timestamps (Matroska) are at most this far off.
const GRID_TOLERANCE_IN_SECONDS = 0.0005;

const rate = (fraction: string | undefined): number => {
	const [num, den] = (fraction ?? '').split('/').map(Number);
	return den ? (num as number) / den : Number.NaN;
};

type ProbedStream = {
	width?: number;
	height?: number;
	sample_aspect_ratio?: string;
	r_frame_rate?: string;
	time_base?: string;
	nb_frames?: string;
	start_time?: string;
	pix_fmt?: string;
	color_space?: string;
	color_range?: string;
	color_primaries?: string;
	color_transfer?: string;
	tags?: Record<string, string>;
	side_data_list?: {side_data_type?: string; rotation?: number; displaymatrix?: string}[];
};

// Quarter turns the display matrix asks for (0-3), or null for any other rotation or a mirror image.
const quarterTurns = (stream: ProbedStream): number | null => {
	const display = stream.side_data_list?.find((side) => side.side_data_type === 'Display Matrix');
	const degrees = display?.rotation ?? 0;
	if (!Number.isFinite(degrees) || Math.abs(degrees / 90 - Math.round(degrees / 90)) > 1e-6) {
		return null;
	}
	// The matrix's first two rows, as ffprobe prints them ("00000000: a b u" …): a negative determinant is a mirror.
	const rows = (display?.displaymatrix ?? '')
		.split('\n')
		.map((line) => line.split(':')[1]?.trim().split(/\s+/).map(Number) ?? [])
		.filter((row) => row.length === 3);
	const [a = 1, b = 0] = rows[0] ?? [];
	const [c = 0, d = 1] = rows[1] ?? [];
	if (a * d - b * c < 0) {
		return null;
	}
	return ((Math.round(degrees / 90) % 4) + 4) % 4;
};

/**
 * Probes a clip's first video stream and every packet's timestamp with Remotion's ffprobe (demuxing only, no
 * decoding), and says whether the direct renderer can reproduce the browser's frames exactly. It refuses a clip
 * whose frames are not evenly spaced from 0 s at its stated rate (variable frame rate, a start offset), one
 * turned or mirrored other than by quarter turns, one with pixels that are not square, and pixel formats or colours it does not convert like the
 * browser; such clips are left to the browser. A phone clip turned by quarter or half turns is kept: ffmpeg
 * decodes it upright, so its facts give the upright size.
 */
export const inspectDirectClip = async (file: string): Promise<DirectClipVerdict> => {
	const entries = 'stream=width,height,sample_aspect_ratio,r_frame_rate,time_base,nb_frames,start_time,pix_fmt,color_space,color_range,color_primaries,color_transfer:stream_tags:stream_side_data:packet=pts,flags';
	const json = JSON.parse(await runFfprobe(['-select_streams', 'v:0', '-show_entries', entries, '-of', 'json', file])) as {streams?: ProbedStream[]; packets?: {pts?: number; flags?: string}[]};
	const stream = json.streams?.[0];
	const fps = rate(stream?.r_frame_rate);
	const timeBase = rate(stream?.time_base);
	if (!stream || !stream.width || !stream.height || !stream.nb_frames || !(fps > 0) || !(timeBase > 0)) {
		return {refusal: 'unknown-stream'};
	}
	// Packets an edit list drops (flag D) are never shown; the rest, in presentation order, must sit on the grid.
	const times = (json.packets ?? [])
		.filter((packet) => packet.pts !== undefined && !(packet.flags ?? '').includes('D'))
		.map((packet) => (packet.pts as number) * timeBase)
		.sort((x, y) => x - y);
	if (times.length === 0) {
		return {refusal: 'unknown-stream'};
	}
	if (Math.abs(times[0] as number) > GRID_TOLERANCE_IN_SECONDS + 1e-9 || Math.abs(Number(stream.start_time ?? 0)) > GRID_TOLERANCE_IN_SECONDS + 1e-9) {
		return {refusal: 'start-offset'};
	}
	// Every shown frame on the grid is a constant rate, whatever the container's average says (edit lists skew it).
	if (times.some((time, index) => Math.abs(time - index / fps) > GRID_TOLERANCE_IN_SECONDS + 1e-9)) {
		return {refusal: 'variable-frame-rate'};
	}
	const turns = quarterTurns(stream);
	if (turns === null) {
		return {refusal: 'rotation'};
	}
	if (!['1:1', '0:1', 'N/A', undefined].includes(stream.sample_aspect_ratio)) {
		return {refusal: 'pixel-aspect'};
	}
	// Alpha travels beside the picture in WebM (alpha_mode) whatever pix_fmt says.
	if (!DIRECT_PIXEL_FORMATS.has(stream.pix_fmt ?? '') || stream.tags?.alpha_mode === '1' || stream.tags?.ALPHA_MODE === '1') {
		return {refusal: 'pixel-format'};
	}
	if (!SDR_MATRICES.has(stream.color_space) || !SDR_PRIMARIES.has(stream.color_primaries) || !SDR_TRANSFERS.has(stream.color_transfer)) {
		return {refusal: 'colour'};
	}
	const sideways = turns % 2 === 1;
	const fullRange = stream.color_range === 'pc' || (stream.pix_fmt ?? '').startsWith('yuvj');
	// The browser reads an untagged full-range clip as JPEG does (BT.601), an untagged limited-range one as BT.709.
	const untagged = stream.color_space === undefined || stream.color_space === 'unknown';
	return {
		facts: {
			width: sideways ? stream.height : stream.width,
			height: sideways ? stream.width : stream.height,
			fps,
			frameCount: times.length,
			colorSpace: stream.color_space === 'smpte170m' || stream.color_space === 'bt470bg' || (fullRange && untagged) ? 'bt601' : 'bt709',
			fullRange,
		},
	};
};

/**
 * The name a clip's probe is remembered under beside its hash (see `openFileHashCache`); bump its revision when what
 * `inspectDirectClip` accepts or reports changes.
 */
export const DIRECT_PROBE_FACT = 'direct-clip-probe@1';

/** The facts the direct renderer needs of a clip, or null when it must go to the browser (see {@link inspectDirectClip} for why). */
export const probeDirectClip = async (file: string): Promise<DirectClipFacts | null> => (await inspectDirectClip(file)).facts ?? null;
