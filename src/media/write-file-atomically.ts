import {rename, rm, writeFile} from 'node:fs/promises';

let counter = 0;

/** Writes a file so readers see the old content or the new, never half: a temp file beside it, then a rename. */
export const writeFileAtomically = async (file: string, data: string | Uint8Array): Promise<void> => {
	const temporary = `${file}.tmp-${process.pid}-${counter++}`;
	try {
		await writeFile(temporary, data);
		await rename(temporary, file);
	} catch (error) {
		await rm(temporary, {force: true});
		throw error;
	}
};
