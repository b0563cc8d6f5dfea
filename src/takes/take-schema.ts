import {z} from 'zod';

/**
 * Where a take is in its life. `planned`: no job exists. `submitting`: written (with the time) just before the paid
 * create, and kept until the job id is recorded; a take found in it has a create whose answer may have been lost,
 * and is reconciled against the provider's list of jobs before anything is created again.
 */
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

/** What automatic QC found in a take's pictures: a score from 0 (unusable) to 1 (nothing found) and one flag per fault. */
export const takeQcSchema = z.strictObject({
	score: z.number().min(0).max(1),
	flags: z.array(z.strictObject({code: z.string(), message: z.string()})),
	/** Perceptual hashes (dHash, 64 bits as hex) of frames at a quarter, half and three quarters, to find near-duplicates. */
	hashes: z.array(z.string()),
	checkedAt: z.string(),
});

/** One generated or imported clip and everything known about it. */
export const takeSchema = z.strictObject({
	id: z.string(),
	shotId: z.string(),
	provider: z.string(),
	model: z.string(),
	prompt: z.string(),
	params: z.strictObject({lengthInSeconds: z.number(), size: z.string(), seed: z.number().int(), referenceImage: z.string().nullable()}),
	/** Sent with the create call where a provider takes one; nothing relies on it (reconciliation does the work). */
	idempotencyKey: z.string(),
	/** 1 for the first create; each new job for the take (after a failed job, or --retry-failed) is a new attempt. */
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
	qc: takeQcSchema.nullable().default(null),
});

/**
 * One paid job, written once, when the provider reports it over (finished or failed), in the same atomic write
 * as the take's change: the project's spend is the sum of these, billed-but-failed jobs included. Entries are
 * only ever appended; every job id songreel has owned is here or on a take, so reconciliation never adopts it twice.
 */
export const ledgerEntrySchema = z.strictObject({
	jobId: z.string(),
	takeId: z.string(),
	provider: z.string(),
	usd: z.number().nonnegative(),
	outcome: z.enum(['completed', 'failed']),
	code: z.string().nullable(),
	at: z.string(),
});

/** The take registry file: every take of the project, the pick for each shot and the ledger of paid jobs. */
export const registrySchema = z.strictObject({
	version: z.literal(1),
	/** Random per project, part of every idempotency key. */
	projectKey: z.string(),
	picks: z.record(z.string(), z.string()),
	takes: z.array(takeSchema),
	ledger: z.array(ledgerEntrySchema).default([]),
});

export type TakeFacts = z.infer<typeof takeFactsSchema>;
export type Take = z.infer<typeof takeSchema>;
export type TakeQc = z.infer<typeof takeQcSchema>;
export type TakeStatus = Take['status'];
export type Registry = z.infer<typeof registrySchema>;
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
