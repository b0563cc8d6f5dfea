import colorString from 'color-string';
import type {YuvColor} from './draw-layer.ts';

// HSL (degrees, percent, percent) to RGB 0…255, as CSS Color 4 defines it.
const hslToRgb = ([hue, saturation, lightness]: number[]): [number, number, number] => {
	const s = (saturation as number) / 100;
	const l = (lightness as number) / 100;
	const channel = (n: number): number => {
		const k = (n + (hue as number) / 30) % 12;
		return 255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
	};
	return [channel(0), channel(8), channel(4)];
};

/**
 * A CSS colour as the direct engine's frames hold it (yuv420p, BT.601, limited range, as JPEG frames from the
 * browser end up); null for a colour that is not opaque (what shows through it is the browser's business) or
 * that cannot be parsed.
 */
export const cssColorToYuv = (css: string): YuvColor | null => {
	const parsed = colorString.get(css.trim());
	if (!parsed || parsed.model === 'hwb' || (parsed.value[3] ?? 1) < 1) {
		return null;
	}
	const [r, g, b] = parsed.model === 'rgb' ? (parsed.value as [number, number, number]) : hslToRgb(parsed.value);
	return {
		y: Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b),
		u: Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b),
		v: Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b),
	};
};
