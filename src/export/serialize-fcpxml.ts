// Pure: an edit plan as Final Cut Pro XML 1.9 (.fcpxml), which Final Cut Pro, Resolve and Premiere (by plug-in) read. No IO here.
import type {EditPlan, EditReframe} from './edit-plan.ts';

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** FCPXML's rational seconds: `75/30s`; frames may be fractional at a speed change, so they are scaled to whole ticks. */
export const framesToFcpxmlTime = (frames: number, fps: number): string => {
	if (frames === 0) {
		return '0s';
	}
	// 1000 ticks a frame keeps a 1.5× speed exact; whole frames stay in the usual N/fps form.
	const [numerator, denominator] = Number.isInteger(frames) ? [frames, fps] : [Math.round(frames * 1000), fps * 1000];
	return `${numerator}/${denominator}s`;
};

// Final Cut's built-in Cross Dissolve; its other transitions are Motion templates whose ids depend on the installation.
const CROSS_DISSOLVE = {name: 'Cross Dissolve', uid: 'FxPlug:4731E73A-8DAC-4113-9A30-AE85B1761265'};

/** An offset in pixels as FCPXML positions take it: percent of the frame's height, y up. */
const toPosition = (offsetXInPx: number, offsetYInPx: number, frameHeight: number): string => {
	const round = (value: number): number => Math.round(value * 10_000) / 10_000 || 0;
	return `${round((offsetXInPx / frameHeight) * 100)} ${round((-offsetYInPx / frameHeight) * 100)}`;
};

/**
 * A clip's reframing as FCPXML adjustments: `adjust-conform` fill (cover) or fit (contain), then `adjust-transform` moving
 * the conformed clip so its focus point stays where songreel draws it (keyframed in the clip's local time when the focus
 * moves). Without the clip's size only the conform is written. Order as the DTD wants: after timeMap, before anchored clips.
 */
const reframeElements = ({reframe, frameHeight, localTime}: {readonly reframe: EditReframe; readonly frameHeight: number; readonly localTime: (frame: number) => string}): string[] => {
	const conform = `          <adjust-conform type="${reframe.fit === 'cover' ? 'fill' : 'fit'}"/>`;
	const placed = reframe.keys.flatMap((key) => (key.placement === null ? [] : [{frame: key.frame, position: toPosition(key.placement.centreOffsetXInPx, key.placement.centreOffsetYInPx, frameHeight)}]));
	if (placed.length === 0 || placed.every((key) => key.position === '0 0')) {
		return [conform];
	}
	if (placed.length === 1) {
		return [conform, `          <adjust-transform position="${placed[0]?.position}"/>`];
	}
	return [
		conform,
		'          <adjust-transform>',
		'            <param name="position">',
		'              <keyframeAnimation>',
		...placed.map((key) => `                <keyframe time="${localTime(key.frame)}" value="${key.position}"/>`),
		'              </keyframeAnimation>',
		'            </param>',
		'          </adjust-transform>',
	];
};

/**
 * Serializes an edit plan as FCPXML 1.9: one format, one asset per clip and for the song, a project whose spine holds the
 * picture events (asset-clips, gaps, transitions between them) and the song as an audio clip connected below the first,
 * carrying chapter markers at section starts and markers for downbeats and lyric lines. A speed change or a held frame is a
 * `timeMap`. Every transition is Final Cut's Cross Dissolve, named after songreel's (fade, wipe, slide, flip, iris,
 * clockWipe): its other transitions are Motion templates whose ids vary by installation. The format's size is the
 * timeline's (a deliverable's); each clip's fit and focus are its `adjust-conform` and `adjust-transform` position.
 */
