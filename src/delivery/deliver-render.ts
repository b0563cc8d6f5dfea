import path from 'node:path';
import type {LoudnessTarget} from '../music/loudness/normalize-loudness.ts';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {deliverVideoLoudness, formatLoudnessReport, type LoudnessReport} from './deliver-loudness.ts';
import {writeChapters} from './write-chapters.ts';
import {writeCredits} from './write-credits.ts';
import {buildC2paManifest} from './build-c2pa-manifest.ts';
import {signVideoWithC2pa} from './sign-c2pa.ts';

/** What to do to a finished render: all from the command line (see `parseLoudnessOptions`). */
export type DeliveryOptions = {
	/** Bring the audio to this target; null leaves the song untouched (it is the master). */
	readonly loudness: LoudnessTarget | null;
	/** Section titles for chapters, by section id (default: the id). */
	readonly chapterTitles?: Readonly<Record<string, string>>;
	/** Sign the MP4 with a C2PA manifest (needs the optional @contentauth/c2pa-node); null or absent: no manifest. */
	readonly c2pa?: {readonly certificatePath: string; readonly privateKeyPath: string} | null;
};

/** What delivery did, with the lines the CLI prints and the warnings it prints once. */
export type DeliveryResult = {
	readonly loudness: LoudnessReport | null;
	readonly files: readonly string[];
	readonly lines: readonly string[];
	readonly warnings: readonly string[];
};

/**
 * Finishes a rendered MP4 for delivery, in the order each step needs: the audio at the loudness target (it re-muxes the
 * audio), then chapters (stream copy), then `<id>.chapters.txt`, `<id>.credits.json` and `<id>.credits.md` beside it.
 * `frameRange` is the range a partial render covers (`--frames`): its audio starts there, and it gets no chapters.
 * Call it once per video, after the MP4 exists; nothing half-written is left behind if it fails.
 */
export const deliverRender = async ({timeline, videoPath, publicDir, options, frameRange = null}: {readonly timeline: ResolvedTimeline; readonly videoPath: string; readonly publicDir: string; readonly options: DeliveryOptions; readonly frameRange?: readonly [number, number] | null}): Promise<DeliveryResult> => {
	const lines: string[] = [];
	const warnings: string[] = [];
	const files: string[] = [];
	let loudness: LoudnessReport | null = null;
	if (options.loudness !== null) {
		// When a clip plays its own sound, the video's audio is a mix, not the song: normalise the mix.
		const playsClipAudio = timeline.shots.some((shot) => shot.visual.kind === 'clip' && shot.visual.volume > 0);
		loudness = await deliverVideoLoudness({
			videoPath,
			...(playsClipAudio ? {} : {songPath: path.join(publicDir, timeline.audio.src)}),
			target: options.loudness,
			startInSeconds: (frameRange?.[0] ?? 0) / timeline.fps,
		});
		lines.push(formatLoudnessReport(loudness).trimEnd());
	}
	if (frameRange === null) {
		const chapters = await writeChapters({timeline, videoPath, ...(options.chapterTitles === undefined ? {} : {titles: options.chapterTitles})});
		files.push(chapters.textPath);
		warnings.push(...chapters.warnings);
		lines.push(`  chapters: ${chapters.mp4.length} in the MP4, ${chapters.youtube.length} in ${path.basename(chapters.textPath)}`);
	}
	const credits = await writeCredits({timeline, videoPath, publicDir});
	files.push(...credits.files);
	lines.push(
		`  credits: ${credits.credits.generatedTakes.length} generated take${credits.credits.generatedTakes.length === 1 ? '' : 's'} ($${credits.credits.totalGenerationCostInUsd.toFixed(2)}${credits.credits.totalIncludesEstimates ? ', with estimates' : ''}), ` +
			`${credits.credits.otherClips.length} other clip${credits.credits.otherClips.length === 1 ? '' : 's'}; ${credits.files.map((f) => path.basename(f)).join(', ')}`,
	);
	if (options.c2pa !== undefined && options.c2pa !== null) {
		const manifest = buildC2paManifest({credits: credits.credits, title: path.basename(videoPath), version: '0.1.0'});
		const readBack = await signVideoWithC2pa({videoPath, manifest, ...options.c2pa});
		lines.push(`  C2PA: signed by "${readBack.signer ?? 'unknown'}", ${readBack.ingredients.length} takes as ingredients${readBack.validationStatus.length > 0 ? `; read back: ${readBack.validationStatus.join(', ')}` : '; read back: valid'}`);
	}
	return {loudness, files, lines, warnings};
};
