import {access, readFile} from 'node:fs/promises';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {decodeForAnalysis} from '../../media/decode-for-analysis.ts';
import {writeFileAtomically} from '../../media/write-file-atomically.ts';
import {ANALYSIS_SAMPLE_RATE, analyzeSong, RELIABLE_BEAT_CONFIDENCE, type SongAnalysis, type SongSignal} from '../../music/analysis/analyze-song.ts';
import {analysisMessages} from '../../music/analysis/messages.ts';
import {SongreelInputError} from '../../problems/problem.ts';

const SAMPLE_RATE = ANALYSIS_SAMPLE_RATE;
/** Below this many seconds no tempo can be trusted: a few bars at the slowest tempo analysed. */
const MINIMUM_SECONDS = 6;
/** A file whose loudest sample is below this is treated as silence. */
const SILENCE_IN_DB = -60;

const roundSeconds = (values: readonly number[]): number[] => values.map((t) => Math.round(t * 1000) / 1000);

/** The analysis as a song-map fragment (positions as the song map writes them), for --write. */
export const analysisToSongMap = (analysis: SongAnalysis) => ({
	tempo: {
		bpm: Number(analysis.bpm.toFixed(2)),
		beatsPerBar: analysis.beatsPerBar,
		firstDownbeatInSeconds: Number(analysis.firstDownbeatInSeconds.toFixed(3)),
		changes: (analysis.tempoMap ?? []).slice(1).map((change) => ({atBar: Math.round(change.atBeat / analysis.beatsPerBar) + 1, bpm: Number(change.bpm.toFixed(2))})),
	},
	sections: analysis.sections.map((section, i) => (i === 0 ? {id: section.id, start: '0s'} : {id: section.id, start: String(section.startBar)})),
	beatsInSeconds: roundSeconds(analysis.beatsInSeconds),
	downbeatsInSeconds: roundSeconds(analysis.downbeatsInSeconds),
});

/** `songreel analyze <audio> [--json] [--write [--force]]`: tempo, beats, metre, downbeats, loudness and sections. */
export const analyzeCommand = async (argv: readonly string[]): Promise<number> => {
	const {positionals, values} = parseArgs({args: [...argv], allowPositionals: true, options: {json: {type: 'boolean', default: false}, write: {type: 'boolean', default: false}, force: {type: 'boolean', default: false}}});
	const file = positionals[0];
	if (file === undefined) {
		throw new SongreelInputError([{file: 'command line', path: '', message: 'usage: songreel analyze <audio> [--json] [--write [--force]]'}]);
	}
	try {
		await access(file);
	} catch {
		throw new SongreelInputError([{file, path: '', message: 'no such file'}]);
	}
	const started = performance.now();
	let signal: Required<SongSignal>;
	try {
		signal = await decodeForAnalysis(file, SAMPLE_RATE);
	} catch (error) {
		const detail = ((error as Error).message.split('\n').at(-1) ?? '').replace(/^.*?: /, '').trim();
		throw new SongreelInputError([{file, path: '', message: analysisMessages.notAudio(detail || 'no audio stream')}]);
	}
	const {samples} = signal;
	const durationInSeconds = samples.length / SAMPLE_RATE;
	if (durationInSeconds < MINIMUM_SECONDS) {
		throw new SongreelInputError([{file, path: '', message: analysisMessages.tooShort(durationInSeconds, MINIMUM_SECONDS)}]);
	}
	let peak = 0;
	for (const sample of samples) {
		peak = Math.max(peak, Math.abs(sample));
	}
	const peakInDb = 20 * Math.log10(Math.max(peak, 1e-10));
	if (peakInDb < SILENCE_IN_DB) {
		throw new SongreelInputError([{file, path: '', message: analysisMessages.silent(peakInDb)}]);
	}
	const analysis = analyzeSong(signal);
	const seconds = (performance.now() - started) / 1000;
	const reliable = analysis.confidence >= RELIABLE_BEAT_CONFIDENCE;
	if (!reliable) {
		process.stderr.write(`${path.basename(file)}: ${analysisMessages.noReliableBeat(analysis.confidence)}\n`);
	}
	if (values.json) {
		process.stdout.write(`${JSON.stringify(analysis)}\n`);
	} else {
		const lines = [
			`${path.basename(file)}: ${analysis.durationInSeconds.toFixed(1)} s, analysed in ${seconds.toFixed(1)} s`,
			`tempo ${analysis.bpm.toFixed(1)} bpm (confidence ${analysis.confidence.toFixed(2)}${reliable ? '' : ', no reliable beat'}), ${analysis.metre.includes('/') ? analysis.metre : `${analysis.metre}/4`}, first downbeat at ${analysis.firstDownbeatInSeconds.toFixed(3)} s, ${analysis.beatsInSeconds.length} beats, ${analysis.downbeatsInSeconds.length} bars`,
			analysis.tempoMap ? `tempo changes: ${analysis.tempoMap.map((c) => `${c.bpm.toFixed(1)} bpm from ${c.atSeconds.toFixed(2)} s`).join(', ')}` : 'steady tempo',
			`sections: ${analysis.sections.map((s) => `${s.id} at bar ${s.startBar} (${s.startInSeconds.toFixed(2)} s)`).join(', ')}`,
		];
		process.stdout.write(`${lines.join('\n')}\n`);
	}
	if (values.write) {
		const target = file.replace(/\.[^./]+$/, '') + '.analysis.json';
		const previous = await readFile(target, 'utf8').then((text) => JSON.parse(text) as AnalysisFile, () => null);
		const {merged, kept} = mergeAnalysis({previous, found: analysisToSongMap(analysis), facts: {confidence: analysis.confidence, envelopes: analysis.envelopes}, force: values.force});
		await writeFileAtomically(target, `${JSON.stringify(merged, null, 2)}\n`);
		for (const field of kept) {
			process.stderr.write(`kept your ${field} (analysis found ${JSON.stringify(field === 'sections' || field === 'beatsInSeconds' || field === 'downbeatsInSeconds' ? `${merged.machine[field].length} ${field === 'sections' ? 'sections' : field.replace('InSeconds', '')}` : merged.machine.tempo[field as keyof SongMapFragment['tempo']])}); --force replaces it\n`);
		}
		process.stderr.write(`wrote ${target}: import it in your song map and spread its tempo and sections\n`);
	}
	return 0;
};

