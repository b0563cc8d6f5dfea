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

/**
 * The lyric stills a batch shows, by key: each read from the cache when a frame needs it, the last few used held
 * in memory. Holding every still a render drew until its end took 0.6–0.9 MiB a still: 50 MiB of the benchmark's
 * 60-second render at its memory peak, 200 MiB for four minutes.
 */
export const openStillStore = (cacheDir: string, held = 8) => {
	const recent = new Map<string, OverlayImage | null>();
	const remember = (key: string, overlay: OverlayImage | null): void => {
		recent.delete(key);
		recent.set(key, overlay);
		for (const oldest of recent.keys()) {
			if (recent.size <= held) {
				break;
			}
			recent.delete(oldest);
		}
	};
	/** The still when it is held (now the most recently used), undefined when it must be read. */
	const peek = (key: string): OverlayImage | null | undefined => {
		if (!recent.has(key)) {
			return undefined;
		}
		const overlay = recent.get(key) as OverlayImage | null;
		remember(key, overlay);
		return overlay;
	};
	return {
		peek,
		/** The still, held or read from the cache; it must be in one or the other (put, or found by `has`). */
		get: async (key: string): Promise<OverlayImage | null> => {
			const kept = peek(key);
			if (kept !== undefined) {
				return kept;
			}
			const cached = await readCachedStill(cacheDir, key);
			if (!cached) {
				throw new Error(`the lyric still ${stillPath(cacheDir, key)} left the cache during the render (was the cache folder cleaned?); render again`);
			}
			remember(key, cached.overlay);
			return cached.overlay;
		},
		/** Whether the cache has a readable still under this key (it is then held, as the most recently used). */
		has: async (key: string): Promise<boolean> => {
			const cached = await readCachedStill(cacheDir, key);
			if (cached) {
				remember(key, cached.overlay);
			}
			return cached !== undefined;
		},
		/** Caches a still just drawn, and holds it. */
		put: async (key: string, overlay: OverlayImage | null): Promise<void> => {
			remember(key, overlay);
			await writeCachedStill(cacheDir, key, overlay);
		},
	};
};
