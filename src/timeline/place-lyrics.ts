import {parseLrc} from '../music/lyrics/parse-lrc.ts';
import {parseSrt} from '../music/lyrics/parse-srt.ts';
import type {LyricLine} from '../music/lyrics/lyric-line.ts';
import {secondsToFrame} from '../music/seconds-to-frame.ts';
import type {LyricStyle} from '../schemas/lyric-style-schema.ts';
import type {CompileContext} from './compile-context.ts';
import {timelineMessages as m} from './messages.ts';
import type {Keyframes, ResolvedLyricLine, ResolvedLyricStyle, ResolvedSection} from './resolved-timeline.ts';
import {isMissing} from './timeline-facts.ts';
import {resolvePosition} from './resolve-sections.ts';

type FullLyricStyle = Omit<ResolvedLyricStyle, 'renderer'> & {
	readonly renderer?: string;
	readonly hidden: boolean;
	readonly fadeInSeconds: number;
	readonly fadeOutSeconds: number;
	readonly maxLineInSeconds: number;
};

/** The lyric size when a style sets none: 6 % of the frame's height, so a style reads the same at 720p and 4K. */
export const defaultLyricFontSizeInPx = (height: number): number => Math.round(height * 0.06);

/** The lyric font when a style names none: system fonts, so the same text draws the same on any machine with them. */
export const BUILT_IN_LYRIC_FONT_FAMILY = 'Helvetica, Arial, sans-serif';

const builtInStyle = (height: number): FullLyricStyle => ({
	hidden: false,
	position: 'bottom',
	fontSizeInPx: defaultLyricFontSizeInPx(height),
	fontFamily: BUILT_IN_LYRIC_FONT_FAMILY,
	fontWeight: 800,
	color: '#ffffff',
	highlightColor: '#ffd23f',
	wordHighlight: true,
	fadeInSeconds: 0.12,
	fadeOutSeconds: 0.12,
	maxLineInSeconds: 8,
});

const withoutUndefined = (style: LyricStyle | undefined): Partial<FullLyricStyle> =>
	Object.fromEntries(Object.entries(style ?? {}).filter(([, value]) => value !== undefined)) as Partial<FullLyricStyle>;

/** Opacity keyframes of a fade in and out; frames strictly increase, as `interpolate` requires. */
const fadeKeyframes = ({startFrame, endFrame, fadeInFrames, fadeOutFrames}: {startFrame: number; endFrame: number; fadeInFrames: number; fadeOutFrames: number}): Keyframes => {
	const frames = [startFrame, startFrame + fadeInFrames, endFrame - fadeOutFrames, endFrame];
	const values = [0, 1, 1, 0];
	const keep = frames.map((frame, i) => i === 0 || frame > (frames[i - 1] as number));
	return {frames: frames.filter((_, i) => keep[i]), values: values.map((v, i) => (fadeInFrames === 0 && i === 0 ? 1 : v)).filter((_, i) => keep[i])};
};

/** Reads the song's lyric lines from its file or inline list; reports syntax problems by file line. */
const readLyricLines = (context: CompileContext): LyricLine[] => {
	const {song, songPath, diagnostics, facts} = context;
	const source = song.lyrics;
	if (!source || (source.file === undefined && source.lines === undefined)) {
		return [];
	}
	const path = [...songPath, 'lyrics'];
	if (source.file !== undefined && source.lines !== undefined) {
		diagnostics.error(path, m.lyricsBothSources());
		return [];
	}
	if (source.file !== undefined) {
		const text = facts.lyricsText;
		if (text === undefined || isMissing(text)) {
			diagnostics.error([...path, 'file'], m.lyricsFileMissing(source.file, text?.error ?? 'not loaded'));
			return [];
		}
		const parsed = source.file.toLowerCase().endsWith('.srt') ? parseSrt(text) : parseLrc(text);
		for (const problem of parsed.problems) {
			diagnostics.errors.push({file: `public/${source.file}`, path: `line ${problem.line}`, message: problem.message});
		}
		return [...parsed.lines];
	}
	return (source.lines ?? []).flatMap((line, index): LyricLine[] => {
		const startInSeconds = resolvePosition(context, line.at, [...path, 'lines', index, 'at']);
		const endInSeconds = line.end === undefined ? null : resolvePosition(context, line.end, [...path, 'lines', index, 'end']);
		if (startInSeconds === null || (line.end !== undefined && endInSeconds === null)) {
			return [];
		}
		return [{startInSeconds, endInSeconds, text: line.text, words: null, sourceLine: index}];
	}).sort((a, b) => a.startInSeconds - b.startInSeconds);
};

