// Pure: sections of a compiled timeline become chapters. No IO here.
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import type {TimedChapter} from './encode-chapters-mkv.ts';
import {deliveryMessages as m} from './messages.ts';

/** YouTube's rules for chapters in a description: the first at 0:00, at least 3, each at least 10 s long. */
export const YOUTUBE_MIN_CHAPTERS = 3;
export const YOUTUBE_MIN_CHAPTER_SECONDS = 10;

/** Chapters for one video: every section for the MP4, and YouTube's list (short sections merged) with what was changed. */
export type ChapterPlan = {
	readonly mp4: readonly TimedChapter[];
	readonly youtube: readonly {readonly startInSeconds: number; readonly title: string}[];
	readonly warnings: readonly string[];
};

/** `0:00`, `1:05`, `1:02:03`: a whole number of seconds as YouTube reads timestamps in a description. */
export const formatYoutubeTimestamp = (seconds: number): string => {
	const whole = Math.floor(seconds);
	const h = Math.floor(whole / 3600);
	const m = Math.floor((whole % 3600) / 60);
	const s = whole % 60;
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
};

/**
 * Builds chapters from a timeline's sections, titled by `titles[sectionId]` or the section id. For YouTube, times are
 * whole seconds (rounded down, as a description shows them, so a chapter never starts after its section), a section
 * shorter than 10 s merges into the chapter before it (the first into the one after), and merged titles join with " / ".
 */
export const buildChapters = ({timeline, titles = {}}: {readonly timeline: ResolvedTimeline; readonly titles?: Readonly<Record<string, string>>}): ChapterPlan => {
	const titleOf = (id: string): string => (titles[id] ?? id).replace(/\s+/g, ' ').trim() || id;
	const mp4 = timeline.sections.map((section) => ({
		title: titleOf(section.id),
		startInMilliseconds: Math.round((section.startFrame / timeline.fps) * 1000),
		endInMilliseconds: Math.round((section.endFrame / timeline.fps) * 1000),
	}));
	const endInSeconds = Math.floor(timeline.durationInFrames / timeline.fps);
	type Draft = {startInSeconds: number; titles: string[]};
	let drafts: Draft[] = timeline.sections.map((section) => ({startInSeconds: Math.floor(section.startFrame / timeline.fps), titles: [titleOf(section.id)]}));
	if (drafts.length > 0) {
		(drafts[0] as Draft).startInSeconds = 0;
	}
	const short = new Set<string>();
	// Merge the shortest short chapter first and repeat: merging changes its neighbour's length.
	for (;;) {
		const lengths = drafts.map((draft, i) => (drafts[i + 1]?.startInSeconds ?? endInSeconds) - draft.startInSeconds);
		let shortest = -1;
		for (const [i, length] of lengths.entries()) {
			if (length < YOUTUBE_MIN_CHAPTER_SECONDS && drafts.length > 1 && (shortest === -1 || length < (lengths[shortest] as number))) {
				shortest = i;
			}
		}
		if (shortest === -1) {
			break;
		}
		const into = shortest === 0 ? 1 : shortest - 1;
		const [first, second] = shortest < into ? [shortest, into] : [into, shortest];
		const a = drafts[first] as Draft;
		const b = drafts[second] as Draft;
		for (const title of (drafts[shortest] as Draft).titles) {
			short.add(title);
		}
		drafts = [...drafts.slice(0, first), {startInSeconds: a.startInSeconds, titles: [...a.titles, ...b.titles]}, ...drafts.slice(second + 1)];
	}
	// One line per chapter that took in short sections, however many merges it took.
	const warnings = drafts.flatMap((draft) => (draft.titles.length > 1 ? [m.chaptersMerged(draft.titles.filter((title) => short.has(title)), draft.titles.join(' / '))] : []));
	if (drafts.length < YOUTUBE_MIN_CHAPTERS) {
		warnings.push(m.tooFewChapters(drafts.length));
	}
	return {mp4, youtube: drafts.map((draft) => ({startInSeconds: draft.startInSeconds, title: draft.titles.join(' / ')})), warnings};
};

/** YouTube's description form, one chapter a line: `0:00 intro`. */
export const serializeYoutubeChapters = (plan: ChapterPlan): string => plan.youtube.map((chapter) => `${formatYoutubeTimestamp(chapter.startInSeconds)} ${chapter.title}\n`).join('');
