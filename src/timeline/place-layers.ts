import {beatsPerBarAt, beatsToSeconds, secondsToBeats} from '../music/tempo-map.ts';
import {secondsToFrame} from '../music/seconds-to-frame.ts';
import type {Layer} from '../schemas/layer-schema.ts';
import {positionSchema} from '../schemas/position-schema.ts';
import type {CompileContext} from './compile-context.ts';
import {timelineMessages as m} from './messages.ts';
import type {PlacedSection} from './resolve-sections.ts';
import {resolvePosition} from './resolve-sections.ts';
import type {ResolvedLayer} from './resolved-timeline.ts';

/**
 * Places the project's own components over the picture in musical time: a layer starts at a section (its start)
 * or a position, and lasts a length in beats, bars or seconds (walked on the beat grid like shots), or until a
 * position or a section's end; with neither, to the end of the section it starts in (a section's layers) or of
 * the video (the video's). Every frame is decided here; components only draw.
 */
export const placeLayers = (context: CompileContext, sections: readonly PlacedSection[]): ResolvedLayer[] => {
	const {video, videoPath, tempoMap, diagnostics, durationInFrames} = context;
	const songEnd = durationInFrames / video.fps;
	const sectionById = new Map(sections.map((section) => [section.id, section]));
	// A section id or a position, in seconds; null (after reporting) when neither.
	const pointInSeconds = (value: string, path: readonly PropertyKey[], edge: 'start' | 'end'): number | null => {
		const section = sectionById.get(value);
		if (section) {
			return edge === 'start' ? section.startInSeconds : section.endInSeconds;
		}
		if (!positionSchema.safeParse(value).success) {
			diagnostics.error(path, m.layerPointUnknown(value, [...sectionById.keys()]));
			return null;
		}
		return resolvePosition(context, value, path);
	};
	const place = (layer: Layer, path: readonly PropertyKey[], section: PlacedSection | null, index: number): ResolvedLayer | null => {
		const start = layer.at === undefined ? (section?.startInSeconds ?? 0) : pointInSeconds(layer.at, [...path, 'at'], 'start');
		if (start === null) {
			return null;
		}
		let end: number | null;
		if (layer.until !== undefined) {
			end = pointInSeconds(layer.until, [...path, 'until'], 'end');
		} else if (layer.lengthInSeconds !== undefined) {
			end = start + layer.lengthInSeconds;
		} else if (layer.lengthInBeats !== undefined || layer.lengthInBars !== undefined) {
			const startInBeats = secondsToBeats(tempoMap, start);
			end = beatsToSeconds(tempoMap, startInBeats + (layer.lengthInBeats ?? (layer.lengthInBars as number) * beatsPerBarAt(tempoMap, startInBeats)));
		} else {
			const home = section ?? sections.find((s) => s.startInSeconds <= start + 1e-9 && start < s.endInSeconds) ?? null;
			end = section || layer.at !== undefined ? (home?.endInSeconds ?? songEnd) : songEnd;
		}
		if (end === null) {
			return null;
		}
		const startFrame = secondsToFrame(start, video.fps);
		const endFrame = Math.min(durationInFrames, secondsToFrame(end, video.fps));
		if (startFrame >= durationInFrames) {
			diagnostics.error([...path, layer.at === undefined ? 'component' : 'at'], m.layerAfterSong(start, songEnd));
			return null;
		}
		if (endFrame <= startFrame) {
			diagnostics.error(path, m.layerEmpty(start, end));
			return null;
		}
		return {id: `${section ? section.id : 'video'}/layer-${index + 1}`, component: layer.component, props: layer.props, startFrame, endFrame, sectionId: section?.id ?? null};
	};
	const layers: ResolvedLayer[] = [];
	video.layers.forEach((layer, index) => {
		const placed = place(layer, [...videoPath, 'layers', index], null, index);
		if (placed) {
			layers.push(placed);
		}
	});
	for (const section of sections) {
		(video.sections[section.id]?.layers ?? []).forEach((layer, index) => {
			const placed = place(layer, [...videoPath, 'sections', section.id, 'layers', index], section, index);
			if (placed) {
				layers.push(placed);
			}
		});
	}
	return layers;
};
