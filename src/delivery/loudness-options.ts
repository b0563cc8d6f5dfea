import {SongreelInputError} from '../problems/problem.ts';
import type {LoudnessTarget} from '../music/loudness/normalize-loudness.ts';
import type {Video} from '../schemas/video-schema.ts';
import type {DeliveryOptions} from './deliver-render.ts';
import {deliveryMessages as m} from './messages.ts';

/** The default true-peak ceiling, dBTP: what YouTube, Spotify and EBU R128 streaming delivery ask for. */
export const DEFAULT_TRUE_PEAK_CEILING_DBTP = -1;

const numberIn = (value: string, min: number, max: number): number | null => {
	const parsed = Number(value.trim());
	return value.trim() !== '' && Number.isFinite(parsed) && parsed >= min && parsed <= max ? parsed : null;
};

/**
 * Reads `--loudness <LUFS>` and `--true-peak-ceiling <dBTP>` as given on the command line (strings, or undefined when
 * absent); null when no target was asked for, so the song is delivered untouched. Throws one problem per bad option.
 */
export const parseLoudnessOptions = ({loudness, truePeakCeiling}: {readonly loudness?: string | undefined; readonly truePeakCeiling?: string | undefined}): LoudnessTarget | null => {
	if (loudness === undefined) {
		if (truePeakCeiling !== undefined) {
			throw new SongreelInputError([m.ceilingWithoutTarget()]);
		}
		return null;
	}
	const targetLufs = numberIn(loudness, -70, 0);
	const ceiling = truePeakCeiling === undefined ? DEFAULT_TRUE_PEAK_CEILING_DBTP : numberIn(truePeakCeiling, -20, 0);
	const problems = [...(targetLufs === null ? [m.loudnessTargetOutOfRange(loudness)] : []), ...(ceiling === null ? [m.ceilingOutOfRange(truePeakCeiling ?? '')] : [])];
	if (problems.length > 0) {
		throw new SongreelInputError(problems);
	}
	return {targetLufs: targetLufs as number, truePeakCeilingDbtp: ceiling as number};
};

/** Options whose values are usually negative numbers. */
export const NEGATIVE_NUMBER_OPTIONS = ['--loudness', '--true-peak-ceiling'] as const;

/**
 * Joins `--loudness -14` into `--loudness=-14`: node's parseArgs reads a value that starts with a dash as a forgotten
 * argument and refuses it, and loudness targets are negative.
 */
export const joinNegativeNumberValues = (argv: readonly string[], names: readonly string[] = NEGATIVE_NUMBER_OPTIONS): string[] => {
	const joined: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] as string;
		const next = argv[i + 1];
		if (names.includes(arg) && next !== undefined && /^-(\d|\.\d)/.test(next)) {
			joined.push(`${arg}=${next}`);
			i++;
		} else {
			joined.push(arg);
		}
	}
	return joined;
};

/** Reads `--c2pa-cert <chain.pem>` and `--c2pa-key <key.pem>`: both or neither. */
export const parseC2paOptions = ({cert, key}: {readonly cert?: string | undefined; readonly key?: string | undefined}): {certificatePath: string; privateKeyPath: string} | null => {
	if (cert === undefined && key === undefined) {
		return null;
	}
	if (cert === undefined || key === undefined) {
		throw new SongreelInputError([m.c2paNeedsBoth()]);
	}
	return {certificatePath: cert, privateKeyPath: key};
};

/**
 * One video's delivery: the command line's, with the video's own loudness setting where no `--loudness` was given (the
 * option overrides the file) and its sections' `title`s for chapters.
 */
export const videoDelivery = (commandLine: DeliveryOptions, video: Pick<Video, 'loudness' | 'sections'>): DeliveryOptions => {
	const titles = Object.fromEntries(Object.entries(video.sections).flatMap(([id, plan]) => (plan.title === undefined ? [] : [[id, plan.title] as const])));
	return {
		...commandLine,
		loudness: commandLine.loudness ?? (video.loudness === undefined ? null : {targetLufs: video.loudness.targetLufs, truePeakCeilingDbtp: video.loudness.truePeakCeilingDbtp}),
		...(Object.keys(titles).length === 0 ? {} : {chapterTitles: {...titles, ...commandLine.chapterTitles}}),
	};
};
