import {probeVideoStream} from '../../media/remotion-ffmpeg.ts';

/** What the direct renderer must know of a clip: its size, a constant frame rate and its frame count. */
export type DirectClipFacts = {
	readonly width: number;
	readonly height: number;
	readonly fps: number;
	readonly frameCount: number;
	/** The YUV matrix the browser decodes with: BT.601 when the clip says so, else BT.709 (also Chrome's guess for untagged clips). */
	readonly colorSpace: 'bt601' | 'bt709';
	readonly fullRange: boolean;
};

const rate = (fraction: string): number => {
	const [num, den] = fraction.split('/').map(Number);
	return den ? (num as number) / den : Number.NaN;
};

/**
 * Probes a clip's first video stream with Remotion's ffprobe; null when the direct renderer cannot reproduce
 * the browser's frames exactly (variable frame rate, a start offset, an unknown frame count): such clips are
 * left to the browser.
 */
export const probeDirectClip = async (file: string): Promise<DirectClipFacts | null> => {
	const stream = (await probeVideoStream(file, ['width', 'height', 'r_frame_rate', 'avg_frame_rate', 'nb_frames', 'start_time', 'color_space', 'color_range', 'pix_fmt'])) as {
		width?: number;
		height?: number;
		r_frame_rate?: string;
		avg_frame_rate?: string;
		nb_frames?: string;
		start_time?: string;
		color_space?: string;
		color_range?: string;
		pix_fmt?: string;
	};
	if (!stream.width || !stream.height || !stream.r_frame_rate || !stream.avg_frame_rate || !stream.nb_frames) {
		return null;
	}
	const fps = rate(stream.r_frame_rate);
	const frameCount = Number(stream.nb_frames);
	if (!Number.isFinite(fps) || Math.abs(fps - rate(stream.avg_frame_rate)) > 1e-3 || !(frameCount > 0) || Math.abs(Number(stream.start_time ?? 0)) > 1e-3) {
		return null;
	}
	return {
		width: stream.width,
		height: stream.height,
		fps,
		frameCount,
		colorSpace: stream.color_space === 'smpte170m' || stream.color_space === 'bt470bg' ? 'bt601' : 'bt709',
		fullRange: stream.color_range === 'pc' || (stream.pix_fmt ?? '').startsWith('yuvj'),
	};
};