/**
 * Turns lyric lines into overlay items in frames. A line without an end lasts until the next line,
 * the style's maxLineInSeconds or the song's end, whichever comes first; its style comes from the
 * section it starts in.
 */
export const placeLyrics = (context: CompileContext, sections: readonly ResolvedSection[]): ResolvedLyricLine[] => {
	const {video, diagnostics, songDurationInSeconds, songPath} = context;
	const {fps} = video;
	const lines = readLyricLines(context);
	const base = {...builtInStyle(video.height), ...withoutUndefined(video.defaults.lyrics)};
	const placed: ResolvedLyricLine[] = [];
	lines.forEach((line, index) => {
		const file = context.song.lyrics?.file;
		// Lines from a file are reported by their line in that file; inline lines by their path in the song map.
		const report = (message: string): void => {
			if (file === undefined) {
				diagnostics.error([...songPath, 'lyrics', 'lines', line.sourceLine], message);
			} else {
				diagnostics.errors.push({file: `public/${file}`, path: `line ${line.sourceLine}`, message});
			}
		};
		const warn = (message: string): void => {
			if (file === undefined) {
				diagnostics.warn([...songPath, 'lyrics', 'lines', line.sourceLine], message);
			} else {
				diagnostics.warnings.push({file: `public/${file}`, path: `line ${line.sourceLine}`, message});
			}
		};
		if (line.startInSeconds < 0) {
			report(m.lyricsBeforeStart(line.text, line.startInSeconds));
			return;
		}
		// A line in the song's last half frame would round onto a frame past the video's end.
		if (line.startInSeconds >= songDurationInSeconds || secondsToFrame(line.startInSeconds, fps) >= context.durationInFrames) {
			report(m.lyricsAfterEnd(line.text, line.startInSeconds, songDurationInSeconds));
			return;
		}
		if (line.endInSeconds !== null && line.endInSeconds > songDurationInSeconds + 0.5 / fps) {
			report(m.lyricsEndAfterSong(line.text, line.endInSeconds, songDurationInSeconds));
			return;
		}
		if (line.endInSeconds !== null && line.endInSeconds <= line.startInSeconds) {
			report(m.lyricsEndBeforeStart(line.text));
			return;
		}
		const startFrame = secondsToFrame(line.startInSeconds, fps);
		const section = sections.find((s) => s.startFrame <= startFrame && startFrame < s.endFrame);
		const style = {...base, ...withoutUndefined(section ? video.sections[section.id]?.lyrics : undefined)};
		if (style.hidden) {
			return;
		}
		const next = lines[index + 1];
		if (line.endInSeconds !== null && next && line.endInSeconds > next.startInSeconds) {
			warn(m.lyricsOverlap(line.text, next.text));
		}
		const endInSeconds = Math.min(line.endInSeconds ?? Infinity, next?.startInSeconds ?? Infinity, line.startInSeconds + style.maxLineInSeconds, songDurationInSeconds);
		const endFrame = Math.min(context.durationInFrames, Math.max(startFrame + 1, secondsToFrame(endInSeconds, fps)));
		const durationInFrames = endFrame - startFrame;
		// Fades share the line's frames; they never make a short line invisible.
		const fadeInFrames = Math.min(secondsToFrame(style.fadeInSeconds, fps), Math.floor(durationInFrames / 2));
		const fadeOutFrames = Math.min(secondsToFrame(style.fadeOutSeconds, fps), Math.floor(durationInFrames / 2));
		const words =
			line.words?.map((word, wordIndex) => {
				const wordStart = Math.min(endFrame - 1, Math.max(startFrame, secondsToFrame(word.startInSeconds, fps)));
				const nextWord = line.words?.[wordIndex + 1];
				const wordEndInSeconds = word.endInSeconds ?? nextWord?.startInSeconds ?? null;
				const wordEnd = wordEndInSeconds === null ? endFrame : Math.min(endFrame, Math.max(wordStart + 1, secondsToFrame(wordEndInSeconds, fps)));
				return {text: word.text, startFrame: wordStart, endFrame: wordEnd};
			}) ?? null;
		placed.push({
			text: line.text,
			startFrame,
			endFrame,
			opacity: fadeKeyframes({startFrame, endFrame, fadeInFrames, fadeOutFrames}),
			words,
			style: {
				position: style.position,
				fontSizeInPx: style.fontSizeInPx,
				fontFamily: style.fontFamily,
				fontWeight: style.fontWeight,
				color: style.color,
				highlightColor: style.highlightColor,
				wordHighlight: style.wordHighlight && words !== null,
				renderer: style.renderer ?? null,
			},
		});
	});
	return placed;
};
