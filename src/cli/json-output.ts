// The JSON that `--json` prints for `check`, `takes`, `stats` and `render`: one document on stdout, nothing else there.
// These shapes are documented in README ("Output for scripts"); add fields freely, never rename or remove one, and bump
// `version` if a field ever has to change meaning.
import path from 'node:path';
import type {Problem} from '../problems/problem.ts';
import type {RenderedVideo} from '../render/render-project.ts';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import type {Registry, Take} from '../takes/take-schema.ts';
import type {LoudnessMeasurement} from '../music/loudness/measure-loudness.ts';

/** The shape's version, in every document: scripts can refuse one they do not know. */
export const JSON_OUTPUT_VERSION = 1;

/** A problem or warning as scripts read it: the file, the path in it, the message and a fix when there is one. */
export type JsonProblem = {readonly file: string; readonly path: string; readonly message: string; readonly fix: string | null};

/** One checked video, or one of its deliverables (`deliverable` names it; null for the video itself). */
export type CheckedVideoJson = {
	readonly id: string;
	readonly deliverable: string | null;
	readonly width: number;
	readonly height: number;
	readonly fps: number;
	readonly durationInFrames: number;
	readonly durationInSeconds: number;
	readonly sections: number;
	readonly shots: number;
	readonly transitions: number;
	readonly lyricLines: number;
	readonly warnings: readonly JsonProblem[];
};

/** `songreel check --json`: every video that compiled, and every problem (also printed to stderr, one a line). */
export type CheckJson = {
	readonly version: number;
	readonly ok: boolean;
	readonly videos: readonly CheckedVideoJson[];
	readonly problems: readonly JsonProblem[];
};

/** One take in `songreel takes --json`. */
export type TakeJson = {
	readonly id: string;
	readonly shotId: string;
	readonly status: Take['status'];
	readonly picked: boolean;
	readonly rejectedReason: string | null;
	readonly error: {readonly code: string; readonly message: string} | null;
	readonly rating: number | null;
	readonly provider: string;
	readonly model: string;
	readonly file: string | null;
	readonly durationInSeconds: number | null;
	readonly width: number | null;
	readonly height: number | null;
	readonly costInUsd: number;
	readonly qc: {readonly score: number; readonly flags: readonly string[]} | null;
	readonly usedIn: readonly string[];
	readonly usedSeconds: number;
};

/** `songreel takes [shot] --json`. */
export type TakesJson = {readonly version: number; readonly takes: readonly TakeJson[]};

/** `songreel stats --json`: counts, money (from the ledger) and seconds. */
export type StatsJson = {
	readonly version: number;
	readonly takes: {readonly generated: number; readonly complete: number; readonly failed: number; readonly unfinished: number; readonly rejected: number};
	readonly pickedShots: number;
	readonly takesUsed: number;
	readonly billedInUsd: number;
	readonly inFlightInUsd: number;
	readonly generatedSeconds: number;
	readonly usedSeconds: number;
	/** Null when nothing is used yet. */
	readonly usdPerUsedSecond: number | null;
};

/** One rendered file in `songreel render --json`. */
export type RenderedVideoJson = {
	readonly id: string;
	readonly deliverable: string | null;
	readonly output: string;
	readonly engine: RenderedVideo['engine'];
	readonly width: number;
	readonly height: number;
	/** Frames rendered; null on Lambda, which does not say. */
	readonly frames: number | null;
	readonly wallInSeconds: number;
	/** Chunks engine only; null otherwise. */
	readonly chunks: {readonly total: number; readonly rendered: number; readonly fromCache: number; readonly directFrames: number; readonly browserFrames: number} | null;
	readonly sizeInBytes: number;
	/** Lambda only: what AWS charged, about; null otherwise. */
	readonly costInUsd: number | null;
	/** Every file written beside the video: lyric sidecars, chapters, credits. */
	readonly sidecars: readonly string[];
	readonly loudness: {readonly targetInLufs: number; readonly truePeakCeilingInDbtp: number; readonly before: LoudnessJson; readonly after: LoudnessJson; readonly gainInDb: number} | null;
	readonly warnings: readonly string[];
};

/** Loudness figures of one measurement. */
export type LoudnessJson = {readonly integratedInLufs: number; readonly loudnessRangeInLu: number; readonly truePeakInDbtp: number};

/** `songreel render --json`: one entry per file written, in order. */
export type RenderJson = {readonly version: number; readonly videos: readonly RenderedVideoJson[]};

const problemJson = (problem: Problem): JsonProblem => ({file: problem.file, path: problem.path, message: problem.message, fix: problem.fix ?? null});

