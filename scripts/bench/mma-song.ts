// The part of an MMA song file both song writers share (write-song-files.ts for the development set,
// write-training-songs.ts for the beat network's training songs): a form played through a groove library.
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

/** The grooves an MMA library file's source defines, in order. */
export const grooveNames = (source: string): string[] => [...source.matchAll(/^\s*DefGroove\s+(\S+)/gim)].map((m) => m[1] as string);

/** The groove a song file's header names (`// … MMA groove Swing.`), if it names one. */
export const grooveNameOf = (source: string): string | undefined => /MMA groove ([^.\s]+)\./.exec(source)?.[1];

const LIBRARIES = '/usr/share/mma/lib';

let standardGrooveFiles: Map<string, string> | undefined;

/**
 * The MMA groove file a song plays (`stdlib/swing`, `casio/68ballad`): the file its `Use` line names, else the
 * standard-library file that defines the groove its header names (`MMA groove Swing.`). One file's grooves are
 * variations of one groove (`Swing`, `SwingSus`, `SwingWalk` …), so a validation split keeps them on one side by file.
 */
export const grooveFileOf = (source: string): string => {
	const used = /^\s*Use\s+(\S+)/im.exec(source)?.[1];
	if (used !== undefined) {
		return used.toLowerCase();
	}
	const groove = grooveNameOf(source);
	if (groove === undefined) {
		throw new Error('an MMA song file whose header names no groove (`MMA groove Name.`)');
	}
	if (standardGrooveFiles === undefined) {
		standardGrooveFiles = new Map();
		for (const file of readdirSync(path.join(LIBRARIES, 'stdlib')).filter((f) => f.endsWith('.mma'))) {
			for (const name of grooveNames(readFileSync(path.join(LIBRARIES, 'stdlib', file), 'utf8'))) {
				standardGrooveFiles.set(name.toLowerCase(), `stdlib/${file.replace(/\.mma$/, '')}`);
			}
		}
	}
	const file = standardGrooveFiles.get(groove.toLowerCase());
	if (file === undefined) {
		throw new Error(`no file of MMA's standard library defines the groove ${groove}`);
	}
	return file;
};

/** The grooves a file of MMA's standard library defines, lower-cased. */
export const definedGrooves = (file: string): Set<string> =>
	new Set(grooveNames(readFileSync(path.join(LIBRARIES, 'stdlib', `${file}.mma`), 'utf8')).map((g) => g.toLowerCase()));

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
