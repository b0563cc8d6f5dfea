// A Matroska file that holds nothing but chapters (and an empty track, for the demuxer's sake): the one chapter container Remotion's ffmpeg can read (it has no
// ffmetadata demuxer), so chapters reach an MP4 by stream copy with `-map_chapters`.

/** A chapter in time: where it starts and ends, in milliseconds, and its title. */
export type TimedChapter = {
	readonly title: string;
	readonly startInMilliseconds: number;
	readonly endInMilliseconds: number;
};

const size = (length: number): Buffer => {
	// Always the 8-byte size form: simple, and every reader accepts it.
	const bytes = Buffer.alloc(8);
	bytes[0] = 0x01;
	bytes.writeUIntBE(Math.floor(length / 2 ** 32), 1, 3);
	bytes.writeUInt32BE(length % 2 ** 32, 4);
	return bytes;
};

const element = (id: number, ...children: Buffer[]): Buffer => {
	const body = Buffer.concat(children);
	const idBytes = Buffer.alloc(4);
	idBytes.writeUInt32BE(id);
	const firstUsed = idBytes.findIndex((b) => b !== 0);
	return Buffer.concat([idBytes.subarray(firstUsed), size(body.length), body]);
};

const uint = (id: number, value: number | bigint): Buffer => {
	const bytes = Buffer.alloc(8);
	bytes.writeBigUInt64BE(BigInt(value));
	return element(id, bytes);
};

const text = (id: number, value: string): Buffer => element(id, Buffer.from(value, 'utf8'));

const float = (id: number, value: number): Buffer => {
	const bytes = Buffer.alloc(8);
	bytes.writeDoubleBE(value);
	return element(id, bytes);
};

/** Encodes chapters as a Matroska file: EBML header, segment info, an empty text track, one edition of chapter atoms. */
export const encodeChaptersMkv = (chapters: readonly TimedChapter[], durationInMilliseconds: number): Buffer => {
	const header = element(0x1a45dfa3, uint(0x4286, 1), uint(0x42f7, 1), uint(0x42f2, 4), uint(0x42f3, 8), text(0x4282, 'matroska'), uint(0x4287, 4), uint(0x4285, 2));
	const info = element(0x1549a966, uint(0x2ad7b1, 1_000_000), float(0x4489, durationInMilliseconds), text(0x4d80, 'songreel'), text(0x5741, 'songreel'));
	const atoms = chapters.map((chapter, index) =>
		element(
			0xb6,
			uint(0x73c4, index + 1),
			uint(0x91, BigInt(Math.round(chapter.startInMilliseconds)) * 1_000_000n),
			uint(0x92, BigInt(Math.round(chapter.endInMilliseconds)) * 1_000_000n),
			element(0x80, text(0x85, chapter.title), text(0x437c, 'und')),
		),
	);
	// ffmpeg's demuxer reads the header up to the first cluster, so one text track and an empty cluster close it.
	const tracks = element(0x1654ae6b, element(0xae, uint(0xd7, 1), uint(0x73c5, 1), uint(0x83, 0x11), text(0x86, 'S_TEXT/UTF8')));
	const cluster = element(0x1f43b675, uint(0xe7, 0));
	const segment = element(0x18538067, info, tracks, element(0x1043a770, element(0x45b9, ...atoms)), cluster);
	return Buffer.concat([header, segment]);
};
