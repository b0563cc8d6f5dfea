import type {GenerationShot, StyleBible} from '../schemas/shot-list-schema.ts';

/**
 * The prompt actually sent for a shot: the shot's own words, then the fixed description of every character
 * it names (listed or mentioned), then the look and what to avoid. The same bible text in every prompt is
 * what keeps characters consistent across shots.
 */
export const composePrompt = (shot: GenerationShot, bible: StyleBible): string => {
	const names = Object.keys(bible.characters).filter(
		(name) => shot.characters.includes(name) || new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(shot.prompt),
	);
	const parts = [shot.prompt.trim()];
	for (const name of names) {
		parts.push(`${name}: ${bible.characters[name]}`);
	}
	if (bible.look.trim() !== '') {
		parts.push(`Look: ${bible.look.trim()}`);
	}
	if (bible.avoid.trim() !== '') {
		parts.push(`Avoid: ${bible.avoid.trim()}`);
	}
	return parts.join('\n');
};
