import {z} from 'zod';
import {specMessages} from './messages.ts';

/**
 * Whether a path written in the compositions file stays inside public/: relative, and no ".." that climbs
 * out of it once normalised. Checked on the text alone (this layer does no IO), so it holds whatever the file.
 */
export const staysInsidePublic = (file: string): boolean => {
	if (file.startsWith('/') || file.startsWith('\\') || /^[a-z]:/i.test(file) || /^[a-z][a-z0-9+.-]*:\/\//i.test(file) || file.startsWith('file:')) {
		return false;
	}
	let depth = 0;
	for (const part of file.split(/[/\\]/)) {
		if (part === '..') {
			depth--;
			if (depth < 0) {
				return false;
			}
		} else if (part !== '.' && part !== '') {
			depth++;
		}
	}
	return depth > 0;
};

/** A file under public/, as songs, lyrics and clips are named: relative to public/ and never leaving it. */
export const assetPathSchema = z
	.string()
	.min(1)
	.refine(staysInsidePublic, {error: (issue) => ({message: `${specMessages.pathLeavesPublic(String(issue.input))}; ${specMessages.pathLeavesPublicFix()}`})});
