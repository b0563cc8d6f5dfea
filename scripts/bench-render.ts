// Render speed against the practical limit: builds a benchmark project (a song of --seconds, default 240, at
// 1920x1080 30 fps, 55 shots per 4 minutes from offline-provider clips of mixed sizes and frame rates, transitions
// between most shots, lyric lines over most of the song), renders it with `songreel render` (empty cache), then
// renders an equivalent hand-written ffmpeg filtergraph (same cuts, same crossfades, same size, a text line where
// lyrics are; Debian's ffmpeg, installed here if missing, since Remotion's has no xfade or drawtext), and prints
// wall time, fps and peak memory of both and the throughput ratio. --change-one-shot then changes one shot and
// renders again with the warm cache. `--mix edit` cuts the same song and clips the way the demo is cut: a third of
// the cuts slides, wipes, iris, clock wipes and flips, Ken Burns on a third of the shots, pulse and flash in every
// chorus, two freezes, portrait takes letterboxed; its reference uses xfade's nearest transitions, zoompan, eq,
// scale+crop and pad. Every run also times a plain x264 transcode of songreel's output (decode and encode, nothing
// drawn): the encoder's floor.
// Usage: npm run bench:render -- [--mix crossfade|edit] [--seconds 60] [--change-one-shot] [--concurrency N] [--chunk-seconds S] [--skip-reference]
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {mkdir, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {renderProceduralClip} from '../src/generation/offline/render-procedural-clip.ts';
import {encodeWav} from '../src/media/encode-wav.ts';
import {compileProjectVideos} from '../src/project/compile-project-video.ts';
import {loadProject, projectPaths} from '../src/project/load-project.ts';
import type {ChunkedRenderSummary} from '../src/render/render-in-chunks.ts';
import type {ResolvedTimeline} from '../src/timeline/resolved-timeline.ts';

const {values} = parseArgs({
	options: {
		seconds: {type: 'string', default: '240'},
		'change-one-shot': {type: 'boolean', default: false},
		concurrency: {type: 'string', default: '1'},
		// Passed to songreel render (its default when left out).
		'chunk-seconds': {type: 'string'},
		'skip-reference': {type: 'boolean', default: false},
		mix: {type: 'string', default: 'crossfade'},
	},
});
if (values.mix !== 'crossfade' && values.mix !== 'edit') {
	throw new Error(`--mix: expected crossfade or edit, got ${values.mix}`);
}
const editMix = values.mix === 'edit';
const seconds = Number(values.seconds);
if (!(seconds >= 20 && seconds <= 600)) {
	throw new Error(`--seconds: expected 20 to 600, got ${values.seconds}`);
}
const root = process.cwd();
const publicDir = path.join(root, 'public');
const benchDir = path.join(publicDir, 'bench');
const workDir = path.join(root, '.songreel/bench');
const outDir = path.join(root, 'out/bench');
const BPM = 120;
const FPS = 30;
const beatSeconds = 60 / BPM;

// Clips as a generator would return them: mixed sizes (one portrait, one 4:3) and frame rates, 9 s each.
const FORMATS = [
	[1920, 1080, 30],
	[1280, 720, 30],
	[1280, 720, 24],
	[960, 540, 25],
	[1920, 1080, 24],
	[960, 540, 30],
	[1080, 1920, 30],
	[1440, 1080, 25],
] as const;
const CLIPS = Array.from({length: 16}, (_, i) => {
	const [width, height, fps] = FORMATS[i % FORMATS.length] as (typeof FORMATS)[number];
	return {src: `bench/clips/clip-${String(i + 1).padStart(2, '0')}-${width}x${height}-${fps}.mp4`, prompt: `benchmark shot ${i + 1}`, seed: 100 + i, width, height, fps, durationInSeconds: 9};
});

const makeSong = async (file: string): Promise<void> => {
	const sampleRate = 44100;
	const total = Math.round(seconds * sampleRate);
	const samples = new Float32Array(total * 2);
	const bass = [55, 55, 73.42, 65.41];
	for (let i = 0; i < total; i++) {
		const t = i / sampleRate;
		const beat = t / beatSeconds;
		const inBeat = (beat % 1) * beatSeconds;
		const kick = Math.sin(2 * Math.PI * (50 + 80 * Math.exp(-inBeat * 30)) * inBeat) * Math.exp(-inBeat * 8);
		const eighth = ((beat * 2) % 1) * (beatSeconds / 2);
		const hat = (((Math.sin(i * 12.9898) * 43758.5453) % 1) - 0.5) * Math.exp(-eighth * 60) * 0.3;
		const note = bass[Math.floor(beat / 4) % bass.length] as number;
		const value = 0.45 * kick + hat + 0.2 * Math.sin(2 * Math.PI * note * t);
		samples[2 * i] = value * 0.7;
		samples[2 * i + 1] = value * 0.7;
	}
	await writeFile(file, encodeWav({samples, sampleRate, channels: 2}));
};

const clock = (t: number): string => `${String(Math.floor(t / 60)).padStart(2, '0')}:${(t % 60).toFixed(2).padStart(5, '0')}`;
const WORDS = ['paper', 'skies', 'over', 'the', 'city', 'lights', 'we', 'keep', 'running', 'through', 'the', 'night', 'until', 'morning', 'finds', 'us'];

// Lines of five words every two bars (3.2 s on screen), every eighth pair of bars left for an instrumental.
const makeLyrics = (): string => {
	const lines: string[] = [];
	const bars = Math.floor(seconds / (4 * beatSeconds));
	for (let bar = 2, n = 0; bar + 2 < bars; bar += 2, n++) {
		if (n % 8 === 7) {
			continue;
		}
		const start = bar * 4 * beatSeconds;
		const words = Array.from({length: 5}, (_, k) => `<${clock(start + k * 0.6)}>${WORDS[(n * 5 + k) % WORDS.length]}`);
		lines.push(`[${clock(start)}]${words.join(' ')}`, `[${clock(start + 3.2)}]`);
	}
	return `${lines.join('\n')}\n`;
};

// Sections of 8 bars; 55 shots per 240 s spread over them; one-beat crossfades between most shots (every fourth
// section cuts hard inside), as the ffmpeg reference has them.
// The edit mix's transitions, each one beat long, and what the ffmpeg reference draws for each (xfade's nearest).
const EDIT_TRANSITIONS = [
	{type: 'slide', direction: 'from-right', lengthInBeats: 1},
	{type: 'wipe', direction: 'from-left', lengthInBeats: 1},
	{type: 'iris', lengthInBeats: 1},
	{type: 'clockWipe', lengthInBeats: 1},
	{type: 'flip', direction: 'from-left', lengthInBeats: 1},
	{type: 'slide', direction: 'from-bottom', lengthInBeats: 1},
	{type: 'wipe', direction: 'from-top-left', lengthInBeats: 1},
];
const XFADE_OF: Record<string, string> = {
	'fade': 'fade',
	'slide from-right': 'slideleft',
	'slide from-left': 'slideright',
	'slide from-bottom': 'slideup',
	'slide from-top': 'slidedown',
	'wipe from-left': 'wiperight',
	'wipe from-right': 'wipeleft',
	'wipe from-top-left': 'diagbr',
	'iris': 'circleopen',
	'clockWipe': 'radial',
	'flip from-left': 'squeezeh',
	'flip from-right': 'squeezeh',
};

const makeProject = (shotsTotal: number, changedShot: number | null) => {
	const bars = Math.floor(seconds / (4 * beatSeconds));
	const sectionStarts = Array.from({length: Math.ceil(bars / 8)}, (_, i) => 1 + 8 * i);
	const sections = sectionStarts.map((start, i) => ({id: `s${i + 1}`, start: String(start)}));
	const sectionBeats = sectionStarts.map((start, i) => ((sectionStarts[i + 1] ?? bars + 1) - start) * 4);
	const totalBeats = sectionBeats.reduce((a, b) => a + b, 0);
	let shotIndex = 0;
	let beatsSoFar = 0;
	const videoSections = Object.fromEntries(
		sections.map((section, i) => {
			const beats = sectionBeats[i] as number;
			// Shots spread by cumulative rounding, so the total is exactly shotsTotal.
			const count = Math.max(1, Math.round((shotsTotal * (beatsSoFar + beats)) / totalBeats) - Math.round((shotsTotal * beatsSoFar) / totalBeats));
			beatsSoFar += beats;
			const each = Math.floor(beats / count);
			const shots = Array.from({length: count}, (_, k) => {
				const index = shotIndex++;
				const clip = CLIPS[index % CLIPS.length] as (typeof CLIPS)[number];
				const start = ((index * 0.37) % 2) + (index === changedShot ? 0.5 : 0);
				const shot = {clip: clip.src, clipStartInSeconds: Number(start.toFixed(2)), ...(k < count - 1 ? {lengthInBeats: each} : {})};
				if (!editMix) {
					return shot;
				}
				// The edit: portrait takes letterboxed, Ken Burns on every third shot, two shots that outlast their clip and freeze, and a
				// third of the cuts into a shot made with a transition other than a fade.
				const freezes = index === 5 || index === Math.floor(shotsTotal / 2) + 3;
				return {
					...shot,
					...(clip.height > clip.width ? {fit: 'contain'} : {}),
					...(index % 3 === 1 ? {kenBurns: {fromScale: 1, toScale: 1.15, toXPercent: index % 2 === 0 ? 3 : -3}} : {}),
					...(freezes ? {clipStartInSeconds: 7.5, onShortClip: 'freeze'} : {}),
					...(k > 0 && index % 3 === 0 ? {transitionIn: EDIT_TRANSITIONS[(index / 3) % EDIT_TRANSITIONS.length]} : {}),
				};
			});
			// Every fourth section, from the third, is a chorus: a pulse on every beat and a flash on every downbeat.
			const chorus = editMix && i % 4 === 2;
			return [
				section.id,
				{
					shots,
					// Every fourth section cuts hard between its shots; the others crossfade for one beat.
					transition: i % 4 === 3 ? {type: 'none'} : {type: 'fade', lengthInBeats: 1},
					...(i > 0 ? {transitionIn: editMix && i % 3 === 1 ? EDIT_TRANSITIONS[i % EDIT_TRANSITIONS.length] : {type: 'fade', lengthInBeats: 1}} : {}),
					...(chorus ? {effects: {pulse: {strength: 0.04, decayInBeats: 0.5}, flash: {strength: 0.4, decayInBeats: 0.5}}} : {}),
				},
			];
		}),
	);
	return {
		song: {audio: `bench/song-${seconds}.wav`, tempo: {bpm: BPM}, sections, lyrics: {file: `bench/lyrics-${seconds}.lrc`}},
		videos: [{id: 'BenchVideo', width: 1920, height: 1080, fps: FPS, sections: videoSections, defaults: {lyrics: {fontSizeInPx: 64}}}],
	};
};

// CPU seconds (user + system) of everything a command ran, its children included, by GNU time when installed:
// a figure other jobs on the machine hardly change, unlike wall time.
type Measured = {
	wallInSeconds: number;
	cpuInSeconds: number | null;
	loadAverage: number;
	peakPssInBytes: number;
	peakRssInBytes: number;
	/** When the PSS peak was sampled, and what each program (by name, all its processes together) held then. */
	peak: {atSeconds: number; byProgram: Record<string, number>};
	output: string;
};
const GNU_TIME = '/usr/bin/time';

// Memory of a process and all its descendants, read from /proc: each process's proportional set size (PSS: its
// private pages plus its share of pages it shares), so libraries and a browser's many processes sharing one
// binary are counted once, as they take memory once; resident size where PSS cannot be read.
const processMemory = (pid: string, rssPages: number): number => {
	try {
		const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
		if (pss) {
			return Number(pss[1]) * 1024;
		}
	} catch {
		// Ended, or not readable.
	}
	return rssPages * 4096;
};
const treeMemory = (pid: number): {rss: number; pss: number; byProgram: Record<string, number>} => {
	const parents = new Map<number, number>();
	const rss = new Map<number, number>();
	const names = new Map<number, string>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			parents.set(Number(entry), Number(fields[1]));
			names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
			rss.set(Number(entry), Number(fields[21]));
		} catch {
			// The process ended while listing.
		}
	}
	const total = {rss: 0, pss: 0, byProgram: {} as Record<string, number>};
	for (const [candidate, pages] of rss) {
		for (let p: number | undefined = candidate; p !== undefined && p > 1; p = parents.get(p)) {
			if (p === pid) {
				const pss = processMemory(String(candidate), pages);
				const name = names.get(candidate) ?? '?';
				total.rss += pages * 4096;
				total.pss += pss;
				total.byProgram[name] = (total.byProgram[name] ?? 0) + pss;
				break;
			}
		}
	}
	return total;
};

