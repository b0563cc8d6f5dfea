import {createHash} from 'node:crypto';
import {createReadStream} from 'node:fs';

/** The SHA-256 of a file's bytes, as hex, read as a stream. */
export const sha256OfFile = (file: string): Promise<string> =>
	new Promise((resolve, reject) => {
		const hash = createHash('sha256');
		createReadStream(file)
			.on('data', (chunk) => hash.update(chunk))
			.on('error', reject)
			.on('end', () => resolve(hash.digest('hex')));
	});
