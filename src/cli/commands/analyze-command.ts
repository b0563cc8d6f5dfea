import {access, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {decodeAudio} from '../../media/decode-audio';
import {analyzeSong, type SongAnalysis} from '../../music/analysis/analyze-song';
import {SongreelInputError} from '../../spec/problem';

const SAMPLE_RATE = 22050;

/** The analysis as a song-map fragment (positions as the song map writes them), for --write. */
export const analysisToSongMap = (analysis: SongAnalysis) => ({
	tempo: {
		bpm: Number(analysis.bpm.toFixed(2)),
		beatsPerBar: analysis.beatsPerBar,
		firstDownbeatInSeconds: Number(analysis.firstDownbeatInSeconds.toFixed(3)),
		changes: (analysis.tempoMap ?? []).slice(1).map((change) => ({atBar: Math.round(change.atBeat / analysis.beatsPerBar) + 1, bpm: Number(change.bpm.toFixed(2))})),
	},
	sections: analysis.sections.map((section, i) => (i === 0 ? {id: section.id, start: '0s'} : {id: section.id, start: String(section.startBar)})),
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
	let samples: Float32Array;
	try {
		samples = await decodeAudio(file, SAMPLE_RATE);
	} catch (error) {
		throw new SongreelInputError([{file, path: '', message: (error as Error).message}]);
	}
	const analysis = analyzeSong(samples, SAMPLE_RATE);
	const seconds = (performance.now() - started) / 1000;
	if (values.json) {
		process.stdout.write(`${JSON.stringify(analysis)}\n`);
	} else {
		const lines = [
			`${path.basename(file)}: ${analysis.durationInSeconds.toFixed(1)} s, analysed in ${seconds.toFixed(1)} s`,
			`tempo ${analysis.bpm.toFixed(1)} bpm, ${analysis.beatsPerBar}/4, first downbeat at ${analysis.firstDownbeatInSeconds.toFixed(3)} s, ${analysis.beatsInSeconds.length} beats, ${analysis.downbeatsInSeconds.length} bars`,
			analysis.tempoMap ? `tempo changes: ${analysis.tempoMap.map((c) => `${c.bpm.toFixed(1)} bpm from ${c.atSeconds.toFixed(2)} s`).join(', ')}` : 'steady tempo',
			`sections: ${analysis.sections.map((s) => `${s.id} at bar ${s.startBar} (${s.startInSeconds.toFixed(2)} s)`).join(', ')}`,
		];
		process.stdout.write(`${lines.join('\n')}\n`);
	}
	if (values.write) {
		const target = file.replace(/\.[^./]+$/, '') + '.analysis.json';
		const exists = await access(target).then(() => true, () => false);
		if (exists && !values.force) {
			process.stderr.write(`${target} exists; it may hold your corrections: pass --force to replace it\n`);
			return 1;
		}
		await writeFile(target, `${JSON.stringify(analysisToSongMap(analysis), null, 2)}\n`);
		process.stderr.write(`wrote ${target}: spread its tempo and sections into your song map\n`);
	}
	return 0;
};
