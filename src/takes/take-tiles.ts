import type {Registry} from './take-schema.ts';

/** One take as the review views show it. */
export type TakeTile = {
	readonly id: string;
	readonly src: string;
	readonly label: string;
	/** Frames (at the review's fps) at which the contact sheet samples this take; frame 0 first when the take started from an image. */
	readonly sheetFrames: readonly number[];
	/** The image the take started from (under public/): the previous shot's last frame for a continuing shot, or a reference image. */
	readonly startImage: string | null;
	readonly startImageLabel: string | null;
};

const SHEET_STILLS = 5;

// Start frames taken from the previous shot are written as takes/<shot>/start-<hash>.png (see plan-slots.ts).
const isContinuityStart = (image: string): boolean => /^takes\/[^/]+\/start-[0-9a-f]+\.png$/.test(image);

/**
 * The review tiles of a shot's complete takes: label (picked, rating, rejected), the frames the contact sheet shows
 * and the image the take started from, so a continuing shot's takes are seen beside the frame they continue.
 */
export const takeTilesOf = (registry: Registry, shotId: string, fps: number): TakeTile[] =>
	registry.takes
		.filter((take) => take.shotId === shotId && take.status === 'complete' && take.file !== null)
		.map((take) => {
			const frames = Math.max(1, Math.floor((take.facts?.durationInSeconds ?? 1) * fps));
			const flags = [registry.picks[take.shotId] === take.id ? 'picked' : null, take.rating ? `${take.rating}/5` : null, take.rejectedReason !== null ? 'rejected' : null].filter(Boolean);
			const startImage = take.params.referenceImage;
			// Stills spread over the take, avoiding its very first and last frames; a take that started from an image
			// also shows its first frame, to compare with that image.
			const spread = Array.from({length: SHEET_STILLS}, (_, i) => Math.floor(((i + 0.5) / SHEET_STILLS) * (frames - 1)));
			return {
				id: take.id,
				src: take.file as string,
				label: `${take.id}${flags.length > 0 ? ` · ${flags.join(' · ')}` : ''}`,
				sheetFrames: startImage === null ? spread : [0, ...spread.slice(1)],
				startImage,
				startImageLabel: startImage === null ? null : isContinuityStart(startImage) ? 'previous shot, last frame' : 'reference image',
			};
		});
