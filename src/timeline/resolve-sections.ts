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
			context.diagnostics.error(path, m.beatOutsideBar(parsed.beat, beatsPerBar));
			return null;
		}
	}
	return positionToSeconds(context.tempoMap, parsed);
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