type SongMapFragment = ReturnType<typeof analysisToSongMap>;

/** What analyze measured and nobody edits: how sure the beat is, and loudness and onset strength every 10 ms. */
export type AnalysisFacts = {readonly confidence: number; readonly envelopes: SongAnalysis['envelopes']};

/**
 * The --write file: the song-map fragment you may edit (tempo, sections, and the played beats and downbeats), the
 * measured facts, and what analyze found last time (to tell your edits apart).
 */
export type AnalysisFile = SongMapFragment & AnalysisFacts & {readonly machine: SongMapFragment};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Updates the --write file with a new analysis, keeping every field the user changed by hand (it differs from
 * what the machine wrote last time) unless `force`.
 */
export const mergeAnalysis = ({previous, found, facts, force}: {previous: AnalysisFile | null; found: SongMapFragment; facts: AnalysisFacts; force: boolean}): {merged: AnalysisFile; kept: string[]} => {
	if (previous === null || force || previous.machine === undefined) {
		return {merged: {...found, ...facts, machine: found}, kept: []};
	}
	const kept: string[] = [];
	const tempo = {...found.tempo} as Record<string, unknown>;
	for (const [field, value] of Object.entries(previous.tempo)) {
		if (!same(value, (previous.machine.tempo as Record<string, unknown>)[field])) {
			tempo[field] = value;
			kept.push(field);
		}
	}
	const handSections = !same(previous.sections, previous.machine.sections);
	if (handSections) {
		kept.push('sections');
	}
	// The beat lists are kept whole when edited: a moved beat is a correction the grid should follow.
	const beats = {} as Pick<SongMapFragment, 'beatsInSeconds' | 'downbeatsInSeconds'>;
	for (const field of ['beatsInSeconds', 'downbeatsInSeconds'] as const) {
		const edited = previous[field] !== undefined && !same(previous[field], previous.machine[field]);
		beats[field] = edited ? previous[field] : found[field];
		if (edited) {
			kept.push(field);
		}
	}
	return {merged: {tempo: tempo as SongMapFragment['tempo'], sections: handSections ? previous.sections : found.sections, ...beats, ...facts, machine: found}, kept};
};
