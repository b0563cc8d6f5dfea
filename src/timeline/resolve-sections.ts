import {beatsPerBarAt, barToBeats} from '../music/tempo-map.ts';
import {positionToSeconds} from '../music/position-to-seconds.ts';
import {secondsToFrame} from '../music/seconds-to-frame.ts';
import {parsePosition, type Position} from '../schemas/position-schema.ts';
import type {CompileContext} from './compile-context.ts';
import {timelineMessages as m} from './messages.ts';

/** A song section with exact times (for musical maths) and frames (for the timeline). */
export type PlacedSection = {
	readonly id: string;
	readonly startInSeconds: number;
	readonly endInSeconds: number;
	readonly startFrame: number;
	readonly endFrame: number;
};

/** Seconds of a position, or null (with an error reported at `path`) when its beat does not exist in its bar. */
export const resolvePosition = (context: CompileContext, position: Position, path: readonly PropertyKey[]): number | null => {
	const parsed = parsePosition(position);
	if (parsed.kind === 'bar') {
		const beatsPerBar = beatsPerBarAt(context.tempoMap, barToBeats(context.tempoMap, parsed.bar));
		if (parsed.beat >= beatsPerBar + 1) {
			context.diagnostics.error(path, m.beatOutsideBar(position, parsed.bar, parsed.beat, beatsPerBar), m.beatOutsideBarFix(parsed.bar, beatsPerBar));
			return null;
		}
	}
	const seconds = positionToSeconds(context.tempoMap, parsed);
	if (seconds < 0) {
		context.diagnostics.error(path, m.positionBeforeStart(position, seconds), m.positionBeforeStartFix());
		return null;
	}
	return seconds;
};

// Which listed sections are out of song order: all but one longest run of strictly later starts, so the
// section that was moved is blamed, not its neighbours. On a tie the run keeps the section listed first.
const outOfOrderIndices = (frames: readonly number[]): Set<number> => {
	const lengths = frames.map(() => 1);
	frames.forEach((frame, i) => {
		for (let j = 0; j < i; j++) {
			if ((frames[j] as number) < frame && (lengths[j] as number) + 1 > (lengths[i] as number)) {
				lengths[i] = (lengths[j] as number) + 1;
			}
		}
	});
	const kept = new Set<number>();
	let wanted = Math.max(...lengths);
	let below = Infinity;
	for (let i = frames.length - 1; i >= 0 && wanted > 0; i--) {
		// Walking back, take the earliest-listed section that can still end the run at this length.
		const candidates = frames.flatMap((frame, j) => (j <= i && lengths[j] === wanted && frame < below ? [j] : []));
		const chosen = candidates[0];
		if (chosen === undefined) {
			break;
		}
		kept.add(chosen);
		below = frames[chosen] as number;
		wanted--;
		i = chosen;
	}
	return new Set(frames.flatMap((_, i) => (kept.has(i) ? [] : [i])));
};

/** Places the song's sections so that they tile the song exactly: no gaps, no overlaps, first at 0, last to the end. */
export const resolveSections = (context: CompileContext): PlacedSection[] => {
	const {song, songPath, diagnostics, songDurationInSeconds, video} = context;
	const starts = song.sections.map((section, index) => {
		const path = [...songPath, 'sections', index, 'start'];
		if (section.start === undefined) {
			if (index > 0) {
				diagnostics.error(path, m.sectionStartRequired());
				return null;
			}
			return 0;
		}
		return resolvePosition(context, section.start, path);
	});
	if (starts.some((start) => start === null)) {
		return [];
	}
	const startFrames = (starts as number[]).map((start) => secondsToFrame(start, video.fps));
	const misplaced = outOfOrderIndices(startFrames);
	for (const index of misplaced) {
		const section = song.sections[index] as (typeof song.sections)[0];
		const startText = section.start ?? '0s';
		// The nearest section listed above that starts at or after this one is the one it collides with.
		const earlier = startFrames.flatMap((frame, j) => (j < index && frame >= (startFrames[index] as number) ? [j] : [])).pop();
		const path = [...songPath, 'sections', index, section.start === undefined ? 'id' : 'start'];
		if (earlier === undefined) {
			// Nothing above starts later: this section was moved up the list, past sections that come before it in the song.
			const later = startFrames.findIndex((frame, j) => j > index && frame <= (startFrames[index] as number));
			const next = song.sections[later] as (typeof song.sections)[0];
			diagnostics.error(path, m.sectionAfterLaterOnes(section.id, startText, starts[index] as number, next.id, next.start ?? '0s', starts[later] as number), m.sectionOutOfOrderFix());
			continue;
		}
		const other = song.sections[earlier] as (typeof song.sections)[0];
		if (startFrames[earlier] === startFrames[index]) {
			diagnostics.error(path, m.sectionsSameStart(section.id, startText, other.id, other.start ?? '0s', starts[index] as number), m.sectionsSameStartFix());
		} else {
			diagnostics.error(path, m.sectionOutOfOrder(section.id, startText, starts[index] as number, other.id, other.start ?? '0s', starts[earlier] as number), m.sectionOutOfOrderFix());
		}
	}
	if (misplaced.size > 0) {
		return [];
	}
	const seen = new Set<string>();
	const placed: PlacedSection[] = [];
	song.sections.forEach((section, index) => {
		const path = [...songPath, 'sections', index];
		if (seen.has(section.id)) {
			diagnostics.error([...path, 'id'], m.duplicateSection(section.id));
		}
		seen.add(section.id);
		const startInSeconds = starts[index] as number;
		const isLast = index === song.sections.length - 1;
		const endInSeconds = isLast ? songDurationInSeconds : (starts[index + 1] as number);
		const startFrame = secondsToFrame(startInSeconds, video.fps);
		const endFrame = isLast ? context.durationInFrames : secondsToFrame(endInSeconds, video.fps);
		if (index === 0 && startFrame !== 0) {
			diagnostics.error([...path, 'start'], m.firstSectionNotAtStart(startInSeconds), m.firstSectionNotAtStartFix());
		}
		if (startFrame >= context.durationInFrames) {
			diagnostics.error([...path, 'start'], m.sectionAfterSong(section.id, startInSeconds, songDurationInSeconds));
			return;
		}
		if (endFrame <= startFrame) {
			const next = song.sections[index + 1];
			diagnostics.error([...path, 'start'], m.sectionsOverlap(next?.id ?? section.id, section.id));
			return;
		}
		if (section.end !== undefined) {
			const explicitEnd = resolvePosition(context, section.end, [...path, 'end']);
			if (explicitEnd !== null && secondsToFrame(explicitEnd, video.fps) !== endFrame) {
				const next = song.sections[index + 1];
				diagnostics.error(
					[...path, 'end'],
					next ? m.sectionGap(section.id, explicitEnd, next.id, endInSeconds) : m.sectionEndsOffSong(section.id, explicitEnd, songDurationInSeconds),
					m.sectionGapFix(),
				);
			}
		}
		placed.push({id: section.id, startInSeconds, endInSeconds, startFrame, endFrame});
	});
	return placed;
};
