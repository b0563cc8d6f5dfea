// Writes the training songs of the beat network (scripts/train-beat-network): one or two song files for every MMA
// standard-library groove file in simple metre (Time 4 with 4/4, Time 3 with 3/4) whose grooves are not used by the
// held-out half of the development set, at tempos drawn from a fixed seed. The MIDI quarter is the beat, as in the
// development set's simple-metre songs. Written to .bench-cache/training-songs (gitignored), rendered by dev-set.ts's
// loadDevSet like the other sets. Compound metres (6/8, 12/8) come only from the tuning half and the extra songs,
// whose song files state how MMA wrote them.
// Usage: tsx scripts/bench/write-training-songs.ts (needs Debian's mma for its groove library).
import {mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {SONGS_DIR} from './dev-set.ts';
import {formLines, grooveNames} from './mma-song.ts';
import {seededRandom} from './seeded-random.ts';

const STDLIB = '/usr/share/mma/lib/stdlib';
export const TRAINING_SONGS_DIR = path.join(import.meta.dirname, '..', '..', '.bench-cache', 'training-songs');
export const TRAINING_CACHE_DIR = path.join(import.meta.dirname, '..', '..', '.bench-cache', 'training-set');

const heldOutGrooves = (): Set<string> => {
	const grooves = new Set<string>();
	for (const file of readdirSync(SONGS_DIR).filter((f) => f.endsWith('.mma'))) {
		const source = readFileSync(path.join(SONGS_DIR, file), 'utf8');
		const groove = /MMA groove ([^.\s]+)\./.exec(source)?.[1];
		if (groove !== undefined && source.includes('half test')) {
			grooves.add(groove.toLowerCase());
		}
	}
	return grooves;
};

const PROGRESSIONS = [
	['C', 'Am', 'F', 'G', 'C', 'Am', 'Dm7', 'G7'],
	['F', 'F', 'C', 'C', 'Dm', 'Dm', 'G', 'G7'],
	['Am', 'Am', 'Dm', 'E7', 'Am', 'F', 'E7', 'Am'],
	['C', 'C7', 'F', 'Fm', 'C', 'A7', 'D7', 'G7'],
];
const FORMS = [['Intro', 'A', 'B', 'A', 'End'], ['A', 'A', 'B', 'A', 'End'], ['Intro', 'A', 'B', 'B', 'End']];

export const writeTrainingSongs = (): number => {
	rmSync(TRAINING_SONGS_DIR, {recursive: true, force: true});
	mkdirSync(TRAINING_SONGS_DIR, {recursive: true});
	const excluded = heldOutGrooves();
	const next = seededRandom(20261130);
	let written = 0;
	for (const file of readdirSync(STDLIB).filter((f) => f.endsWith('.mma')).sort()) {
		const source = readFileSync(path.join(STDLIB, file), 'utf8');
		const time = /^\s*Time\s+(\d+)/im.exec(source)?.[1];
		const signature = /^\s*TimeSig\s+(\d+)[\s/]+(\d+)/im.exec(source);
		const metre = time === '4' && signature?.[1] === '4' && signature[2] === '4' ? '4' : time === '3' && signature?.[1] === '3' && signature[2] === '4' ? '3' : null;
		const grooves = grooveNames(source);
		if (metre === null || grooves.length === 0 || grooves.some((g) => excluded.has(g.toLowerCase()))) {
			continue;
		}
		const main = grooves[0] as string;
		const defined = new Set(grooves.map((g) => g.toLowerCase()));
		for (let take = 0; take < 2; take++) {
			const [low, high] = metre === '3' ? [84, 180] : [64, 196];
			const tempo = Math.round(low * (high / low) ** next());
			const form = FORMS[Math.floor(next() * FORMS.length)] as string[];
			const leadIn = next() < 0.2 ? 2 : 0;
			const transpose = Math.floor(next() * 12) - 5;
			const name = `${file.replace(/\.mma$/, '')}-${tempo}`;
			const lines = [
				`// songreel beat network training song: ${name} (training), MMA groove ${main}.`,
				`// truth: metre ${metre}, quarters-per-beat 1, half tune`,
				`Tempo ${tempo}`,
				`Transpose ${transpose}`,
			];
			if (leadIn > 0) {
				lines.push(`Groove ${main}`, ...Array.from({length: leadIn}, () => 'z!'));
			}
			lines.push(...formLines({groove: main, defined, form, chordsOf: () => PROGRESSIONS[Math.floor(next() * PROGRESSIONS.length)] as string[]}));
			writeFileSync(path.join(TRAINING_SONGS_DIR, `${name}-${take}.mma`), `${lines.join('\n')}\n`);
			written++;
		}
	}
	return written;
};

if (import.meta.url === `file://${process.argv[1]}`) {
	console.log(`wrote ${writeTrainingSongs()} training song files to ${TRAINING_SONGS_DIR}`);
}