const measure = (command: string, args: readonly string[], label: string): Promise<Measured> =>
	new Promise((resolve, reject) => {
		process.stderr.write(`\n${label}: ${command} ${args.join(' ').slice(0, 300)}\n`);
		const started = performance.now();
		const timeFile = path.join(os.tmpdir(), `bench-render-time-${process.pid}.txt`);
		const timed = existsSync(GNU_TIME);
		const child = timed ? spawn(GNU_TIME, ['-f', '%U %S', '-o', timeFile, command, ...args], {stdio: ['ignore', 'pipe', 'inherit']}) : spawn(command, args, {stdio: ['ignore', 'pipe', 'inherit']});
		const loadAtStart = os.loadavg()[0] as number;
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			process.stderr.write(chunk);
		});
		const peak = {rss: 0, pss: 0, atSeconds: 0, byProgram: {} as Record<string, number>};
		const sampler = setInterval(() => {
			const now = treeMemory(child.pid as number);
			peak.rss = Math.max(peak.rss, now.rss);
			if (now.pss > peak.pss) {
				Object.assign(peak, {pss: now.pss, atSeconds: (performance.now() - started) / 1000, byProgram: now.byProgram});
			}
		}, 250);
		child.on('error', reject);
		child.on('close', (code) => {
			clearInterval(sampler);
			if (code !== 0) {
				reject(new Error(`${label} exited with ${code}`));
				return;
			}
			const cpuInSeconds = timed ? readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number).reduce((a, b) => a + b, 0) : null;
			resolve({wallInSeconds: (performance.now() - started) / 1000, cpuInSeconds, loadAverage: Math.max(loadAtStart, os.loadavg()[0] as number), peakPssInBytes: peak.pss, peakRssInBytes: peak.rss, peak: {atSeconds: peak.atSeconds, byProgram: peak.byProgram}, output});
		});
	});

