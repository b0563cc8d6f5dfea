// The part of an MMA song file both song writers share (write-song-files.ts for the development set,
// write-training-songs.ts for the beat network's training songs): a form played through a groove library.
import {readFileSync} from 'node:fs';
import path from 'node:path';

/** The grooves an MMA library file's source defines, in order. */
export const grooveNames = (source: string): string[] => [...source.matchAll(/^\s*DefGroove\s+(\S+)/gim)].map((m) => m[1] as string);

/** The grooves a file of MMA's standard library defines, lower-cased. */
export const definedGrooves = (file: string): Set<string> =>
	new Set(grooveNames(readFileSync(path.join('/usr/share/mma/lib/stdlib', `${file}.mma`), 'utf8')).map((g) => g.toLowerCase()));

/**
 * The lines of a form (`Intro`, `A`, `B` …, `End`), each section after a `MidiMark`: the intro groove over C F G7 C, the
 * ending groove over C C, B sections in the groove's Sus, Plus or 1 variant, a fill groove on the last bar before a
 * different section, where the library has them. `chordsOf` gives a section's chords; `beforeChords` may add lines
 * (a tempo change) after a section's groove.
 */
export const formLines = ({groove, defined, form, chordsOf, beforeChords = () => []}: {groove: string; defined: Set<string>; form: readonly string[]; chordsOf: (section: string, index: number) => readonly string[]; beforeChords?: (section: string, index: number) => string[]}): string[] => {
	const variant = (...names: string[]): string => names.find((n) => defined.has(n.toLowerCase())) ?? groove;
	const lines: string[] = [];
	form.forEach((section, i) => {
		lines.push(`MidiMark ${section}`);
		if (section === 'Intro') {
			lines.push(`Groove ${variant(`${groove}Intro`)}`, 'C', 'F', 'G7', 'C');
		} else if (section === 'End') {
			lines.push(`Groove ${variant(`${groove}End`)}`, 'C', 'C');
		} else {
			lines.push(`Groove ${section === 'B' ? variant(`${groove}Sus`, `${groove}Plus`, `${groove}1`) : groove}`, ...beforeChords(section, i));
			const chords = chordsOf(section, i);
			const fill = form[i + 1] !== undefined && form[i + 1] !== section ? variant(`${groove}Fill`) : null;
			chords.forEach((chord, bar) => {
				if (bar === chords.length - 1 && fill !== null && fill !== groove) {
					lines.push(`Groove ${fill}`);
				}
				lines.push(chord);
			});
		}
	});
	return lines;
};
