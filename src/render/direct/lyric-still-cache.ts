import {createHash} from 'node:crypto';
import {access, readFile, rename, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {deserialize, serialize} from 'node:v8';
import {lyricLineStateAt, visibleLyricLinesAt} from '../../draw/lyric-line-state.ts';
import type {RenderChunk} from '../../draw/plan-render-ranges.ts';
import type {ResolvedTimeline} from '../../timeline/resolved-timeline.ts';
import type {OverlayImage} from './lyric-overlay.ts';

/** A lyric still a direct chunk needs: a line (index into the timeline's lyrics) with its first `highlightedWords` highlighted, and the key it is cached under. */
export type NeededStill = {readonly stillId: string; readonly line: number; readonly highlightedWords: number; readonly key: string};

/** The lyric lines on screen at a frame, with their state and the id of the still that draws them. */
export const visibleStillsAt = (timeline: ResolvedTimeline, frame: number) =>
	visibleLyricLinesAt(timeline.lyrics, frame).map(({line, index}) => {
		const state = lyricLineStateAt(line, frame);
		return {stillId: `${index}:${state.highlightedWords}`, line: index, state};
	});

/**
 * The stills the direct chunks need, each once, keyed by what decides its pixels: the line's words and style,
 * how many words are highlighted, the frame's size, and the renderer's versions (not where the line is in time,
 * so a still survives edits that move it).
 */
export const stillsNeeded = (timeline: ResolvedTimeline, chunks: readonly RenderChunk[], versions: string): NeededStill[] => {
	const stills = new Map<string, NeededStill>();
	for (const chunk of chunks) {
		if (chunk.direct === null) {
			continue;
		}
		for (let frame = chunk.startFrame; frame < chunk.endFrame; frame++) {
			for (const {stillId, line, state} of visibleStillsAt(timeline, frame)) {
				if (!stills.has(stillId)) {
					const lyric = timeline.lyrics[line];
					const pixels = JSON.stringify({text: lyric?.text, style: lyric?.style, words: lyric?.words?.map((word) => word.text) ?? null, highlightedWords: state.highlightedWords, width: timeline.width, height: timeline.height, versions});
					stills.set(stillId, {stillId, line, highlightedWords: state.highlightedWords, key: createHash('sha256').update(pixels).digest('hex')});
				}
			}
		}
	}
	return [...stills.values()];
};

const stillPath = (cacheDir: string, key: string): string => path.join(cacheDir, `still-${key}.v8`);

/** Whether a still is cached, without reading it (the render that draws decides whether a browser is needed). */
export const isStillCached = (cacheDir: string, key: string): Promise<boolean> => access(stillPath(cacheDir, key)).then(() => true, () => false);

/** A cached still (null: never drawn, or drawn empty — an empty still is cached as such). */
export const readCachedStill = async (cacheDir: string, key: string): Promise<{overlay: OverlayImage | null} | undefined> => {
	try {
		return deserialize(await readFile(stillPath(cacheDir, key))) as {overlay: OverlayImage | null};
	} catch {
		return undefined;
	}
};

/** Caches a still, written whole or not at all. */
export const writeCachedStill = async (cacheDir: string, key: string, overlay: OverlayImage | null): Promise<void> => {
	const file = stillPath(cacheDir, key);
	const temporary = `${file}.tmp-${process.pid}`;
	await writeFile(temporary, serialize({overlay}));
	await rename(temporary, file);
};
