import type {LyricLayout} from '../draw/lyric-layout.ts';
import type {LyricWordProgress} from '../draw/lyric-line-state.ts';
import type {ResolvedLyricLine} from '../timeline/resolved-timeline.ts';

/** What a project's own lyric renderer receives for each line on screen, at every frame. */
export type LyricRendererProps = {
	readonly line: ResolvedLyricLine;
	/** Each word with how far through it the singer is (0 before, 1 after); a line without word times is one word. */
	readonly words: readonly LyricWordProgress[];
	/** The line's fade (0–1) as the built-in renderer would apply it. */
	readonly opacity: number;
	/** How far through the line, 0 to 1. */
	readonly progress: number;
	/** The absolute frame of the video. */
	readonly frame: number;
	/** The built-in view's margins and line width for this frame's size (`lyricLayout`), to keep lines where it would. */
	readonly layout: LyricLayout;
};
