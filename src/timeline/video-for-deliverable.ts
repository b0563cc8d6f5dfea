import type {Deliverable, Video} from '../schemas/video-schema.ts';
import {defaultLyricFontSizeInPx} from './place-lyrics.ts';

/** The id of a deliverable's compiled timeline: the video's id and the deliverable's, as its file is named. */
export const deliverableTimelineId = (videoId: string, deliverableId: string): string => `${videoId}.${deliverableId}`;

/**
 * The video as one of its deliverables draws it: the same sections, shots and timing at the deliverable's size.
 * Lyric sizes follow the frame's short side (a 48 px line at 1280×720 is 72 px at 1080×1920), so a line takes the same
 * share of the narrow side in every shape; lines wrap inside the frame's width less its margins (the lyric view's
 * padding is relative to the frame). Shots keep their focus point in frame through `visual.focus`.
 */
export const videoForDeliverable = (video: Video, deliverable: Deliverable): Video => {
	const scale = Math.min(deliverable.width, deliverable.height) / Math.min(video.width, video.height);
	const scaled = (pixels: number): number => Math.max(1, Math.round(pixels * scale));
	return {
		...video,
		id: deliverableTimelineId(video.id, deliverable.id),
		width: deliverable.width,
		height: deliverable.height,
		deliverables: [],
		defaults: {...video.defaults, lyrics: {...video.defaults.lyrics, fontSizeInPx: scaled(video.defaults.lyrics.fontSizeInPx ?? defaultLyricFontSizeInPx(video.height))}},
		sections: Object.fromEntries(
			Object.entries(video.sections).map(([id, plan]) => [id, plan.lyrics?.fontSizeInPx === undefined ? plan : {...plan, lyrics: {...plan.lyrics, fontSizeInPx: scaled(plan.lyrics.fontSizeInPx)}}]),
		),
	};
};
