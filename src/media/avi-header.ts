/**
 * Header of an uncompressed AVI stream (bottom-up BGR24 rows of `stride` bytes, or planar I420), so raw frames
 * can be piped into Remotion's ffmpeg, which ships without the rawvideo demuxer but reads AVI. Each frame then
 * follows as a '00db' chunk.
 */
export const aviHeader = ({width, height, fps, frames, stride = width * 3, pixelFormat = 'bgr24'}: {width: number; height: number; fps: number; frames: number; stride?: number; pixelFormat?: 'bgr24' | 'i420'}): Buffer => {
	const frameBytes = pixelFormat === 'i420' ? width * height + 2 * (width / 2) * (height / 2) : stride * height;
	const rate = Math.round(fps * 1000);
	const scale = 1000;
	const moviBytes = 4 + frames * (8 + frameBytes);
	const header = Buffer.alloc(12 + 12 + 64 + 12 + 64 + 48 + 12);
	let o = 0;
	const fourcc = (code: string): void => {
		header.write(code, o, 'ascii');
		o += 4;
	};
	const u32 = (value: number): void => {
		header.writeUInt32LE(value >>> 0, o);
		o += 4;
	};
	const u16 = (value: number): void => {
		header.writeUInt16LE(value, o);
		o += 2;
	};
	const hdrlBytes = 4 + (8 + 56) + (12 + (8 + 56) + (8 + 40));
	fourcc('RIFF');
	u32(4 + (8 + hdrlBytes) + (8 + moviBytes));
	fourcc('AVI ');
	fourcc('LIST');
	u32(hdrlBytes);
	fourcc('hdrl');
	fourcc('avih');
	u32(56);
	for (const value of [Math.round(1e6 / fps), frameBytes * Math.ceil(fps), 0, 0, frames, 0, 1, frameBytes, width, height, 0, 0, 0, 0]) {
		u32(value);
	}
	fourcc('LIST');
	u32(4 + (8 + 56) + (8 + 40));
	fourcc('strl');
	fourcc('strh');
	u32(56);
	fourcc('vids');
	fourcc(pixelFormat === 'i420' ? 'I420' : 'DIB ');
	u32(0);
	u16(0);
	u16(0);
	for (const value of [0, scale, rate, 0, frames, frameBytes, 0xffffffff, 0]) {
		u32(value);
	}
	for (const value of [0, 0, width, height]) {
		u16(value);
	}
	fourcc('strf');
	u32(40);
	for (const value of [40, width, height]) {
		u32(value);
	}
	u16(1);
	u16(pixelFormat === 'i420' ? 12 : 24);
	for (const value of [pixelFormat === 'i420' ? 0x30323449 : 0, frameBytes, 0, 0, 0, 0]) {
		u32(value);
	}
	fourcc('LIST');
	u32(moviBytes);
	fourcc('movi');
	return header.subarray(0, o);
};

/** The 8-byte chunk header that precedes each frame's bytes. */
export const aviFrameChunkHeader = (frameBytes: number): Buffer => {
	const chunk = Buffer.alloc(8);
	chunk.write('00db', 0, 'ascii');
	chunk.writeUInt32LE(frameBytes, 4);
	return chunk;
};