const SYSTEM_FFMPEG = '/usr/bin/ffmpeg';
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

// The benchmark's reference needs a full ffmpeg (xfade, drawtext); the product never uses it.
const ensureSystemFfmpeg = (): boolean => {
	if (existsSync(SYSTEM_FFMPEG) && existsSync(FONT)) {
		return true;
	}
	process.stderr.write('installing Debian ffmpeg and fonts-dejavu-core for the reference render…\n');
	const result = spawnSync('sh', ['-c', 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q ffmpeg fonts-dejavu-core || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ffmpeg fonts-dejavu-core)'], {stdio: 'inherit'});
	return result.status === 0 && existsSync(SYSTEM_FFMPEG);
};

// The hand-written equivalent: each shot's visible stretch trimmed from its clip, conformed to 1920x1080 at 30 fps,
// chained with xfade where the timeline has a transition and concat where it cuts, a drawtext per lyric line.
const referenceArgs = async (timeline: ResolvedTimeline, output: string): Promise<string[]> => {
	const inputs: string[] = [];
	const graph: string[] = [];
	for (const [i, shot] of timeline.shots.entries()) {
		if (shot.visual.kind !== 'clip') {
			throw new Error('the benchmark has clip shots only');
		}
		const segment = shot.visual.segments[0];
		const start = (segment?.trimBeforeInFrames ?? 0) / timeline.fps;
		const duration = shot.durationInFrames / timeline.fps;
		inputs.push('-ss', start.toFixed(4), '-t', (duration + 0.2).toFixed(4), '-i', path.join(publicDir, shot.visual.src));
		const {width: W, height: H} = timeline;
		const fit = shot.visual.fit === 'contain' ? `scale=${W}:${H}:force_original_aspect_ratio=decrease,pad=${W}:${H}:(ow-iw)/2:(oh-ih)/2` : `scale=${W}:${H}:force_original_aspect_ratio=increase,crop=${W}:${H}`;
		// A clip that runs out holds its last frame; Ken Burns by zoompan, one output frame per input frame.
		const freeze = shot.visual.segments.some((s) => s.kind === 'freeze') ? `,tpad=stop_mode=clone:stop_duration=${duration.toFixed(3)}` : '';
		const move = shot.visual.kenBurns;
		const zoom = move
			? `,zoompan=z='${move.scale.values[0]}+(${move.scale.values[move.scale.values.length - 1]}-${move.scale.values[0]})*on/${shot.durationInFrames}':x='iw/2-iw/zoom/2+iw*(${move.xPercent.values[move.xPercent.values.length - 1]}/100)*on/${shot.durationInFrames}':y='ih/2-ih/zoom/2':d=1:s=${W}x${H}:fps=${timeline.fps}`
			: '';
		graph.push(`[${i}:v]fps=${timeline.fps}${freeze},${fit}${zoom},setsar=1,format=yuv420p,trim=end_frame=${shot.durationInFrames},setpts=PTS-STARTPTS,settb=AVTB[v${i}]`);
	}
	let last = 'v0';
	for (const [i, shot] of timeline.shots.entries()) {
		if (i === 0) {
			continue;
		}
		const blend = shot.transitionIn;
		const out = `x${i}`;
		const kind = blend ? (XFADE_OF[blend.direction ? `${blend.type} ${blend.direction}` : blend.type] ?? 'fade') : null;
		graph.push(
			blend
				? `[${last}][v${i}]xfade=transition=${kind}:duration=${(blend.durationInFrames / timeline.fps).toFixed(4)}:offset=${(blend.startFrame / timeline.fps).toFixed(4)}[${out}]`
				: `[${last}][v${i}]concat=n=2:v=1:a=0[${out}]`,
		);
		last = out;
	}
	// Pulse and flash as one expression of time each over the choruses: a scale kick per beat (scale, then crop
	// back to the frame), a brightness lift per downbeat (eq).
	const pulses: string[] = [];
	const flashes: string[] = [];
	const keyframesSpan = (keyframes: {frames: readonly number[]; values: readonly number[]} | null | undefined): [number, number][] => {
		const spans: [number, number][] = [];
		for (const [k, frame] of (keyframes?.frames ?? []).entries()) {
			if ((keyframes?.values[k] ?? 1) !== 1) {
				spans.push([frame / timeline.fps, (keyframes?.frames[k + 1] ?? frame + 1) / timeline.fps]);
			}
		}
		return spans;
	};
	for (const [from, to] of keyframesSpan(timeline.effects?.scale)) {
		pulses.push(`between(t,${from.toFixed(3)},${to.toFixed(3)})*0.04*(1-(t-${from.toFixed(3)})/${(to - from).toFixed(3)})`);
	}
	for (const [from, to] of keyframesSpan(timeline.effects?.brightness)) {
		flashes.push(`between(t,${from.toFixed(3)},${to.toFixed(3)})*0.15*(1-(t-${from.toFixed(3)})/${(to - from).toFixed(3)})`);
	}
	// ffmpeg's expression parser gives up on a few hundred terms (4 minutes hold 128 beats in choruses), so the
	// terms go to a chain of filters, 32 each; a frame none of a filter's terms covers passes through it unchanged.
	const groupsOf32 = (terms: readonly string[]): string[][] => Array.from({length: Math.ceil(terms.length / 32)}, (_, k) => terms.slice(k * 32, (k + 1) * 32));
	for (const [k, group] of groupsOf32(pulses).entries()) {
		const kick = `(1+${group.join('+')})`;
		graph.push(`[${last}]scale=w='2*trunc(${timeline.width}*${kick}/2)':h='2*trunc(${timeline.height}*${kick}/2)':eval=frame,crop=${timeline.width}:${timeline.height}[pulsed${k}]`);
		last = `pulsed${k}`;
	}
	for (const [k, group] of groupsOf32(flashes).entries()) {
		graph.push(`[${last}]eq=brightness='${group.join('+')}':eval=frame[flashed${k}]`);
		last = `flashed${k}`;
	}
	const texts = path.join(workDir, 'reference-lyrics');
	await mkdir(texts, {recursive: true});
	const drawtexts: string[] = [];
	for (const [i, line] of timeline.lyrics.entries()) {
		const file = path.join(texts, `${i}.txt`);
		await writeFile(file, line.text);
		drawtexts.push(`drawtext=fontfile=${FONT}:textfile=${file}:fontsize=64:fontcolor=white:borderw=3:bordercolor=black@0.8:x=(w-text_w)/2:y=h-text_h-70:enable='between(n,${line.startFrame},${line.endFrame - 1})'`);
	}
	graph.push(`[${last}]${drawtexts.length > 0 ? drawtexts.join(',') : 'null'}[video]`);
	const script = path.join(workDir, 'reference.filtergraph');
	await writeFile(script, graph.join(';\n'));
	const audio = timeline.shots.length;
	return [
		'-hide_banner', '-loglevel', 'error', '-y',
		...inputs,
		'-i', path.join(publicDir, timeline.audio.src),
		'-filter_complex_script', script,
		'-map', '[video]', '-map', `${audio}:a`,
		'-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p',
		'-c:a', 'aac', '-b:a', '320k',
		'-frames:v', String(timeline.durationInFrames),
		output,
	];
};

const main = async (): Promise<void> => {
	await mkdir(path.join(benchDir, 'clips'), {recursive: true});
	await mkdir(workDir, {recursive: true});
	await mkdir(outDir, {recursive: true});
	for (const clip of CLIPS) {
		if (!existsSync(path.join(publicDir, clip.src))) {
			process.stderr.write(`making ${clip.src}\n`);
			await renderProceduralClip(clip, path.join(publicDir, clip.src));
		}
	}
	const songFile = path.join(benchDir, `song-${seconds}.wav`);
	if (!existsSync(songFile)) {
		await makeSong(songFile);
	}
	await writeFile(path.join(benchDir, `lyrics-${seconds}.lrc`), makeLyrics());
	const shotsTotal = Math.max(2, Math.round((55 * seconds) / 240));
	const compositions = path.join(workDir, `compositions-${values.mix}-${seconds}.ts`);
	const writeProject = (changedShot: number | null) => writeFile(compositions, `// Written by scripts/bench-render.ts\nexport default ${JSON.stringify(makeProject(shotsTotal, changedShot), null, '\t')};\n`);
	await writeProject(null);
	const paths = projectPaths(root, path.relative(root, compositions));
	const project = await loadProject(paths);
	const [check] = await compileProjectVideos({project, videos: project.videos, paths});
	if (!check?.result) {
		throw new Error(`the benchmark project does not compile: ${check?.error?.message}`);
	}
	const {timeline} = check.result;
	const frames = timeline.durationInFrames;
	process.stderr.write(`benchmark: ${frames} frames (${(frames / FPS).toFixed(1)} s) at ${timeline.width}x${timeline.height}, ${timeline.shots.length} shots, ${timeline.shots.filter((s) => s.transitionIn).length} transitions, ${timeline.lyrics.length} lyric lines; ${os.cpus().length} cores\n`);

	const cache = path.join(workDir, 'cache');
	await rm(cache, {recursive: true, force: true});
	const report = path.join(outDir, 'report.json');
	const renderArgs = ['bin/songreel.js', 'render', 'BenchVideo', '--compositions', path.relative(root, compositions), '--out', path.join(outDir, `songreel-${values.mix}.mp4`), '--cache', cache, '--report', report, '--workers', String(values.concurrency), ...(values['chunk-seconds'] === undefined ? [] : ['--chunk-seconds', values['chunk-seconds']])];
	const songreel = await measure(process.execPath, renderArgs, 'songreel render (empty cache)');
	const summary = (JSON.parse(readFileSync(report, 'utf8')) as ChunkedRenderSummary[])[0] as ChunkedRenderSummary;

	let reference: Measured | null = null;
	if (!values['skip-reference'] && ensureSystemFfmpeg()) {
		reference = await measure(SYSTEM_FFMPEG, await referenceArgs(timeline, path.join(outDir, `reference-${values.mix}.mp4`)), 'ffmpeg reference');
	}
	// The encoder's floor: decode songreel's own output and encode it again with the same x264 settings, nothing drawn.
	let transcode: Measured | null = null;
	if (ensureSystemFfmpeg()) {
		transcode = await measure(SYSTEM_FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-i', path.join(outDir, `songreel-${values.mix}.mp4`), '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', path.join(outDir, `transcode-${values.mix}.mp4`)], 'plain x264 transcode of the output (the floor)');
	}
	let changed: {measured: Measured; summary: ChunkedRenderSummary} | null = null;
	if (values['change-one-shot']) {
		const middle = Math.floor(shotsTotal / 2);
		await writeProject(middle);
		const measured = await measure(process.execPath, renderArgs, `songreel render after changing shot ${middle + 1} (warm cache)`);
		changed = {measured, summary: (JSON.parse(readFileSync(report, 'utf8')) as ChunkedRenderSummary[])[0] as ChunkedRenderSummary};
		await writeProject(null);
	}

	const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
	const memory = (m: Measured): string =>
		`peak memory ${mb(m.peakPssInBytes)} PSS (${mb(m.peakRssInBytes)} resident, shared pages counted in each process; at ${m.peak.atSeconds.toFixed(1)} s: ${Object.entries(m.peak.byProgram)
			.sort((a, b) => b[1] - a[1])
			.map(([name, bytes]) => `${name} ${mb(bytes)}`)
			.join(', ')})`;
	const fps = (m: Measured): string => (frames / m.wallInSeconds).toFixed(1);
	const cpu = (m: Measured): string => (m.cpuInSeconds === null ? '' : `, ${m.cpuInSeconds.toFixed(1)} s CPU`);
	const load = (m: Measured): string => `, load average ${m.loadAverage.toFixed(1)}`;
	const b = summary.breakdown;
	const lines = [
		'',
		`render benchmark (${values.mix} mix): ${frames} frames, ${timeline.width}x${timeline.height} at ${FPS} fps, ${timeline.shots.length} shots, ${timeline.shots.filter((shot) => shot.transitionIn && shot.transitionIn.type !== 'fade').length} non-fade transitions, ${os.cpus().length} cores`,
		`  songreel render   ${songreel.wallInSeconds.toFixed(1)} s wall${cpu(songreel)}, ${fps(songreel)} fps, ${memory(songreel)}${load(songreel)}`,
		`    ${b.directFrames} frames straight from clips, ${b.browserFrames} by the browser, ${b.lyricStills} lyric stills (${b.lyricStillsByBrowser} by the browser), ${b.workers} worker(s)`,
		`    plan ${b.planInSeconds.toFixed(1)} s, bundle ${b.bundleInSeconds.toFixed(1)} s${b.bundle ? ` (${b.bundle})` : ''}, stills ${b.stillsInSeconds.toFixed(1)} s, frames ${b.framesInSeconds.toFixed(1)} s (browser ${b.browserInSeconds.toFixed(1)} s, direct ${b.directInSeconds.toFixed(1)} s side by side), join+mux+verify ${b.joinInSeconds.toFixed(1)} s, process start ${(songreel.wallInSeconds - summary.wallInSeconds).toFixed(1)} s`,
		reference
			? `  ffmpeg reference  ${reference.wallInSeconds.toFixed(1)} s wall${cpu(reference)}, ${fps(reference)} fps, ${memory(reference)}${load(reference)}`
			: '  ffmpeg reference  not run',
		reference ? `  throughput ratio songreel/ffmpeg: ${(reference.wallInSeconds / songreel.wallInSeconds).toFixed(2)} (goal >= ${editMix ? '0.5' : '1.0'})${reference.cpuInSeconds !== null && songreel.cpuInSeconds !== null ? `; CPU time ratio ffmpeg/songreel ${(reference.cpuInSeconds / songreel.cpuInSeconds).toFixed(2)}` : ''}` : '',
		transcode ? `  plain x264 transcode of the output (the floor) ${transcode.wallInSeconds.toFixed(1)} s wall${cpu(transcode)}, ${fps(transcode)} fps, ${memory(transcode)}; songreel at ${(transcode.wallInSeconds / songreel.wallInSeconds).toFixed(2)} of the floor's throughput` : '',
		changed
			? `  one shot changed: ${changed.measured.wallInSeconds.toFixed(1)} s wall, ${changed.summary.renderedChunks} of ${changed.summary.chunks} chunks rendered, ${((100 * changed.measured.wallInSeconds) / songreel.wallInSeconds).toFixed(1)}% of the full render (goal <= 5%)`
			: '',
	].filter((line) => line !== '');
	process.stdout.write(`${lines.join('\n')}\n`);
	await writeFile(
		path.join(outDir, `bench-render-${values.mix}.json`),
		`${JSON.stringify({mix: values.mix, seconds, frames, cores: os.cpus().length, songreel: {...songreel, output: undefined, summary}, reference: reference && {...reference, output: undefined}, transcode: transcode && {...transcode, output: undefined}, changed: changed && {...changed.measured, output: undefined, summary: changed.summary}}, null, 2)}\n`,
	);
};

await main();
