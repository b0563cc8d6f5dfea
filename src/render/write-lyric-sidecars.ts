import {writeFileAtomically} from '../media/write-file-atomically.ts';
import {frameToSeconds} from '../music/seconds-to-frame.ts';
import type {LyricLine} from '../music/lyrics/lyric-line.ts';
import {serializeLrc, serializeSrt, serializeVtt} from '../music/lyrics/serialize-lyrics.ts';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';

/** The lyric lines exactly as the video shows them (frame-rounded times), in seconds. */
export const timelineLyricLines = (timeline: ResolvedTimeline): LyricLine[] =>
	timeline.lyrics.map((line, index) => ({
		startInSeconds: frameToSeconds(line.startFrame, timeline.fps),
		endInSeconds: frameToSeconds(line.endFrame, timeline.fps),
		text: line.text,
		words: line.words?.map((word) => ({text: word.text, startInSeconds: frameToSeconds(word.startFrame, timeline.fps), endInSeconds: frameToSeconds(word.endFrame, timeline.fps)})) ?? null,
		sourceLine: index + 1,
	}));

/** Writes `<video>.lrc`, `.srt` and `.vtt` beside a rendered video (each atomically); returns their paths. */
export const writeLyricSidecars = async (timeline: ResolvedTimeline, videoPath: string): Promise<string[]> => {
	if (timeline.lyrics.length === 0) {
		return [];
	}
	const lines = timelineLyricLines(timeline);
	const base = videoPath.replace(/\.[^./]+$/, '');
	const files: [string, string][] = [
		[`${base}.lrc`, serializeLrc(lines)],
		[`${base}.srt`, serializeSrt(lines)],
		[`${base}.vtt`, serializeVtt(lines)],
	];
	for (const [file, text] of files) {
		await writeFileAtomically(file, text);
	}
	return files.map(([file]) => file);
};
