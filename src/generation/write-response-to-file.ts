import {open} from 'node:fs/promises';
import {ProviderError} from './clip-provider.ts';

/**
 * Downloads a provider's output URL to a file, checking the length. Output URLs are signed and short-lived, so a
 * 403, 404 or 410 here means "ask the provider for a fresh URL", a transient failure, never a refused key.
 * `headers` go with the request (Replicate asks for its token on output URLs).
 */
export const writeResponseToFile = async ({url, targetPath, signal, headers}: {url: string; targetPath: string; signal?: AbortSignal; headers?: Record<string, string>}): Promise<void> => {
	let response: Response;
	try {
		response = await fetch(url, headers ? {signal, headers} : {signal});
	} catch (error) {
		if (signal?.aborted) {
			throw new ProviderError({code: 'aborted', message: 'download: stopped by the user', kind: 'aborted'});
		}
		throw new ProviderError({code: 'connection', message: `download: ${(error as Error).message}`, kind: 'transient'});
	}
	if (!response.ok) {
		throw new ProviderError({code: `http_${response.status}`, message: `download: the output URL answered ${response.status}`, kind: 'transient'});
	}
	const expected = Number(response.headers.get('content-length') ?? Number.NaN);
	const file = await open(targetPath, 'w');
	let written = 0;
	try {
		for await (const chunk of (response.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
			await file.write(chunk);
			written += chunk.byteLength;
		}
	} catch (error) {
		if (signal?.aborted) {
			throw new ProviderError({code: 'aborted', message: 'download: stopped by the user', kind: 'aborted'});
		}
		throw new ProviderError({code: 'download_broken', message: `download broke after ${written} bytes: ${(error as Error).message}`, kind: 'transient'});
	} finally {
		await file.close();
	}
	if (Number.isFinite(expected) && written !== expected) {
		throw new ProviderError({code: 'download_truncated', message: `download ended at ${written} of ${expected} bytes`, kind: 'transient'});
	}
};
