// One-off helper that wrote scripts/bench/songs/*.mma, the development set's song files (kept so the set can be
// regrown the same way). Each song drives one of MMA's human-written groove libraries through a form with
// sections, intro and ending grooves, fills, and for some songs a silent lead-in or tempo changes. The header
// states the truth the benchmark needs that the MIDI file does not carry: the metre, how many MIDI quarter notes
// make one beat (MMA writes some 6/8 grooves with a MIDI quarter per eighth), and which half the song is in.
// Usage: tsx scripts/bench/write-song-files.ts (needs Debian's mma for its groove list).
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {definedGrooves, formLines} from './mma-song.ts';

type Song = {
	readonly name: string;
	readonly style: string;
	readonly groove: string;
	readonly file: string;
	readonly metre: '2' | '3' | '4' | '6/8' | '12/8';
	readonly quartersPerBeat: number;
	readonly tempo: number;
	readonly transpose: number;
	readonly leadInBars?: number;
	readonly tempoChange?: {readonly bpm: number; readonly overBars?: number};
	readonly form: 1 | 2 | 3;
};

// Pairs per style: the first of each pair is tuned on, the second held out (see dev-set.ts).
const SONGS: readonly Song[] = [
	{name: 'swing-120', style: 'swing', groove: 'Swing', file: 'swing', metre: '4', quartersPerBeat: 1, tempo: 120, transpose: 0, form: 1},
	{name: 'swing-fast-204', style: 'swing', groove: 'FastSwing', file: 'fastswing', metre: '4', quartersPerBeat: 1, tempo: 204, transpose: 3, form: 2, leadInBars: 2},
	{name: 'shuffle-104', style: 'shuffle', groove: 'ShuffleBoggie', file: 'shuffleboggie', metre: '4', quartersPerBeat: 1, tempo: 104, transpose: 5, form: 2, leadInBars: 2},
	{name: 'shuffle-132', style: 'shuffle', groove: 'ShuffleBoggie', file: 'shuffleboggie', metre: '4', quartersPerBeat: 1, tempo: 132, transpose: -2, form: 1},
	{name: 'blues-12-8-62', style: '12/8 blues', groove: 'Blues128', file: 'blues128', metre: '12/8', quartersPerBeat: 1, tempo: 62, transpose: 2, form: 3},
	{name: 'blues-12-8-78', style: '12/8 blues', groove: 'Blues128', file: 'blues128', metre: '12/8', quartersPerBeat: 1, tempo: 78, transpose: -3, form: 1},
	{name: 'swing-6-8-60', style: '6/8 swing', groove: '68Swing', file: '68swing', metre: '6/8', quartersPerBeat: 3, tempo: 180, transpose: 0, form: 1},
	{name: 'blues-6-8-70', style: '6/8 swing', groove: 'Blues68', file: 'blues68', metre: '6/8', quartersPerBeat: 3, tempo: 210, transpose: 4, form: 2},
	{name: 'march-6-8-112', style: '6/8 march', groove: '68March', file: '68march', metre: '6/8', quartersPerBeat: 1, tempo: 112, transpose: -5, form: 2},
	{name: 'march-6-8-128', style: '6/8 march', groove: '68March', file: '68march', metre: '6/8', quartersPerBeat: 1, tempo: 128, transpose: 2, form: 3, leadInBars: 4},
	{name: 'afro-cuban-6-8-100', style: 'afro-cuban 6/8', groove: 'Afro-Cuban', file: 'afro-cuban', metre: '6/8', quartersPerBeat: 1.5, tempo: 150, transpose: 0, form: 3},
	{name: 'afro-cuban-6-8-116', style: 'afro-cuban 6/8', groove: 'Afro-Cuban', file: 'afro-cuban', metre: '6/8', quartersPerBeat: 1.5, tempo: 174, transpose: -4, form: 1},
	{name: 'waltz-96', style: 'waltz', groove: 'Waltz', file: 'waltz', metre: '3', quartersPerBeat: 1, tempo: 96, transpose: 7, form: 1},
	{name: 'waltz-fast-168', style: 'waltz', groove: 'FastWaltz', file: 'fastwaltz', metre: '3', quartersPerBeat: 1, tempo: 168, transpose: 0, form: 2},
	{name: 'country-waltz-104', style: 'jazz and country waltz', groove: 'CountryWaltz', file: 'countrywaltz', metre: '3', quartersPerBeat: 1, tempo: 104, transpose: 2, form: 2, leadInBars: 2},
	{name: 'jazz-waltz-126', style: 'jazz and country waltz', groove: 'JazzWaltz', file: 'jazzwaltz', metre: '3', quartersPerBeat: 1, tempo: 126, transpose: -2, form: 1},
	{name: 'bossa-128', style: 'bossa nova', groove: 'BossaNova', file: 'bossanova', metre: '4', quartersPerBeat: 1, tempo: 128, transpose: 0, form: 1},
	{name: 'bossa-144', style: 'bossa nova', groove: 'BossaNova', file: 'bossanova', metre: '4', quartersPerBeat: 1, tempo: 144, transpose: 5, form: 2, tempoChange: {bpm: 132}},
	{name: 'salsa-180', style: 'salsa and rhumba', groove: 'Salsa', file: 'salsa', metre: '4', quartersPerBeat: 1, tempo: 180, transpose: 3, form: 1},
	{name: 'rhumba-112', style: 'salsa and rhumba', groove: 'Rhumba', file: 'rhumba', metre: '4', quartersPerBeat: 1, tempo: 112, transpose: 0, form: 3},
	{name: 'chacha-120', style: 'cha-cha and mambo', groove: 'ChaCha', file: 'chacha', metre: '4', quartersPerBeat: 1, tempo: 120, transpose: -1, form: 2},
	{name: 'mambo-188', style: 'cha-cha and mambo', groove: 'Mambo', file: 'mambo', metre: '4', quartersPerBeat: 1, tempo: 188, transpose: 2, form: 1},
	{name: 'funk-98', style: 'funk and r&b', groove: 'BVFunk', file: 'bvfunk', metre: '4', quartersPerBeat: 1, tempo: 98, transpose: 4, form: 1, leadInBars: 2},
	{name: 'rnb-90', style: 'funk and r&b', groove: 'R&B', file: 'rb', metre: '4', quartersPerBeat: 1, tempo: 90, transpose: 0, form: 2},
	{name: 'rock-120', style: 'rock', groove: 'BasicRock', file: 'basicrock', metre: '4', quartersPerBeat: 1, tempo: 120, transpose: 0, form: 1},
	{name: 'rock-60s-140-change', style: 'rock', groove: '60sRock', file: '60srock', metre: '4', quartersPerBeat: 1, tempo: 140, transpose: 2, form: 1, tempoChange: {bpm: 156}},
	{name: 'rocknroll-160', style: "rock'n'roll", groove: '50sRock', file: '50srock', metre: '4', quartersPerBeat: 1, tempo: 160, transpose: -3, form: 2, tempoChange: {bpm: 176, overBars: 8}},
	{name: 'twist-176', style: "rock'n'roll", groove: 'Twist', file: 'twist', metre: '4', quartersPerBeat: 1, tempo: 176, transpose: 0, form: 1},
	{name: 'pop-8beat-116', style: 'pop', groove: '8Beat', file: '8beat', metre: '4', quartersPerBeat: 1, tempo: 116, transpose: 5, form: 3},
	{name: 'softrock-96', style: 'pop', groove: 'SoftRock', file: 'softrock', metre: '4', quartersPerBeat: 1, tempo: 96, transpose: -2, form: 1, leadInBars: 4},
	{name: 'rock-ballad-66', style: 'ballad', groove: 'RockBallad', file: 'rockballad', metre: '4', quartersPerBeat: 1, tempo: 66, transpose: 0, form: 1},
	{name: 'pop-ballad-74', style: 'ballad', groove: 'PopBallad', file: 'popballad', metre: '4', quartersPerBeat: 1, tempo: 74, transpose: 3, form: 2, tempoChange: {bpm: 68, overBars: 4}},
	{name: 'piano-ballad-64', style: 'drumless', groove: 'PianoBallad', file: 'pianoballad', metre: '4', quartersPerBeat: 1, tempo: 64, transpose: 2, form: 1},
	{name: 'hymn-84', style: 'drumless', groove: 'Hymn', file: 'hymn', metre: '4', quartersPerBeat: 1, tempo: 84, transpose: 0, form: 3},
	{name: 'lullaby-72', style: 'drumless', groove: 'Lullaby', file: 'lullaby', metre: '4', quartersPerBeat: 1, tempo: 72, transpose: 5, form: 2},
	{name: 'arpeggio-6-8-58', style: 'drumless', groove: 'Arpeggio68', file: 'arpeggio68', metre: '6/8', quartersPerBeat: 3, tempo: 174, transpose: -3, form: 1},
	{name: 'punk-196', style: 'fast punk', groove: 'BasicRock', file: 'basicrock', metre: '4', quartersPerBeat: 1, tempo: 196, transpose: 4, form: 2},
	{name: 'punk-8beat-208', style: 'fast punk', groove: '8Beat', file: '8beat', metre: '4', quartersPerBeat: 1, tempo: 208, transpose: 0, form: 1, leadInBars: 2},
	{name: 'country-swing-168', style: 'country', groove: 'CountrySwing', file: 'countryswing', metre: '4', quartersPerBeat: 1, tempo: 168, transpose: 0, form: 1},
	{name: 'bluegrass-184', style: 'country', groove: 'BlueGrass', file: 'bluegrass', metre: '4', quartersPerBeat: 1, tempo: 184, transpose: 7, form: 2},
	{name: 'tango-120', style: 'tango and bolero', groove: 'Tango', file: 'tango', metre: '4', quartersPerBeat: 1, tempo: 120, transpose: -2, form: 2},
	{name: 'bolero-96', style: 'tango and bolero', groove: 'Bolero', file: 'bolero', metre: '4', quartersPerBeat: 1, tempo: 96, transpose: 0, form: 1, leadInBars: 2},
	{name: 'calypso-112', style: 'caribbean', groove: 'Calypso', file: 'calypso', metre: '4', quartersPerBeat: 1, tempo: 112, transpose: 0, form: 1},
	{name: 'ska-152', style: 'caribbean', groove: 'Ska', file: 'ska', metre: '4', quartersPerBeat: 1, tempo: 152, transpose: 2, form: 3},
	{name: 'ragtime-100', style: 'ragtime and dixie', groove: 'RagTime', file: 'ragtime', metre: '4', quartersPerBeat: 1, tempo: 100, transpose: 0, form: 2},
	{name: 'dixie-184', style: 'ragtime and dixie', groove: 'Dixie', file: 'dixie', metre: '4', quartersPerBeat: 1, tempo: 184, transpose: 5, form: 1},
	{name: 'foxtrot-110-change', style: 'ballroom', groove: 'Foxtrot', file: 'foxtrot', metre: '4', quartersPerBeat: 1, tempo: 110, transpose: 0, form: 1, tempoChange: {bpm: 128}},
	{name: 'beguine-124', style: 'ballroom', groove: 'Beguine', file: 'beguine', metre: '4', quartersPerBeat: 1, tempo: 124, transpose: -4, form: 2},
];

