const MODERATION = /moderation|content_policy|safety|blocked/i;
const RETRYABLE_CODE = /^(internal_error|server_error|timeout|service_unavailable|overloaded)$/i;
const RETRYABLE_WORDS = /try again|temporar|overloaded|capacity/i;

/**
 * What a job that ended as "failed" means: `retryable` when the service broke (an internal error, "please try
 * again"), so a new job may succeed; `billed` unless it was refused by moderation, which providers do not charge
 * for. A job that ran and broke inside the service is charged like a finished one (the conservative reading: a
 * budget that counts it can only stop early, never overspend).
 */
export const classifyJobFailure = (error: {readonly code: string; readonly message: string}): {readonly retryable: boolean; readonly billed: boolean} => {
	const moderated = MODERATION.test(error.code) || MODERATION.test(error.message);
	return {retryable: !moderated && (RETRYABLE_CODE.test(error.code) || RETRYABLE_WORDS.test(error.message)), billed: !moderated};
};
