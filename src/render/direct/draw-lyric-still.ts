import {execFileSync} from 'node:child_process';
import {createRequire} from 'node:module';
import type * as NapiCanvas from '@napi-rs/canvas';
import {LYRIC_LINE_HEIGHT, LYRIC_TEXT_SHADOWS, lyricLayout} from '../../draw/lyric-layout.ts';
import type {ResolvedLyricLine} from '../../timeline/resolved-timeline.ts';
import {drawnByStillsPage} from './lyric-stills-page.ts';
import {type OverlayImage, overlayFromRgba} from './lyric-overlay.ts';

type Canvas = typeof NapiCanvas;
type Context = ReturnType<ReturnType<Canvas['createCanvas']>['getContext']>;

/**
 * Draws lyric stills in Node, without the browser: Skia (through @napi-rs/canvas; Chrome draws text with Skia too),
 * the font fontconfig gives Chrome for the line's family, and Chrome's layout of `LyricLineView` on one row or two
 * balanced rows. Measured against the browser's stills: the same box and the same line breaks, 47–55 dB over the
 * frame at the built-in text sizes (glyph edges are antialiased a little differently, so the figure falls as the
 * text grows: about 40 dB for text an eighth of the frame's height). Lines it cannot promise to lay out as Chrome
 * does go to the browser: three rows or more, a break inside a word or a choice within a pixel, a line break, a
 * character outside Latin (font fallback differs), a family or weight fontconfig cannot give exactly, or no
 * fontconfig at all.
 */
export type LyricStillDrawer = {
	/** Whether this line is drawn here (else by the browser), at this frame size. */
	readonly draws: (line: ResolvedLyricLine, frameWidth: number, frameHeight: number) => boolean;
	/** The line's still with its first `highlightedWords` words highlighted, as an overlay of the frame (null: nothing drawn). */
	readonly draw: (line: ResolvedLyricLine, highlightedWords: number, frameWidth: number, frameHeight: number) => OverlayImage | null;
};

// CSS generic families, which fontconfig resolves to the system's choice (Chrome takes that choice).
const GENERIC = new Set(['sans-serif', 'serif', 'monospace']);
// Families fontconfig's metric aliases stand in for (30-metric-aliases.conf), which Chrome accepts as the family.
const METRIC_CLONES: Record<string, readonly string[]> = {
	helvetica: ['helvetica', 'arial', 'liberation sans', 'arimo', 'nimbus sans', 'nimbus sans l', 'tex gyre heros', 'albany', 'albany amt'],
	arial: ['arial', 'helvetica', 'liberation sans', 'arimo', 'nimbus sans', 'nimbus sans l', 'tex gyre heros', 'albany', 'albany amt'],
	'times new roman': ['times new roman', 'times', 'liberation serif', 'tinos', 'nimbus roman', 'nimbus roman no9 l', 'tex gyre termes', 'thorndale', 'thorndale amt'],
	times: ['times', 'times new roman', 'liberation serif', 'tinos', 'nimbus roman', 'nimbus roman no9 l', 'tex gyre termes', 'thorndale', 'thorndale amt'],
	'courier new': ['courier new', 'courier', 'liberation mono', 'cousine', 'nimbus mono', 'nimbus mono ps', 'tex gyre cursor', 'cumberland', 'cumberland amt'],
	courier: ['courier', 'courier new', 'liberation mono', 'cousine', 'nimbus mono', 'nimbus mono ps', 'tex gyre cursor', 'cumberland', 'cumberland amt'],
};
// CSS weights on fontconfig's scale; below semibold a bold face is emboldened by Chrome.
const FC_WEIGHT: Record<number, number> = {100: 0, 200: 40, 300: 50, 400: 80, 500: 100, 600: 180, 700: 200, 800: 205, 900: 210};
const SEMIBOLD = 180;
// Characters every Latin font fontconfig offers for these families holds: no font fallback, no shaping beyond kerning.
const PLAIN_LATIN = /^[\u0020-\u007E\u00A0-\u017F\u2013\u2014\u2018-\u201F\u2026]*$/;
// The shadows in the order Chrome paints them (the last listed first); a canvas shadow blur is the CSS blur radius
// (both a Gaussian of half that deviation).
const SHADOWS_PAINTED = [...LYRIC_TEXT_SHADOWS].reverse();
// Room above and below a line's box for its shadows (a 12 px blur spreads about 20 px).
const SHADOW_ROOM = 40;

