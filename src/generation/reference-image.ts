import {closeSync, openSync, readSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {type ImageType, type ProviderCapabilities, ProviderError} from './clip-provider.ts';
import {generationMessages as m} from './messages.ts';

const TYPE_OF_EXTENSION: Readonly<Record<string, ImageType>> = {'.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.webp': 'webp'};
const MIME_TYPES: Readonly<Record<ImageType, string>> = {png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp'};

/** The type of an image file by its extension, or null for any other file. */
export const imageTypeOf = (file: string): ImageType | null => TYPE_OF_EXTENSION[path.extname(file).toLowerCase()] ?? null;

/**
 * What is wrong with a shot's start image (`image`, a path under `publicDir`) for a provider, or null: the provider
 * must take images of its type, and the file must be there. Checked when the plan is made, before any job is sent, so
 * a typo costs a line, not a failed take (or, with a provider that lists no jobs, a create nobody can confirm).
 */
export const referenceImageProblem = ({publicDir, image, provider}: {publicDir: string; image: string; provider: {readonly name: string; readonly capabilities: ProviderCapabilities}}): {message: string; fix: string} | null => {
	const {imageTypes} = provider.capabilities;
	if (imageTypes.length === 0) {
		return {message: m.noImageInput(provider.name), fix: m.noImageInputFix()};
	}
	const type = imageTypeOf(image);
	if (type === null || !imageTypes.includes(type)) {
		return {message: m.referenceImageType(image, provider.name, imageTypes), fix: m.referenceImageTypeFix(image, imageTypes)};
	}
	let bytes: Buffer;
	try {
		bytes = firstBytes(path.join(publicDir, image));
	} catch (error) {
		// Not there, or a folder of that name (which opens, but does not read); anything else is said as it is.
		const code = (error as NodeJS.ErrnoException).code ?? String(error);
		return code === 'ENOENT' || code === 'EISDIR' ? {message: m.referenceImageMissing(image), fix: m.referenceImageMissingFix()} : {message: m.referenceImageUnreadable(image, code), fix: m.referenceImageNotOfItsTypeFix()};
	}
	// The name says the type; the first bytes must agree, or the provider refuses the image after the plan was paid for.
	return startsLike(type, bytes) ? null : {message: m.referenceImageNotOfItsType(image, type), fix: m.referenceImageNotOfItsTypeFix()};
};

const firstBytes = (file: string): Buffer => {
	const bytes = Buffer.alloc(12);
	const descriptor = openSync(file, 'r');
	try {
		return bytes.subarray(0, readSync(descriptor, bytes, 0, bytes.length, 0));
	} finally {
		closeSync(descriptor);
	}
};

/** Whether a file's first bytes are those of an image of this type (PNG's signature, JPEG's start of image, WebP's RIFF header). */
const startsLike = (type: ImageType, bytes: Buffer): boolean => {
	switch (type) {
		case 'png':
			return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		case 'jpeg':
			return bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));
		case 'webp':
			return bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
	}
};

/**
 * Reads a start image to send: its bytes and MIME type (by extension). A file that cannot be read fails the take for
 * good, before anything is sent: it is not a create whose fate is unknown.
 */
export const readReferenceImage = async (file: string): Promise<{bytes: Buffer; mimeType: string}> => {
	try {
		return {bytes: await readFile(file), mimeType: MIME_TYPES[imageTypeOf(file) ?? 'jpeg']};
	} catch (error) {
		throw new ProviderError({code: 'bad_reference_image', message: `create: the reference image cannot be read: ${(error as Error).message}`, kind: 'permanent'});
	}
};
