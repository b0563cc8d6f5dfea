import {execFileSync} from 'node:child_process';
import {describe, expect, test} from 'vitest';
import {BUILT_IN_LYRIC_FONT_FAMILY} from '../../timeline/place-lyrics.ts';
import type {ResolvedLyricLine, ResolvedLyricStyle} from '../../timeline/resolved-timeline.ts';
import {openLyricStillDrawer, rowsOf} from './draw-lyric-still.ts';

const hasFontconfig = (() => {
	try {
		execFileSync('fc-match', ['--version'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
})();

const STYLE: ResolvedLyricStyle = {position: 'bottom', fontSizeInPx: 43, fontFamily: BUILT_IN_LYRIC_FONT_FAMILY, fontWeight: 800, color: '#ffffff', highlightColor: '#ffd23f', wordHighlight: true, renderer: null};

const lineOf = (text: string, style: Partial<ResolvedLyricStyle> = {}): ResolvedLyricLine => ({
	text,
	startFrame: 0,
	endFrame: 30,
	opacity: {frames: [0], values: [1]},
	words: text.split(' ').map((word, index) => ({text: word, startFrame: index * 5, endFrame: index * 5 + 5})),
	style: {...STYLE, ...style},
});

describe('rows of a wrapped line, as Chrome balances them', () => {
	// Every letter 10 px wide, a space 5 px.
	const widthsOf = (words: readonly string[]) => (first: number, end: number): number => words.slice(first, end).reduce((sum, word) => sum + word.length * 10, 0) + 5 * (end - first - 1);

	test('one row when the words fit, within a pixel to spare', () => {
		const words = ['paper', 'skies']; // 105 px
		expect(rowsOf(words, widthsOf(words), 200)).toEqual([[0, 2]]);
		expect(rowsOf(words, widthsOf(words), 105.5)).toBeNull();
	});

	test('two rows break where the wider row is narrowest, not where greedy breaking would', () => {
		const words = ['we', 'were', 'running', 'under', 'golden', 'rain']; // 2+4+7+5+6+4 letters: 305 px
		// Greedy at 250 px: 'we were running under' | 'golden rain' (195 px wide); balanced: 'we were running' |
		// 'under golden rain' (160 px).
		expect(rowsOf(words, widthsOf(words), 250)).toEqual([
			[0, 3],
			[3, 6],
		]);
	});

	test('leaves to the browser three rows, a word wider than a row, breaks inside words and near ties', () => {
		const long = ['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee', 'ffff'];
		expect(rowsOf(long, widthsOf(long), 100)).toBeNull();
		const wide = ['supercalifragilistic', 'a'];
		expect(rowsOf(wide, widthsOf(wide), 150)).toBeNull();
		const hyphen = ['a', 'well-known', 'story', 'told'];
		expect(rowsOf(hyphen, widthsOf(hyphen), 150)).toBeNull();
		// 'abc de' | 'fgh' and 'abc' | 'de fgh' are equally wide: a rounding away from either.
		const tie = ['abc', 'de', 'fgh'];
		expect(rowsOf(tie, widthsOf(tie), 70)).toBeNull();
	});
});

describe.skipIf(!hasFontconfig)('lyric stills drawn in Node', () => {
	const drawer = openLyricStillDrawer();

	test('a line sits centred across, above the bottom margin, and highlighting changes colours only', () => {
		const line = lineOf('Paper skies above');
		expect(drawer.draws(line, 1280, 720)).toBe(true);
		const plain = drawer.draw(line, 0, 1280, 720);
		const highlighted = drawer.draw(line, 2, 1280, 720);
		if (plain === null || highlighted === null) {
			throw new Error('nothing drawn');
		}
		// Centred within a pixel or two (the box is even-aligned), its shadow above the 6% bottom margin.
		expect(Math.abs(plain.x + plain.width / 2 - 640)).toBeLessThanOrEqual(2);
		expect(plain.y + plain.height).toBeLessThanOrEqual(720 - 76.8 + 24);
		expect(plain.y % 2).toBe(0);
		// Same place and shape (Skia's glyph contrast follows the colour's luminance a little, as in Chrome).
		expect([highlighted.x, highlighted.y, highlighted.width, highlighted.height]).toEqual([plain.x, plain.y, plain.width, plain.height]);
		expect(Math.max(...plain.alpha.map((value, i) => Math.abs(value - (highlighted.alpha[i] as number))))).toBeLessThan(0.1);
		expect(highlighted.cbTimesAlpha).not.toEqual(plain.cbTimesAlpha);
	});

	test('top, centre and bottom lines land where the layout puts them', () => {
		const top = drawer.draw(lineOf('Paper skies', {position: 'top'}), 0, 720, 1280);
		const center = drawer.draw(lineOf('Paper skies', {position: 'center'}), 0, 720, 1280);
		const bottom = drawer.draw(lineOf('Paper skies', {position: 'bottom'}), 0, 720, 1280);
		expect(top && center && bottom).toBeTruthy();
		const middle = (overlay: NonNullable<typeof top>): number => overlay.y + overlay.height / 2;
		expect(middle(top as NonNullable<typeof top>)).toBeLessThan(1280 * 0.06 + 60);
		expect(Math.abs(middle(center as NonNullable<typeof top>) - 640)).toBeLessThan(6);
		expect(middle(bottom as NonNullable<typeof top>)).toBeGreaterThan(1280 - 1280 * 0.06 - 60);
	});

	test('leaves to the browser what it cannot lay out as Chrome does', () => {
		// Three rows at this width: only the browser lays those out. Two rows (balanced) and one are drawn here.
		const long = 'Paper skies above the harbour lights and every window of the town tonight';
		expect(drawer.draws(lineOf(`${long}, ${long}`), 1280, 720)).toBe(false);
		expect(drawer.draws(lineOf(long), 1280, 720)).toBe(true);
		expect(drawer.draws(lineOf(long), 3840, 2160)).toBe(true);
		// Letters outside Latin need font fallback, which differs from the browser's.
		expect(drawer.draws(lineOf('紙の空'), 1280, 720)).toBe(false);
		expect(drawer.draws(lineOf('Χάρτινοι ουρανοί'), 1280, 720)).toBe(false);
		expect(drawer.draws(lineOf('Ça va, naïve façade — “oui”'), 1280, 720)).toBe(true);
		// A line break in a plain line.
		expect(drawer.draws(lineOf('Paper\nskies', {wordHighlight: false}), 1280, 720)).toBe(false);
		// A family of the project's own, or its own renderer: the project's bundle draws those.
		expect(drawer.draws(lineOf('Paper skies', {fontFamily: 'DejaVu Serif, serif'}), 1280, 720)).toBe(false);
		expect(drawer.draws(lineOf('Paper skies', {renderer: 'neon'}), 1280, 720)).toBe(false);
		expect(() => drawer.draw(lineOf('紙の空'), 0, 1280, 720)).toThrow(/cannot be drawn without the browser/);
	});
});
