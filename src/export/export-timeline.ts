import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {writeFileAtomically} from '../media/write-file-atomically.ts';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';
import {buildEditPlan, type ClipSize} from './edit-plan.ts';
import {serializeEdl} from './serialize-edl.ts';
import {serializeFcpxml} from './serialize-fcpxml.ts';
import {serializeOtio} from './serialize-otio.ts';

/** The hand-off formats: OpenTimelineIO JSON, Final Cut Pro XML 1.9, CMX 3600 EDL. */
export const EXPORT_FORMATS = ['otio', 'fcpxml', 'edl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file extension of each format. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {otio: '.otio', fcpxml: '.fcpxml', edl: '.edl'};

/**
 * Serializes a timeline in one format; media paths under `publicDir` become absolute file URLs (OTIO, FCPXML) or file names
 * (EDL). `clipSizes` (probed, by path under public/) lets OTIO and FCPXML place each reframed clip in the frame.
 */
export const serializeTimeline = ({timeline, format, publicDir, downbeatFrames = [], clipSizes = {}}: {readonly timeline: ResolvedTimeline; readonly format: ExportFormat; readonly publicDir: string; readonly downbeatFrames?: readonly number[]; readonly clipSizes?: Readonly<Record<string, ClipSize>>}): string => {
	const plan = buildEditPlan({timeline, downbeatFrames, clipSizes});
	const mediaUrl = (src: string): string => pathToFileURL(path.join(publicDir, src)).href;
	switch (format) {
		case 'otio':
			return serializeOtio({plan, mediaUrl});
		case 'fcpxml':
			return serializeFcpxml({plan, mediaUrl});
		case 'edl':
			return serializeEdl({plan, clipName: (src) => path.basename(src)});
	}
};

/** Writes a timeline as an edit an NLE opens, atomically, and returns the path. */
export const exportTimeline = async (options: {readonly timeline: ResolvedTimeline; readonly format: ExportFormat; readonly publicDir: string; readonly outputPath: string; readonly downbeatFrames?: readonly number[]; readonly clipSizes?: Readonly<Record<string, ClipSize>>}): Promise<string> => {
	await writeFileAtomically(options.outputPath, serializeTimeline(options));
	return options.outputPath;
};
