// Per-command help for `songreel <command> --help`, each with an example, and `--version`. Texts only: main.ts decides
// when to print them.

/** One command's help: what it does, how it is called, its options, and an example. */
export type CommandHelp = {
	readonly usage: string;
	readonly summary: string;
	readonly options: readonly (readonly [string, string])[];
	readonly example: string;
};

const COMPOSITIONS: readonly [string, string] = ['--compositions <file>', 'compositions file (default remotion/compositions.ts, else src/compositions.ts)'];
const JSON_OPTION: readonly [string, string] = ['--json', 'print one JSON document for scripts (shape in README), nothing else on stdout'];
const ENTRY_POINT: readonly [string, string] = ['--entry-point <file>', 'Remotion entry point registering the project (default remotion/index.ts, else src/index.ts)'];

/** Help for every command, by name. */
export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
	check: {usage: 'songreel check [id...] [--json]', summary: 'Validate the compositions file and every asset it uses, every deliverable compiled too; render nothing.', options: [JSON_OPTION, ['--deliverable <id>|all', 'check only this deliverable of each video (default all)'], COMPOSITIONS], example: 'songreel check DemoVideo --json'},
	render: {
		usage: 'songreel render [id...] [options]',
		summary: 'Render videos (all when no id is given) to out/<id>.mp4, with lyric sidecars, chapters and credits beside them.',
		options: [
			['--out <file>', 'output file (only with one id)'],
			['--deliverable <id>|all', 'render this deliverable of each video (out/<id>.<deliverable>.mp4), or the video and all of them'],
			['--engine chunks|remotion', 'chunks (default): cached chunks, clips drawn directly; remotion: one Remotion render'],
			['--browser-only', 'chunks engine with every chunk drawn by the browser'],
			['--chunk-seconds <n>', 'target chunk length (default 8)'],
			['--workers <n>', 'chunks engine: worker processes side by side, each with its own browser (default 1)'],
			['--tabs <n>', 'browser tabs each browser renders with (chunks: per worker; remotion: the one browser\'s)'],
			['--json', 'print one JSON document of what was written, nothing else on stdout'],
			['--preset <p>', 'x264 preset (default veryfast)'],
			['--crf <n>', 'x264 quality, lower is better (default 18)'],
			['--cache <dir>', 'chunk cache folder (default .songreel/cache/chunks)'],
			['--report <file.json>', 'write what the render did and where its time went'],
			['--frames <a-b>', 'render only frames a to b (remotion engine)'],
			['--scale <n>', 'scale the output, e.g. 0.5 (remotion engine)'],
			['--loudness <LUFS>', 'deliver the audio at this integrated loudness (-70…0; -14 for YouTube); without it the song is untouched'],
			['--true-peak-ceiling <dBTP>', 'with --loudness: the highest true peak (default -1); a limiter holds it'],
			['--c2pa-cert <chain.pem> --c2pa-key <key>', 'sign a C2PA manifest stating the AI-generated takes'],
			['--lambda [--region r] [--function-name f] [--frames-per-lambda n]', 'render on Remotion Lambda'],
			COMPOSITIONS,
			ENTRY_POINT,
		],
		example: 'songreel render DemoVideo --loudness -14',
	},
	generate: {
		usage: 'songreel generate [options] | songreel generate --for <video> [options]',
		summary: 'Generate takes for the shot list (remotion/shots.ts), or for the generated shots of a video (--for), through a provider, within a budget.',
		options: [
			['--shots a,b', 'only these shots'],
			['--takes <n>', 'takes wanted per shot'],
			['--provider offline|openai|runway|veo|replicate', 'provider (default: the shot list\'s)'],
			['--dry-run', 'print the plan and its estimated cost; submit nothing'],
			['--budget-usd <x>', 'refuse a run estimated over x; stop when spent + in flight would pass it'],
			['--project-budget-usd <x>', 'cap the whole project: billed so far (the ledger) + in flight + this run'],
			['--retry-failed', 'give failed takes a new attempt'],
			['--jobs <n>', 'provider jobs in flight at once (was --concurrency)'],
			['--shot-list <file>', 'shot list file (default remotion/shots.ts)'],
			['--for <video>', 'takes for the video\'s "generate" shots, as long as their slots; picks the best of each; continuing shots start from the previous shot\'s last shown frame'],
			['--no-pick', 'with --for: pick nothing; continuing shots wait for "songreel pick"'],
			COMPOSITIONS,
		],
		example: 'songreel generate --shots rooftop --takes 3 --dry-run\n  songreel generate --for DemoVideo --dry-run',
	},
	qc: {usage: 'songreel qc [shot]', summary: 'Check takes again for black or blank frames, freezes, flicker, letterboxing, wrong length or size and near-duplicates; records scores and flags.', options: [], example: 'songreel qc rooftop'},
	'last-frame': {usage: 'songreel last-frame <take> [--out file.png]', summary: 'Write a take\'s last frame as a PNG, to start the next shot from it (referenceImage).', options: [['--out <file.png>', 'where to write it']], example: 'songreel last-frame verse-1/t2 --out public/refs/verse-1-end.png'},
	takes: {usage: 'songreel takes [shot] [--json]', summary: 'List takes: status, rating, pick, facts, cost, where used.', options: [JSON_OPTION], example: 'songreel takes rooftop'},
	pick: {usage: 'songreel pick <shot> <take>', summary: 'Choose the take a shot resolves to.', options: [], example: 'songreel pick rooftop rooftop/t3'},
	reject: {usage: 'songreel reject <take> --reason "…"', summary: 'Never use a take (clears its pick).', options: [['--reason <text>', 'why, kept in the registry']], example: 'songreel reject rooftop/t2 --reason "extra fingers"'},
	rate: {usage: 'songreel rate <take> <1-5>', summary: 'Rate a take; unpicked shots use their best-rated take.', options: [], example: 'songreel rate rooftop/t3 5'},
	stats: {usage: 'songreel stats [--json]', summary: 'Takes generated, complete, failed, picked, used; money and seconds.', options: [JSON_OPTION], example: 'songreel stats --json'},
	import: {usage: 'songreel import <dir> --shot <id>', summary: 'Register clips downloaded elsewhere as takes of a shot; exits 1 when a file is not a readable video (the others are imported).', options: [['--shot <id>', 'the shot they are takes of (letters, digits and dashes)']], example: 'songreel import ~/Downloads/rooftop --shot rooftop'},
	'contact-sheet': {usage: 'songreel contact-sheet <shot> [--out file.png]', summary: 'A PNG of every take of a shot, one row of stills each (default out/contact-<shot>.png).', options: [['--out <file.png>', 'where to write it']], example: 'songreel contact-sheet rooftop'},
	analyze: {usage: 'songreel analyze <audio> [--json] [--write [--force]]', summary: 'Tempo, beats, metre, downbeats, tempo changes, loudness and sections of a recording.', options: [JSON_OPTION, ['--write', 'write the song map'], ['--force', 'overwrite an existing one']], example: 'songreel analyze public/demo/song.wav --json'},
	lyrics: {usage: 'songreel lyrics align <audio> <lyrics.txt> [--out file.lrc]', summary: 'Time lyric text by the recording (word timestamps, then alignment); writes enhanced LRC.', options: [['--out <file.lrc>', 'where to write it'], ['--model <m>', 'transcription model (default whisper-1)']], example: 'songreel lyrics align public/song.wav lyrics.txt --out public/lyrics.lrc'},
	export: {
		usage: 'songreel export <id> --format otio|fcpxml|edl [--deliverable d|all] [--out file] [--downbeats]',
		summary: 'Write the cut as a timeline an editor opens: clips with source in/out and speed, transitions, the song, markers at sections and lyric lines.',
		options: [
			['--format otio|fcpxml|edl', 'OpenTimelineIO, Final Cut Pro XML 1.9 or CMX 3600 EDL'],
			['--deliverable <id>|all', 'the cut at this deliverable\'s size, each clip\'s fit and focus as a transform (OTIO, FCPXML; an EDL cannot hold them); all: the video and every deliverable'],
			['--out <file>', 'default out/<id>.<format> (out/<id>.<deliverable>.<format>)'],
			['--downbeats', 'also a marker at every downbeat'],
			COMPOSITIONS,
		],
		example: 'songreel export DemoVideo --format fcpxml --downbeats',
	},
};

/** The text `songreel <command> --help` prints; null for an unknown command. */
export const helpFor = (command: string): string | null => {
	const help = COMMAND_HELP[command];
	if (help === undefined) {
		return null;
	}
	const width = Math.max(0, ...help.options.map(([name]) => name.length));
	const options = help.options.length === 0 ? '' : `\nOptions:\n${help.options.map(([name, text]) => `  ${name.padEnd(width)}  ${text}\n`).join('')}`;
	return `Usage: ${help.usage}\n\n${help.summary}\n${options}\nExample:\n  ${help.example}\n`;
};

/** What `songreel --version` prints. */
export const versionText = (version: string): string => `songreel ${version}\n`;
