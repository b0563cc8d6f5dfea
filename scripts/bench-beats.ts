// Beat-tracking benchmark: writes arrangements as MIDI, renders them with fluidsynth (General MIDI soundfont),
// analyses each with songreel and, where installed, with `aubio beat`, and prints per track and overall the
// beat F-measure at ±70 ms, the tempo error and (songreel only) downbeat F-measure, plus analysis speed on a
// 4-minute track. Usage: npm run bench:beats [-- --keep]
// It installs Debian's fluidsynth, fluid-soundfont-gm and aubio-tools when missing (as root); songreel itself
// needs none of them.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {decodeAudio} from '../src/media/decode-audio.ts';
import {analyzeSong} from '../src/music/analysis/analyze-song.ts';
import {beatFMeasure} from '../src/music/analysis/beat-f-measure.ts';
import {arrange, type Arrangement, BENCHMARK_TRACKS, TICKS} from './bench/arrangements.ts';
import {writeMidiFile} from './bench/midi-file.ts';

const SOUNDFONT = '/usr/share/sounds/sf2/FluidR3_GM.sf2';
const has = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

if (!has('fluidsynth') || !existsSync(SOUNDFONT) || !has('aubio')) {
	console.log('installing fluidsynth, fluid-soundfont-gm and aubio-tools (benchmark only)…');
	execFileSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq fluidsynth fluid-soundfont-gm aubio-tools >/dev/null'], {stdio: 'inherit'});
}
const withAubio = has('aubio');
const dir = mkdtempSync(path.join(os.tmpdir(), 'songreel-beats-'));

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const tempoOf = (beats: readonly number[]): number => 60 / median(beats.slice(1).map((t, i) => t - (beats[i] as number)));

const render = (arrangement: Arrangement): {wav: string; truth: ReturnType<typeof arrange>} => {
	const truth = arrange(arrangement);
	const midi = path.join(dir, `${arrangement.name}.mid`);
	const wav = path.join(dir, `${arrangement.name}.wav`);
	writeFileSync(midi, writeMidiFile(truth.events, TICKS));
	execFileSync('fluidsynth', ['-ni', '-g', '0.7', '-r', '22050', '-F', wav, SOUNDFONT, midi], {stdio: 'ignore'});
	return {wav, truth};
};

type Row = {name: string; trueBpm: number; ours: {f: number; bpm: number; downF: number; seconds: number}; aubio: {f: number; bpm: number} | null};
const rows: Row[] = [];
for (const arrangement of BENCHMARK_TRACKS) {
	const {wav, truth} = render(arrangement);
	const started = performance.now();
	const analysis = analyzeSong(await decodeAudio(wav), 22050);
	const seconds = (performance.now() - started) / 1000;
	let aubio: Row['aubio'] = null;
	if (withAubio) {
		const output = execFileSync('aubio', ['beat', '-i', wav], {encoding: 'utf8'});
		const beats = output.split('\n').map(Number).filter((t) => Number.isFinite(t) && t > 0);
		aubio = {f: beatFMeasure(truth.beatsInSeconds, beats), bpm: tempoOf(beats)};
	}
	const row: Row = {
		name: arrangement.name,
		trueBpm: tempoOf(truth.beatsInSeconds),
		ours: {f: beatFMeasure(truth.beatsInSeconds, analysis.beatsInSeconds), bpm: analysis.bpm, downF: beatFMeasure(truth.downbeatsInSeconds, analysis.downbeatsInSeconds), seconds},
		aubio,
	};
	rows.push(row);
	console.log(`${row.name}: F ${row.ours.f.toFixed(3)} (aubio ${aubio?.f.toFixed(3) ?? '-'}), bpm ${row.ours.bpm.toFixed(1)} of ${row.trueBpm.toFixed(1)}`);
}

const tempoOk = (bpm: number, truth: number): boolean => Math.abs(bpm / truth - 1) <= 0.02;
const pct = (bpm: number, truth: number): string => `${(((bpm / truth) - 1) * 100).toFixed(1)}%`;
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
console.log('\n| track | true bpm | songreel F | aubio F | songreel bpm (error) | aubio bpm (error) | songreel downbeat F |');
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) {
	console.log(`| ${row.name} | ${row.trueBpm.toFixed(1)} | ${row.ours.f.toFixed(3)} | ${row.aubio?.f.toFixed(3) ?? '-'} | ${row.ours.bpm.toFixed(1)} (${pct(row.ours.bpm, row.trueBpm)}) | ${row.aubio ? `${row.aubio.bpm.toFixed(1)} (${pct(row.aubio.bpm, row.trueBpm)})` : '-'} | ${row.ours.downF.toFixed(3)} |`);
}
const aubioRows = rows.filter((row) => row.aubio !== null);
console.log(`| **overall** | | **${mean(rows.map((r) => r.ours.f)).toFixed(3)}** | **${aubioRows.length > 0 ? mean(aubioRows.map((r) => r.aubio?.f ?? 0)).toFixed(3) : '-'}** | tempo within 2%: ${rows.filter((r) => tempoOk(r.ours.bpm, r.trueBpm)).length}/${rows.length} | ${aubioRows.length > 0 ? `${aubioRows.filter((r) => tempoOk(r.aubio?.bpm ?? 0, r.trueBpm)).length}/${aubioRows.length}` : '-'} | ${mean(rows.map((r) => r.ours.downF)).toFixed(3)} |`);

// Speed on a 4-minute track (the dense one, repeated), decode included.
const long = render({name: 'speed-4-minutes', style: 'dense', beatsPerBar: 4, bars: 120, bpmAt: () => 120});
const started = performance.now();
analyzeSong(await decodeAudio(long.wav), 22050);
console.log(`\nspeed: a ${(long.truth.beatsInSeconds.at(-1) ?? 0).toFixed(0)}-second track decoded and analysed in ${((performance.now() - started) / 1000).toFixed(2)} s on ${os.availableParallelism()} cores`);
if (!process.argv.includes('--keep')) {
	rmSync(dir, {recursive: true, force: true});
} else {
	console.log(`tracks kept in ${dir}`);
}
