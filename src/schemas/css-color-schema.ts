import {z} from 'zod';
import {specMessages} from './messages.ts';

// CSS Color 4 named colours (plus transparent and currentcolor's absence: a file has no "current" colour).
const NAMED_COLORS = new Set(
	(
		'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood cadetblue chartreuse ' +
		'chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta ' +
		'darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet ' +
		'deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green ' +
		'greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
		'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey ' +
		'lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen ' +
		'mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive ' +
		'olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple ' +
		'rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey ' +
		'snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen transparent'
	).split(' '),
);

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?`;
const PERCENT = `${NUMBER}%`;
const NUM_OR_PERCENT = `(?:${PERCENT}|${NUMBER})`;
const HUE = `${NUMBER}(?:deg|rad|grad|turn)?`;
const ALPHA = `(?:${PERCENT}|${NUMBER})`;
// Both the comma form (rgb(1, 2, 3)) and the space form with a slash before alpha (rgb(1 2 3 / 50%)).
const functional = (name: string, first: string, rest: string): RegExp =>
	new RegExp(`^${name}a?\\(\\s*${first}\\s*(?:,\\s*${rest}\\s*,\\s*${rest}\\s*(?:,\\s*${ALPHA}\\s*)?|\\s+${rest}\\s+${rest}\\s*(?:/\\s*${ALPHA}\\s*)?)\\)$`, 'i');
const RGB = functional('rgb', NUM_OR_PERCENT, NUM_OR_PERCENT);
const HSL = functional('hsl', HUE, PERCENT);

/** Whether a string is a CSS colour a browser and the direct renderer both understand. */
export const isCssColor = (value: string): boolean => {
	const trimmed = value.trim();
	return NAMED_COLORS.has(trimmed.toLowerCase()) || HEX.test(trimmed) || RGB.test(trimmed) || HSL.test(trimmed);
};

/** A CSS colour: a name ("black", "transparent"), #rgb, #rgba, #rrggbb, #rrggbbaa, rgb()/rgba() or hsl()/hsla(). */
export const cssColorSchema = z.string().refine(isCssColor, {error: (issue) => specMessages.notAColor(issue.input)});