/** The `check --json` document. */
export const checkJson = ({videos, problems}: {readonly videos: readonly {readonly id: string; readonly deliverable: string | null; readonly timeline: ResolvedTimeline; readonly warnings: readonly Problem[]}[]; readonly problems: readonly Problem[]}): CheckJson => ({
	version: JSON_OUTPUT_VERSION,
	ok: problems.length === 0,
	videos: videos.map(({id, deliverable, timeline, warnings}) => ({
		id,
		deliverable,
		width: timeline.width,
		height: timeline.height,
		fps: timeline.fps,
		durationInFrames: timeline.durationInFrames,
		durationInSeconds: Number((timeline.durationInFrames / timeline.fps).toFixed(3)),
		sections: timeline.sections.length,
		shots: timeline.shots.length,
		transitions: timeline.shots.filter((shot) => shot.transitionIn).length,
		lyricLines: timeline.lyrics.length,
		warnings: warnings.map(problemJson),
	})),
	problems: problems.map(problemJson),
});

/** Which videos use a take and for how many seconds, by take id. */
export type TakeUsage = ReadonlyMap<string, {readonly videos: ReadonlySet<string>; readonly seconds: number}>;

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** The `takes --json` document. */
export const takesJson = ({registry, takes, usage}: {readonly registry: Registry; readonly takes: readonly Take[]; readonly usage: TakeUsage}): TakesJson => ({
	version: JSON_OUTPUT_VERSION,
	takes: takes.map((take) => {
		const used = usage.get(take.id);
		return {
			id: take.id,
			shotId: take.shotId,
			status: take.status,
			picked: registry.picks[take.shotId] === take.id,
			rejectedReason: take.rejectedReason,
			error: take.error === null ? null : {code: take.error.code, message: take.error.message},
			rating: take.rating,
			provider: take.provider,
			model: take.model,
			file: take.file,
			durationInSeconds: take.facts?.durationInSeconds ?? null,
			width: take.facts?.width ?? null,
			height: take.facts?.height ?? null,
			costInUsd: take.costUsd ?? 0,
			qc: take.qc === null ? null : {score: take.qc.score, flags: take.qc.flags.map((flag) => flag.code)},
			usedIn: used ? [...used.videos].sort() : [],
			usedSeconds: used ? round(used.seconds, 3) : 0,
		};
	}),
});

/** The `stats --json` document. */
export const statsJson = (stats: Omit<StatsJson, 'version'>): StatsJson => ({version: JSON_OUTPUT_VERSION, ...stats});

const loudnessJson = (measurement: LoudnessMeasurement): LoudnessJson => ({integratedInLufs: round(measurement.integratedLufs, 2), loudnessRangeInLu: round(measurement.loudnessRangeLu, 2), truePeakInDbtp: round(measurement.truePeakDbtp, 2)});

/** One rendered file as `render --json` reports it; paths relative to `cwd`. */
export const renderedVideoJson = ({rendered, id, timeline, deliverable, cwd, sizeInBytes}: {readonly rendered: RenderedVideo; readonly id: string; readonly timeline: ResolvedTimeline; readonly deliverable: string | null; readonly cwd: string; readonly sizeInBytes: number}): RenderedVideoJson => {
	const {loudness} = rendered.delivery;
	const relative = (file: string): string => path.relative(cwd, file);
	const common = {
		id,
		deliverable,
		output: relative(rendered.outputPath),
		engine: rendered.engine,
		width: timeline.width,
		height: timeline.height,
		sizeInBytes,
		sidecars: [...rendered.sidecars, ...rendered.delivery.files].map(relative),
		loudness:
			loudness === null
				? null
				: {targetInLufs: loudness.target.targetLufs, truePeakCeilingInDbtp: loudness.target.truePeakCeilingDbtp, before: loudnessJson(loudness.before), after: loudnessJson(loudness.after), gainInDb: round(loudness.gainDb, 2)},
		warnings: rendered.delivery.warnings,
	};
	if (rendered.engine === 'lambda') {
		return {...common, frames: null, wallInSeconds: round(rendered.wallInSeconds, 2), chunks: null, costInUsd: rendered.costInUsd};
	}
	if (rendered.engine === 'remotion') {
		const {summary} = rendered;
		return {...common, frames: summary.frames, wallInSeconds: round(summary.wallInSeconds, 2), chunks: null, costInUsd: null};
	}
	const {summary} = rendered;
	return {
		...common,
		frames: summary.frames,
		wallInSeconds: round(summary.wallInSeconds, 2),
		chunks: {total: summary.chunks, rendered: summary.renderedChunks, fromCache: summary.chunks - summary.renderedChunks, directFrames: summary.breakdown.directFrames, browserFrames: summary.breakdown.browserFrames},
		costInUsd: null,
	};
};

/** The `render --json` document. */
export const renderJson = (videos: readonly RenderedVideoJson[]): RenderJson => ({version: JSON_OUTPUT_VERSION, videos});

/** A document as printed: pretty JSON and a newline. */
export const printJson = (document: unknown): string => `${JSON.stringify(document, null, 2)}\n`;
