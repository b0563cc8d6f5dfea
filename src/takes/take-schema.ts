import {z} from 'zod';

/** Where a take is in its life. `submitting` is written before the paid create call, so a crash there is visible. */
export const TAKE_STATUSES = ['planned', 'submitting', 'queued', 'in_progress', 'downloading', 'complete', 'failed'] as const;

/** Facts probed from a take's file. */
export const takeFactsSchema = z.strictObject({
	durationInSeconds: z.number(),
	width: z.number().nullable(),
	height: z.number().nullable(),
	fps: z.number().nullable(),
	videoCodec: z.string().nullable(),
	hasAudio: z.boolean(),
});

/** One generated or imported clip and everything known about it. */
export const takeSchema = z.strictObject({
	id: z.string(),
	shotId: z.string(),
	provider: z.string(),
	model: z.string(),
	prompt: z.string(),
	params: z.strictObject({lengthInSeconds: z.number(), size: z.string(), seed: z.number().int(), referenceImage: z.string().nullable()}),
	/** Sent with the create call and kept, so a resumed or retried create is recognised and not paid twice. */
	idempotencyKey: z.string(),
	/** 1 for the first create; --retry-failed makes a new attempt with a new idempotency key. */
	attempt: z.number().int().min(1),
	jobId: z.string().nullable(),
	status: z.enum(TAKE_STATUSES),
	progress: z.number().min(0).max(100),
	estimatedCostUsd: z.number(),
	costUsd: z.number().nullable(),
	createdAt: z.string(),
	submittedAt: z.string().nullable(),
	completedAt: z.string().nullable(),
	file: z.string().nullable(),
	sha256: z.string().nullable(),
	facts: takeFactsSchema.nullable(),
	rating: z.number().int().min(1).max(5).nullable(),
	rejectedReason: z.string().nullable(),
	error: z.strictObject({code: z.string(), message: z.string(), permanent: z.boolean()}).nullable(),
});

/** The take registry file: every take of the project and the pick for each shot. */
export const registrySchema = z.strictObject({
	version: z.literal(1),
	/** Random per project, part of every idempotency key, so two projects never share keys at a provider. */
	projectKey: z.string(),
	picks: z.record(z.string(), z.string()),
	takes: z.array(takeSchema),
});

export type TakeFacts = z.infer<typeof takeFactsSchema>;
export type Take = z.infer<typeof takeSchema>;
export type TakeStatus = Take['status'];
export type Registry = z.infer<typeof registrySchema>;
