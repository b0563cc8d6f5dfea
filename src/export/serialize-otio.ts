// Pure: an edit plan as OpenTimelineIO JSON (.otio). No IO here.
import type {EditMarker, EditPlan, EditReframe} from './edit-plan.ts';

const rationalTime = (value: number, rate: number) => ({OTIO_SCHEMA: 'RationalTime.1', rate, value});
const timeRange = (start: number, duration: number, rate: number) => ({OTIO_SCHEMA: 'TimeRange.1', duration: rationalTime(duration, rate), start_time: rationalTime(start, rate)});

const MARKER_COLORS: Record<EditMarker['kind'], string> = {section: 'RED', downbeat: 'GREEN', lyric: 'PURPLE'};

/** OTIO's names for transitions: a fade is the SMPTE dissolve; the others are kept by name as custom transitions. */
const transitionType = (type: string): string => (type === 'fade' ? 'SMPTE_Dissolve' : 'Custom_Transition');

/** The effect name of a clip's reframing (fit and focus) in OTIO. */
export const REFRAME_EFFECT = 'songreel.Reframe';

// A clip's reframing as plain numbers: keys count frames from the clip's first frame on the timeline; offsets are of the
// clip's centre from the frame's centre in timeline pixels, x right, y down.
const reframeMetadata = (reframe: EditReframe, recordInFrame: number) => ({
	fit: reframe.fit,
	clipWidth: reframe.clipWidth,
	clipHeight: reframe.clipHeight,
	keys: reframe.keys.map((key) => ({
		frameInClip: key.frame - recordInFrame,
		focusXPercent: key.xPercent,
		focusYPercent: key.yPercent,
		...(key.placement === null ? {} : {scale: key.placement.scale, centreOffsetXInPx: key.placement.centreOffsetXInPx, centreOffsetYInPx: key.placement.centreOffsetYInPx}),
	})),
});

/**
 * Serializes an edit plan as an OTIO Timeline (schema names and fields of OpenTimelineIO 0.15+): a video track of clips,
 * gaps and transitions, an audio track with the song, markers on the stack. A clip's `source_range` starts at its
 * source in point and lasts as long as it plays on the timeline; a speed change is a LinearTimeWarp effect, a held
 * frame a FreezeFrame; its reframing (fit, focus, placement) is `metadata.songreel.reframe` and a `songreel.Reframe` effect.
 * The timeline's frame size is `metadata.songreel.width`/`height`. `mediaUrl` turns a path under public/ into the URL written as `target_url`.
 */
export const serializeOtio = ({plan, mediaUrl}: {readonly plan: EditPlan; readonly mediaUrl: (src: string) => string}): string => {
	const rate = plan.fps;
	const children: unknown[] = [];
	for (const event of plan.events) {
		const previous = children.at(-1) as {OTIO_SCHEMA?: string} | undefined;
		if (event.transitionIn !== null && previous !== undefined && previous.OTIO_SCHEMA !== 'Transition.1') {
			const t = event.transitionIn;
			children.push({
				OTIO_SCHEMA: 'Transition.1',
				metadata: {songreel: {type: t.type, direction: t.direction}},
				name: t.type,
				transition_type: transitionType(t.type),
				in_offset: rationalTime(t.cutFrame - t.startFrame, rate),
				out_offset: rationalTime(t.startFrame + t.durationInFrames - t.cutFrame, rate),
			});
		}
		const duration = event.recordOutFrame - event.recordInFrame;
		const metadata = {songreel: {shot: event.shotId, section: event.sectionId, recordInFrame: event.recordInFrame, recordOutFrame: event.recordOutFrame, ...(event.gapReason === null ? {} : {stands_for: event.gapReason})}};
		if (event.src === null) {
			children.push({OTIO_SCHEMA: 'Gap.1', metadata, name: event.name, source_range: timeRange(0, duration, rate), effects: [], markers: [], enabled: true});
			continue;
		}
		const timeEffects = event.speed === 0 ? [{OTIO_SCHEMA: 'FreezeFrame.1', metadata: {}, name: 'freeze', effect_name: 'FreezeFrame', time_scalar: 0}] : event.speed === 1 ? [] : [{OTIO_SCHEMA: 'LinearTimeWarp.1', metadata: {}, name: `speed ${event.speed}`, effect_name: 'LinearTimeWarp', time_scalar: event.speed}];
		const reframe = event.reframe === null ? null : reframeMetadata(event.reframe, event.recordInFrame);
		// OTIO has no schema for a spatial transform: the reframing is a generic Effect (songreel.Reframe) carrying the same
		// numbers as the clip's metadata, so a pipeline that reads effects finds it where it looks.
		const effects = reframe === null ? timeEffects : [...timeEffects, {OTIO_SCHEMA: 'Effect.1', metadata: {songreel: reframe}, name: 'reframe', effect_name: REFRAME_EFFECT}];
		children.push({
			OTIO_SCHEMA: 'Clip.2',
			metadata: reframe === null ? metadata : {songreel: {...metadata.songreel, reframe}},
			name: event.name,
			source_range: timeRange(event.sourceInFrame, duration, rate),
			effects,
			markers: [],
			enabled: true,
			media_references: {DEFAULT_MEDIA: {OTIO_SCHEMA: 'ExternalReference.1', metadata: {songreel: {src: event.src}}, name: event.src.split('/').at(-1) ?? event.src, available_range: null, available_image_bounds: null, target_url: mediaUrl(event.src)}},
			active_media_reference_key: 'DEFAULT_MEDIA',
		});
	}
	const track = (name: string, kind: 'Video' | 'Audio', items: unknown[]) => ({OTIO_SCHEMA: 'Track.1', metadata: {}, name, source_range: null, effects: [], markers: [], enabled: true, children: items, kind});
	const song = {
		OTIO_SCHEMA: 'Clip.2',
		metadata: {songreel: {song: true}},
		name: plan.song.src.split('/').at(-1) ?? plan.song.src,
		source_range: timeRange(0, plan.song.durationInFrames, rate),
		effects: [],
		markers: [],
		enabled: true,
		media_references: {DEFAULT_MEDIA: {OTIO_SCHEMA: 'ExternalReference.1', metadata: {songreel: {src: plan.song.src}}, name: plan.song.src, available_range: null, available_image_bounds: null, target_url: mediaUrl(plan.song.src)}},
		active_media_reference_key: 'DEFAULT_MEDIA',
	};
	const markers = plan.markers.map((marker) => ({OTIO_SCHEMA: 'Marker.2', metadata: {songreel: {kind: marker.kind}}, name: marker.name, color: MARKER_COLORS[marker.kind], comment: '', marked_range: timeRange(marker.frame, marker.durationInFrames, rate)}));
	const timeline = {
		OTIO_SCHEMA: 'Timeline.1',
		metadata: {songreel: {width: plan.width, height: plan.height, durationInFrames: plan.durationInFrames}},
		name: plan.name,
		global_start_time: rationalTime(0, rate),
		tracks: {OTIO_SCHEMA: 'Stack.1', metadata: {}, name: 'tracks', source_range: null, effects: [], markers, enabled: true, children: [track('V1', 'Video', children), track('A1', 'Audio', [song])]},
	};
	return `${JSON.stringify(timeline, null, 4)}\n`;
};