const A = ['C', 'Am', 'F', 'G', 'C', 'Am', 'Dm7', 'G7'];
const B = ['F', 'F', 'C', 'C', 'Dm', 'Dm', 'G', 'G7'];
const FORMS: Record<Song['form'], readonly string[]> = {1: ['Intro', 'A', 'A', 'B', 'A', 'End'], 2: ['Intro', 'A', 'B', 'A', 'B', 'B', 'End'], 3: ['A', 'A', 'B', 'B', 'A', 'End']};

const out = path.join(import.meta.dirname, 'songs');
SONGS.forEach((song, index) => {
	const lines = [
		`// songreel development set: ${song.name} (${song.style}), MMA groove ${song.groove}.`,
		`// truth: metre ${song.metre}, quarters-per-beat ${song.quartersPerBeat}, half ${index % 2 === 0 ? 'tune' : 'test'}`,
		`// Sections start at the MidiMark lines; the benchmark reads them from the MIDI file.`,
		`Tempo ${song.tempo}`,
		`Transpose ${song.transpose}`,
	];
	if (song.leadInBars) {
		lines.push(`Groove ${song.groove}`, `// ${song.leadInBars} silent bars before the music`, ...Array.from({length: song.leadInBars}, () => 'z!'));
	}
	const form = FORMS[song.form];
	const beforeChords = (section: string, i: number): string[] => {
		if (song.tempoChange && section === 'B' && form[i - 1] !== 'B') {
			return [`Tempo ${song.tempoChange.bpm}${song.tempoChange.overBars ? ` ${song.tempoChange.overBars}` : ''}`];
		}
		return song.tempoChange && section !== 'B' && form[i - 1] === 'B' ? [`Tempo ${song.tempo}`] : [];
	};
	lines.push(...formLines({groove: song.groove, defined: definedGrooves(song.file), form, chordsOf: (section) => (section === 'B' ? B : A), beforeChords}));
	writeFileSync(path.join(out, `${song.name}.mma`), `${lines.join('\n')}\n`);
});
console.log(`wrote ${SONGS.length} song files to ${out}`);
