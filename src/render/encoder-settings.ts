import type {X264Preset} from '@remotion/renderer';

/** How chunks are encoded: every chunk, browser-drawn or direct, goes through the same x264 settings so they join without re-encoding. */
export type EncoderSettings = {
	readonly preset: X264Preset;
	readonly crf: number;
};

/** `veryfast` keeps up with rendering on small machines; CRF 18 is Remotion's default quality for H.264. */
export const DEFAULT_ENCODER_SETTINGS: EncoderSettings = {preset: 'veryfast', crf: 18};

/** The x264 presets, fastest first, for validating `--preset`. */
export const X264_PRESETS: readonly X264Preset[] = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow', 'placebo'];

/**
 * ffmpeg output options for a video-only chunk: the same as Remotion's stitcher uses for H.264 (yuv420p, fixed
 * 90 kHz track timescale, no metadata), with the range tagged so chunks from JPEG frames and from clips match.
 */
export const x264OutputArgs = (settings: EncoderSettings): string[] => [
	'-an',
	'-c:v', 'libx264',
	'-pix_fmt', 'yuv420p',
	'-color_range', 'tv',
	'-preset', settings.preset,
	'-crf', String(settings.crf),
	'-video_track_timescale', '90000',
	'-map_metadata', '-1',
];

/**
 * Chunks encoded from the browser's JPEG frames carry what JPEG implies in their H.264 headers (BT.601 matrix,
 * limited range after conversion, chroma sited at the centre); chunks encoded from raw clip frames carry none.
 * Writing the same into the raw chunks' headers makes every chunk's SPS identical, so they join by stream copy.
 */
export const RAW_FRAMES_AS_JPEG_FRAMES_ARGS = ['-bsf:v', 'h264_metadata=sample_aspect_ratio=1/1:video_format=5:video_full_range_flag=0:colour_primaries=2:transfer_characteristics=2:matrix_coefficients=5:chroma_sample_loc_type=1'];