// Chrome lays out in LayoutUnits (1/64 px), converting from floats by truncation.
const layoutUnit = (value: number): number => Math.floor(value * 64) / 64;

/**
 * The font file Chrome draws a family list in, as fontconfig answers (Chrome's Skia asks it the same way): the first
 * family whose match is that family, a metric clone fontconfig binds to it, or a generic family's choice. Null when
 * none is, when the face found is lighter than bold where bold is asked (Chrome would embolden it), or without fontconfig.
 */
const fontFileFor = (families: string, weight: number): string | null => {
	const fcWeight = FC_WEIGHT[Math.round(weight / 100) * 100];
	if (fcWeight === undefined) {
		return null;
	}
	for (const raw of families.split(',')) {
		const family = raw.trim().replace(/^["']|["']$/g, '');
		let answer: string;
		try {
			answer = execFileSync('fc-match', ['--format=%{file}\n%{family}\n%{weight}\n%{slant}', `${family}:weight=${fcWeight}:slant=0`], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
		} catch {
			return null;
		}
		const [file, names = '', faceWeight = '0', slant = '0'] = answer.split('\n');
		const matched = names.split(',').map((name) => name.trim().toLowerCase());
		const wanted = family.toLowerCase();
		if (GENERIC.has(wanted) || matched.includes(wanted) || (METRIC_CLONES[wanted] ?? []).some((clone) => matched.includes(clone))) {
			const emboldened = weight >= 600 && Number(faceWeight) < SEMIBOLD;
			return file && !emboldened && Number(slant) === 0 ? file : null;
		}
	}
	return null;
};

// The words a line shows (the spans LyricLineView makes), or null when one is not plain Latin or holds a line break.
const wordsOf = (line: ResolvedLyricLine): string[] | null => {
	const words = line.style.wordHighlight && line.words ? line.words.map((word) => word.text) : line.text.trim().split(/ +/);
	return words.every((word) => word.length > 0 && !/\s/.test(word) && PLAIN_LATIN.test(word)) ? words : null;
};

// Where Chrome may break a line besides spaces (after a hyphen or a dash, around a slash): words with these wrap
// only in the browser.
const BREAKS_INSIDE = /[-\u2013\u2014/]/;

/**
 * The rows Chrome breaks the words into within `maxWidth` under `text-wrap: balance`, as [first, end) word ranges:
 * one row when the text fits, two when greedy breaking needs two (balanced: the break that makes the wider row
 * narrowest, which is what both of Chrome's balancing methods choose for two rows). Null for three rows or more,
 * a word wider than a row, a break inside a word, or a choice within a pixel (rounding could decide it).
 */
export const rowsOf = (words: readonly string[], widthOf: (first: number, end: number) => number, maxWidth: number): [number, number][] | null => {
	const all = widthOf(0, words.length);
	if (all <= maxWidth - 1) {
		return [[0, words.length]];
	}
	if (all <= maxWidth + 1 || words.some((word) => BREAKS_INSIDE.test(word))) {
		return null;
	}
	// Two rows fit when some break leaves both within the width; greedy breaking then needs exactly two.
	const splits = words
		.map((_, k) => k)
		.filter((k) => k > 0)
		.map((k) => ({k, wider: Math.max(widthOf(0, k), widthOf(k, words.length))}));
	const fitting = splits.filter(({wider}) => wider <= maxWidth);
	if (fitting.length === 0 || fitting.some(({wider}) => Math.abs(wider - maxWidth) < 1)) {
		return null;
	}
	const [best, next] = [...fitting].sort((a, b) => a.wider - b.wider);
	if (best === undefined || (next !== undefined && next.wider - best.wider < 1)) {
		return null;
	}
	return [
		[0, best.k],
		[best.k, words.length],
	];
};

// The canvas library, loaded on first use; null where it cannot load (a platform it has no binary for): the browser
// then draws every still.
const require = createRequire(import.meta.url);
let canvasLibrary: Canvas | null | undefined;
const canvasOrNull = (): Canvas | null => {
	if (canvasLibrary === undefined) {
		try {
			canvasLibrary = require('@napi-rs/canvas') as Canvas;
		} catch {
			canvasLibrary = null;
		}
	}
	return canvasLibrary;
};
// Font files registered with the canvas, each under a family name of its own (registration is for the process).
const registered = new Map<string, string | null>();
const registeredFamily = (canvas: Canvas, file: string): string | null => {
	if (!registered.has(file)) {
		const name = `songreel-lyrics-${registered.size}`;
		registered.set(file, canvas.GlobalFonts.registerFromPath(file, name) ? name : null);
	}
	return registered.get(file) ?? null;
};

/** Opens a drawer (fonts are looked up once per family and weight). */
export const openLyricStillDrawer = (): LyricStillDrawer => {
	const loaded = (): Canvas => canvasOrNull() as Canvas;
	const fonts = new Map<string, string | null>();
	// The family name the canvas knows the line's font file by; null when the browser must draw the line.
	const familyOf = (style: ResolvedLyricLine['style']): string | null => {
		const key = `${style.fontFamily}|${style.fontWeight}`;
		if (!fonts.has(key)) {
			const canvas = canvasOrNull();
			const file = canvas === null ? null : fontFileFor(style.fontFamily, style.fontWeight);
			fonts.set(key, canvas === null || file === null ? null : registeredFamily(canvas, file));
		}
		return fonts.get(key) ?? null;
	};
	let measuring: Context | null = null;
	// The last canvas drawn in, reused while stills of one size follow each other.
	let scratch: {width: number; height: number; context: Context} | null = null;
	const contextFor = (width: number, height: number): Context => {
		if (scratch === null || scratch.width !== width || scratch.height !== height) {
			scratch = {width, height, context: loaded().createCanvas(width, height).getContext('2d')};
		}
		scratch.context.clearRect(0, 0, width, height);
		return scratch.context;
	};

	// The line laid out as Chrome lays out LyricLineView, in rows of words (one, or two balanced); null when it
	// cannot promise to.
	const layOutNow = (line: ResolvedLyricLine, frameWidth: number, frameHeight: number) => {
		const {style} = line;
		const words = drawnByStillsPage(line) ? wordsOf(line) : null;
		const family = words ? familyOf(style) : null;
		if (words === null || family === null) {
			return null;
		}
		const {marginXInPx, marginYInPx, maxLineWidthInPx} = lyricLayout({frameWidth, frameHeight});
		const context = (measuring ??= loaded().createCanvas(1, 1).getContext('2d'));
		context.font = `${style.fontWeight} ${style.fontSizeInPx}px ${family}`;
		const space = context.measureText(' ').width;
		const advances = words.map((word) => context.measureText(word).width);
		const widthOf = (first: number, end: number): number => advances.slice(first, end).reduce((sum, advance) => sum + advance, 0) + space * (end - first - 1);
		const rows = rowsOf(words, widthOf, layoutUnit(maxLineWidthInPx));
		if (rows === null) {
			return null;
		}
		// The box: a flex column centring the text across (as wide as its widest row, at most the line width), each
		// row centred in it, placed by `position` within the padding.
		const lineHeight = layoutUnit(style.fontSizeInPx * LYRIC_LINE_HEIGHT);
		const paddingY = layoutUnit(marginYInPx);
		const rowWidths = rows.map(([first, end]) => Math.ceil(widthOf(first, end) * 64) / 64);
		const boxWidth = Math.min(layoutUnit(maxLineWidthInPx), rows.length > 1 ? Number.POSITIVE_INFINITY : (rowWidths[0] as number));
		const boxLeft = layoutUnit(marginXInPx) + (layoutUnit(frameWidth - 2 * layoutUnit(marginXInPx)) - boxWidth) / 2;
		const free = frameHeight - 2 * paddingY - rows.length * lineHeight;
		const top = paddingY + (style.position === 'top' ? 0 : style.position === 'bottom' ? free : layoutUnit(free / 2));
		// Each baseline: half the leading (floored, as LayoutNG does) and the font's rounded ascent below its row's top.
		const metrics = context.measureText(words.join(' '));
		const ascent = Math.round(metrics.fontBoundingBoxAscent);
		const descent = Math.round(metrics.fontBoundingBoxDescent);
		const placed = rows.map(([first, end], row) => ({
			first,
			end,
			left: layoutUnit(boxLeft + layoutUnit((boxWidth - (rowWidths[row] as number)) / 2)),
			baseline: Math.round(top + row * lineHeight + Math.floor((lineHeight - ascent - descent) / 2) + ascent),
		}));
		// The band of the frame drawn in: the rows and their shadows, from an even row of pixels (chroma rows pair up).
		const bandTop = Math.max(0, Math.floor((top - SHADOW_ROOM) / 2) * 2);
		const bandHeight = Math.min(frameHeight, Math.ceil(top + rows.length * lineHeight + SHADOW_ROOM)) - bandTop;
		return {words, advances, space, rows: placed, bandTop, bandHeight, font: context.font};
	};

	// Laid out once per line and frame size: every highlight state of a line, and the question whether it is drawn
	// here at all, share it.
	const layouts = new WeakMap<ResolvedLyricLine, Map<string, ReturnType<typeof layOutNow>>>();
	const layOut = (line: ResolvedLyricLine, frameWidth: number, frameHeight: number): ReturnType<typeof layOutNow> => {
		const bySize = layouts.get(line) ?? new Map<string, ReturnType<typeof layOutNow>>();
		layouts.set(line, bySize);
		const size = `${frameWidth}x${frameHeight}`;
		if (!bySize.has(size)) {
			bySize.set(size, layOutNow(line, frameWidth, frameHeight));
		}
		return bySize.get(size) ?? null;
	};

	return {
		draws: (line, frameWidth, frameHeight) => layOut(line, frameWidth, frameHeight) !== null,
		draw: (line, highlightedWords, frameWidth, frameHeight) => {
			const laidOut = layOut(line, frameWidth, frameHeight);
			if (laidOut === null) {
				throw new Error(`lyric line "${line.text}" cannot be drawn without the browser`);
			}
			const {words, advances, space, rows, bandTop, bandHeight, font} = laidOut;
			const context = contextFor(frameWidth, bandHeight);
			context.font = font;
			const {style} = line;
			// Highlighted lines are a span a word, each a text fragment to Chrome; a plain line is one fragment a row.
			const spans = style.wordHighlight && line.words;
			const fragments = rows.flatMap(({first, end, left, baseline}) => {
				const row = words.slice(first, end).map((text, k) => ({text, index: first + k, x: left + advances.slice(first, first + k).reduce((sum, advance) => sum + advance + space, 0), y: baseline - bandTop}));
				return spans ? row.map(({text, index, x, y}) => ({text, x, y, color: index < highlightedWords ? style.highlightColor : style.color})) : [{text: row.map(({text}) => text).join(' '), x: left, y: baseline - bandTop, color: style.color}];
			});
			// Each fragment as Chrome paints one: its shadows (the last listed first), then its text, so a word's shadow
			// falls over the word before it. A shadow alone: the text drawn far off, its shadow offset back.
			const away = frameWidth * 4;
			for (const {text, x, y, color} of fragments) {
				for (const shadow of SHADOWS_PAINTED) {
					context.shadowColor = shadow.color;
					context.shadowBlur = shadow.blurInPx;
					context.shadowOffsetX = away;
					context.shadowOffsetY = shadow.offsetYInPx;
					context.fillStyle = '#000';
					context.fillText(text, x - away, y);
				}
				context.shadowColor = 'transparent';
				context.shadowBlur = 0;
				context.shadowOffsetX = 0;
				context.shadowOffsetY = 0;
				context.fillStyle = color;
				context.fillText(text, x, y);
			}
			const {data} = context.getImageData(0, 0, frameWidth, bandHeight);
			const overlay = overlayFromRgba({rgba: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: frameWidth, height: bandHeight});
			return overlay === null ? null : {...overlay, y: overlay.y + bandTop};
		},
	};
};