export const serializeFcpxml = ({plan, mediaUrl}: {readonly plan: EditPlan; readonly mediaUrl: (src: string) => string}): string => {
	const fps = plan.fps;
	const t = (frames: number): string => framesToFcpxmlTime(frames, fps);
	const sources = [...new Set(plan.events.flatMap((event) => (event.src === null ? [] : [event.src])))];
	const assetId = new Map(sources.map((src, i) => [src, `a${i + 1}`]));
	// How much of each clip the edit reaches, handles for transitions included: the asset's duration at least.
	const reach = new Map<string, number>();
	for (const [index, event] of plan.events.entries()) {
		if (event.src === null) {
			continue;
		}
		const handle = plan.events[index + 1]?.transitionIn?.durationInFrames ?? 0;
		const end = event.speed === 0 ? event.sourceInFrame + 1 : event.sourceInFrame + (event.recordOutFrame - event.recordInFrame + handle) * event.speed;
		reach.set(event.src, Math.max(reach.get(event.src) ?? 0, Math.ceil(end)));
	}
	const anyTransition = plan.events.some((event, index) => event.transitionIn !== null && index > 0);
	// Each clip's own size is its asset's format (the conform scales it into the sequence's); unknown sizes use the sequence's.
	const sizeOf = new Map<string, string>(plan.events.flatMap((event) => (event.src === null || event.reframe?.clipWidth == null || event.reframe.clipHeight == null ? [] : [[event.src, `${event.reframe.clipWidth}x${event.reframe.clipHeight}`] as const])));
	const clipFormats = [...new Set(sizeOf.values())].filter((size) => size !== `${plan.width}x${plan.height}`);
	const formatOf = (src: string): string => {
		const index = clipFormats.indexOf(sizeOf.get(src) ?? '');
		return index === -1 ? 'r0' : `f${index + 1}`;
	};
	const resources = [
		`    <format id="r0" name="songreel ${plan.width}x${plan.height} ${fps}p" frameDuration="${t(1)}" width="${plan.width}" height="${plan.height}"/>`,
		...clipFormats.map((size, index) => {
			const [width, height] = size.split('x');
			return `    <format id="f${index + 1}" name="clip ${size}" frameDuration="${t(1)}" width="${width}" height="${height}"/>`;
		}),
		...sources.map((src) => `    <asset id="${assetId.get(src)}" name="${escapeXml(src.split('/').at(-1) ?? src)}" src="${escapeXml(mediaUrl(src))}" start="0s" duration="${t(reach.get(src) ?? 1)}" hasVideo="1" format="${formatOf(src)}"/>`),
		`    <asset id="song" name="${escapeXml(plan.song.src.split('/').at(-1) ?? plan.song.src)}" src="${escapeXml(mediaUrl(plan.song.src))}" start="0s" duration="${t(plan.song.durationInFrames)}" hasAudio="1" audioSources="1" audioChannels="2"/>`,
		...(anyTransition ? [`    <effect id="e1" name="${CROSS_DISSOLVE.name}" uid="${CROSS_DISSOLVE.uid}"/>`] : []),
	];
	const markers = plan.markers.map((marker) =>
		marker.kind === 'section'
			? `          <chapter-marker start="${t(marker.frame)}" duration="${t(1)}" value="${escapeXml(marker.name)}" posterOffset="0s"/>`
			: `          <marker start="${t(marker.frame)}" duration="${t(Math.max(1, marker.durationInFrames))}" value="${escapeXml(marker.kind === 'downbeat' ? marker.name : `lyric: ${marker.name}`)}"/>`,
	);
	const spine: string[] = [];
	for (const [index, event] of plan.events.entries()) {
		const transition = event.transitionIn;
		if (transition !== null && index > 0) {
			spine.push(`        <transition name="${escapeXml(transition.type)}" offset="${t(transition.startFrame)}" duration="${t(transition.durationInFrames)}">`, `          <filter-video ref="e1" name="${CROSS_DISSOLVE.name}"/>`, '        </transition>');
		}
		const duration = event.recordOutFrame - event.recordInFrame;
		const song = index === 0 ? [`          <asset-clip ref="song" lane="-1" offset="${t(event.src === null || event.speed !== 1 ? 0 : event.sourceInFrame)}" name="song" start="0s" duration="${t(plan.song.durationInFrames)}" audioRole="dialogue">`, ...markers, '          </asset-clip>'] : [];
		if (event.src === null) {
			spine.push(`        <gap name="${escapeXml(`${event.name} (${event.gapReason ?? 'gap'})`)}" offset="${t(event.recordInFrame)}" start="0s" duration="${t(duration)}">`, ...song, '        </gap>');
			continue;
		}
		const retimed = event.speed !== 1;
		// A retimed clip's local time starts at 0; its timeMap maps local time to the source.
		const start = retimed ? 0 : event.sourceInFrame;
		const timeMap = retimed
			? [
					'          <timeMap>',
					`            <timept time="0s" value="${t(event.sourceInFrame)}" interp="${event.speed === 0 ? 'hold' : 'linear'}"/>`,
					`            <timept time="${t(duration)}" value="${t(event.sourceInFrame + duration * event.speed)}" interp="linear"/>`,
					'          </timeMap>',
				]
			: [];
		const reframe = event.reframe === null ? [] : reframeElements({reframe: event.reframe, frameHeight: plan.height, localTime: (frame) => t(start + frame - event.recordInFrame)});
		spine.push(`        <asset-clip ref="${assetId.get(event.src)}" name="${escapeXml(event.name)}" offset="${t(event.recordInFrame)}" start="${t(start)}" duration="${t(duration)}" format="${formatOf(event.src)}" tcFormat="NDF">`, ...timeMap, ...reframe, ...song, '        </asset-clip>');
	}
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<!DOCTYPE fcpxml>',
		'<fcpxml version="1.9">',
		'  <resources>',
		...resources,
		'  </resources>',
		'  <library>',
		'    <event name="songreel">',
		`      <project name="${escapeXml(plan.name)}">`,
		`        <sequence format="r0" duration="${t(plan.durationInFrames)}" tcStart="0s" tcFormat="NDF" audioLayout="stereo" audioRate="48k">`,
		'      <spine>',
		...spine,
		'      </spine>',
		'        </sequence>',
		'      </project>',
		'    </event>',
		'  </library>',
		'</fcpxml>',
		'',
	].join('\n');
};
