import {z} from 'zod';
import {assetPathSchema} from './asset-path-schema.ts';
import {idSchema} from './id-schema.ts';
import {specMessages} from './messages.ts';

/** Fields a generated shot's prompt can use, filled from the compiled timeline: `{section}`, `{lyric}`, `{video}`, `{shot}`. */
export const PROMPT_TEMPLATE_FIELDS = ['section', 'lyric', 'video', 'shot'] as const;

// `{field}` or `{field|text when the field is empty}`.
const FIELD_PATTERN = /\{([a-zA-Z]+)(?:\|([^{}]*))?\}/g;

/** The `{field}` names a template uses, in order of first use. */
export const templateFieldsOf = (template: string): string[] => [...new Set([...template.matchAll(FIELD_PATTERN)].map((match) => match[1] as string))];

/** Fills `{field}` and `{field|fallback}` from `values`; an empty value takes the fallback (or stays empty). */
export const fillPromptTemplate = (template: string, values: Readonly<Record<(typeof PROMPT_TEMPLATE_FIELDS)[number], string>>): string =>
	template.replace(FIELD_PATTERN, (whole, field: string, fallback: string | undefined) => {
		const value = (values as Record<string, string>)[field];
		if (value === undefined) {
			return whole;
		}
		return value.trim() === '' ? (fallback ?? '') : value;
	});

const promptTemplateSchema = z
	.string()
	.min(1)
	.superRefine((template, context) => {
		for (const field of templateFieldsOf(template)) {
			if (!(PROMPT_TEMPLATE_FIELDS as readonly string[]).includes(field)) {
				context.addIssue({code: 'custom', message: specMessages.unknownPromptField(field, PROMPT_TEMPLATE_FIELDS), input: template});
			}
		}
	});

/**
 * A shot whose clip songreel generates (`songreel generate --for <video>`): takes as long as the shot's slot in the
 * compiled timeline (rounded up to a length the provider makes; the edit trims the rest), in the video's aspect,
 * from a prompt (with the section and the lyric sung over the slot as template fields) or a shot of the shot list.
 * The slot plays the take picked for it; until one exists it shows the video's background.
 */
export const generateSchema = z.strictObject({
	/** The takes' shot id (`songreel takes <id>`, `songreel pick <id> <take>`); default `<video>-<section>-<n>`. */
	id: idSchema.optional(),
	/** What to show; may use `{section}`, `{lyric}` (the line(s) sung over the slot), `{video}`, `{shot}`, and `{lyric|fallback}`. */
	prompt: promptTemplateSchema.optional(),
	/** A shot of the shot list whose prompt (a template too), characters, reference image and model this slot uses. */
	shot: idSchema.optional(),
	/** Characters of the shot list's style bible in this shot (names in the prompt are found on their own). */
	characters: z.array(z.string().min(1)).optional(),
	/** Takes wanted for the slot (default: the shot list's `defaults.takes`). */
	takes: z.number().int().min(1).max(100).optional(),
	model: z.string().min(1).optional(),
	/** An image (under public/) to start from: a character's reference, sent as the provider's image input. */
	referenceImage: assetPathSchema.optional(),
	/** `'previous'`: start from the last frame the edit shows of the previous shot (its picked take); generation waits for that pick. */
	continueFrom: z.literal('previous').optional(),
});

export type Generate = z.infer<typeof generateSchema>;

/** The shot id a generated slot's takes are registered under: its own `id`, or `<video>-<section>-<n>` (n from 1). */
export const generatedShotId = ({videoId, sectionId, indexInSection, generate}: {videoId: string; sectionId: string; indexInSection: number; generate: Generate}): string =>
	generate.id ?? `${videoId}-${sectionId}-${indexInSection + 1}`;

/** Every generated slot a video asks for, in timeline order of its sections as written, with where it was written. */
export const generatedShotsOf = (video: {readonly id: string; readonly sections: Readonly<Record<string, {readonly shots?: readonly {readonly generate?: Generate}[]}>>}): {shotId: string; sectionId: string; indexInSection: number; generate: Generate}[] =>
	Object.entries(video.sections).flatMap(([sectionId, plan]) =>
		(plan.shots ?? []).flatMap((shot, indexInSection) => (shot.generate === undefined ? [] : [{shotId: generatedShotId({videoId: video.id, sectionId, indexInSection, generate: shot.generate}), sectionId, indexInSection, generate: shot.generate}])),
	);
