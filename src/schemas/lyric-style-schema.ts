import {z} from 'zod';
import {cssColorSchema} from './css-color-schema.ts';

const color = cssColorSchema;

/** How lyric lines look in a section; every field may be left out and falls back to the video's defaults. */
export const lyricStyleSchema = z.strictObject({
	hidden: z.boolean().optional(),
	position: z.enum(['top', 'center', 'bottom']).optional(),
	fontSizeInPx: z.number().positive().max(1000).optional(),
	fontFamily: z.string().min(1).optional(),
	fontWeight: z.number().int().min(100).max(900).optional(),
	color: color.optional(),
	highlightColor: color.optional(),
	fadeInSeconds: z.number().nonnegative().max(10).optional(),
	fadeOutSeconds: z.number().nonnegative().max(10).optional(),
	wordHighlight: z.boolean().optional(),
	maxLineInSeconds: z.number().positive().max(60).optional(),
	/** A lyric renderer registered in `defineProject({lyricRenderers})` that draws each line instead of the built-in one. */
	renderer: z.string().min(1).optional(),
});

export type LyricStyle = z.infer<typeof lyricStyleSchema>;
