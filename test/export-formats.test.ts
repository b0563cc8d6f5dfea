// The NLE hand-off, read back by readers written here: no OpenTimelineIO reader can be installed on this machine
// (PyPI is out of reach, Debian has no package, npm has none), so each format is checked against its published structure
// and every frame of every shot is compared with the compiled timeline.
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {buildEditPlan} from '../src/export/edit-plan.ts';
import {downbeatFrames} from '../src/export/downbeat-frames.ts';
import {exportTimeline, serializeTimeline} from '../src/export/export-timeline.ts';
import {framesToTimecode} from '../src/export/serialize-edl.ts';
import {deliveryMessages as m} from '../src/delivery/messages.ts';
import {formatProblem, SongreelInputError} from '../src/problems/problem.ts';
import {songSchema} from '../src/schemas/song-schema.ts';
import {videoSchema} from '../src/schemas/video-schema.ts';
import {clipTimeInSecondsAt} from '../src/draw/clip-source-frame.ts';
import {compileTimeline} from '../src/timeline/compile-timeline.ts';
import type {ResolvedShot, ResolvedTimeline} from '../src/timeline/resolved-timeline.ts';
import project from '../remotion/compositions.ts';
import {focusAt, isCentredFocus} from '../src/draw/focus-at.ts';
import {validateProject} from '../src/schemas/validate-project.ts';
import {videoForDeliverable} from '../src/timeline/video-for-deliverable.ts';
import {demoFacts, demoTimeline} from './demo-facts.ts';

const PUBLIC = '/project/public';

/** A timeline with every kind of shot: a loop, a freeze, a speed change, a fade, a filler section, and a shot of a kind added later. */
const mixedTimeline = (): ResolvedTimeline => {
	const {timeline} = compileTimeline({
		song: songSchema.parse({audio: 'song.wav', tempo: {bpm: 120}, sections: [{id: 'verse'}, {id: 'chorus', start: '3'}, {id: 'bridge', start: '5'}]}),
		video: videoSchema.parse({
			id: 'Mixed',
			sections: {
				verse: {shots: [{clip: 'short.mp4', onShortClip: 'loop', lengthInBars: 1}, {clip: 'short.mp4', onShortClip: 'freeze', clipStartInSeconds: 0.5}]},
				chorus: {transitionIn: {type: 'fade', lengthInBeats: 1}, shots: [{clip: 'a.mp4', speed: 1.5, lengthInBeats: 2}, {clip: 'a.mp4', clipStartInSeconds: 2}]},
				bridge: {filler: '#112233'},
			},
		}),
		facts: {song: {durationInSeconds: 12}, clips: {'short.mp4': {durationInSeconds: 1.2, width: 640, height: 360, fps: 30}, 'a.mp4': {durationInSeconds: 20, width: 640, height: 360, fps: 24}}},
		file: 'remotion/compositions.ts',
	});
	// A shot kind the exporter has never heard of must become a gap, not a crash.
	const last = timeline.shots.at(-1) as ResolvedShot;
	return {...timeline, shots: [...timeline.shots.slice(0, -1), {...last, visual: {kind: 'component', component: 'Lissajous'} as unknown as ResolvedShot['visual']}]};
};

/** What the timeline shows at each frame of a shot's slot: the clip time in seconds, or null for a gap. */
const expectedClipTimes = (timeline: ResolvedTimeline): Map<number, {src: string | null; seconds: number | null}> => {
	const frames = new Map<number, {src: string | null; seconds: number | null}>();
	for (const shot of timeline.shots) {
		for (let frame = shot.cutInFrame; frame < shot.cutOutFrame; frame++) {
			if (shot.visual.kind !== 'clip') {
				frames.set(frame, {src: null, seconds: null});
				continue;
			}
			const segment = shot.visual.segments.find((s) => frame >= shot.fromFrame + s.fromFrame && frame < shot.fromFrame + s.fromFrame + s.durationInFrames);
			if (segment === undefined) {
				throw new Error(`no segment at ${frame}`);
			}
			const seconds = segment.kind === 'freeze' ? segment.trimBeforeInFrames / timeline.fps : clipTimeInSecondsAt({timing: {sequenceStartFrame: shot.fromFrame + segment.fromFrame, trimBeforeInFrames: segment.trimBeforeInFrames, playbackRate: segment.playbackRate}, frame, fps: timeline.fps});
			frames.set(frame, {src: shot.visual.src, seconds});
		}
	}
	return frames;
};

// --- OTIO: the schema names and fields OpenTimelineIO 0.15+ serializes, and a reader of the video track. ---
const OTIO_FIELDS: Record<string, readonly string[]> = {
	'Timeline.1': ['name', 'metadata', 'global_start_time', 'tracks'],
	'Stack.1': ['name', 'metadata', 'source_range', 'effects', 'markers', 'enabled', 'children'],
	'Track.1': ['name', 'metadata', 'source_range', 'effects', 'markers', 'enabled', 'children', 'kind'],
	'Clip.2': ['name', 'metadata', 'source_range', 'effects', 'markers', 'enabled', 'media_references', 'active_media_reference_key'],
	'Gap.1': ['name', 'metadata', 'source_range', 'effects', 'markers', 'enabled'],
	'Transition.1': ['name', 'metadata', 'transition_type', 'in_offset', 'out_offset'],
	'ExternalReference.1': ['name', 'metadata', 'available_range', 'target_url'],
	'Marker.2': ['name', 'metadata', 'color', 'marked_range', 'comment'],
	'RationalTime.1': ['rate', 'value'],
	'TimeRange.1': ['start_time', 'duration'],
	'LinearTimeWarp.1': ['name', 'metadata', 'effect_name', 'time_scalar'],
	'FreezeFrame.1': ['name', 'metadata', 'effect_name', 'time_scalar'],
	'Effect.1': ['name', 'metadata', 'effect_name'],
};
const OTIO_TRANSITION_TYPES = ['SMPTE_Dissolve', 'Custom_Transition'];
const OTIO_MARKER_COLORS = ['PINK', 'RED', 'ORANGE', 'YELLOW', 'GREEN', 'CYAN', 'BLUE', 'PURPLE', 'MAGENTA', 'BLACK', 'WHITE'];

type OtioObject = {OTIO_SCHEMA: string; [key: string]: unknown};
type Time = {value: number; rate: number};
type Range = {start_time: Time; duration: Time};

const checkOtioSchemas = (value: unknown, at = '$'): string[] => {
	if (Array.isArray(value)) {
		return value.flatMap((item, i) => checkOtioSchemas(item, `${at}[${i}]`));
	}
	if (value === null || typeof value !== 'object') {
		return [];
	}
	const object = value as Record<string, unknown>;
	const problems: string[] = [];
	if ('OTIO_SCHEMA' in object) {
		const fields = OTIO_FIELDS[object.OTIO_SCHEMA as string];
		if (fields === undefined) {
			problems.push(`${at}: unknown schema ${String(object.OTIO_SCHEMA)}`);
		} else {
			problems.push(...fields.filter((field) => !(field in object)).map((field) => `${at}: ${String(object.OTIO_SCHEMA)} lacks ${field}`));
		}
	}
	for (const [key, child] of Object.entries(object)) {
		if (key !== 'metadata') {
			problems.push(...checkOtioSchemas(child, `${at}.${key}`));
		}
	}
	return problems;
};

/** Reads the video track back: the clip time shown at every frame, and where transitions sit. */
const readOtio = (text: string) => {
	const timeline = JSON.parse(text) as OtioObject & {tracks: OtioObject & {children: (OtioObject & {kind: string; children: OtioObject[]})[]; markers: (OtioObject & {name: string; color: string; marked_range: Range})[]}};
	const video = timeline.tracks.children.find((track) => track.kind === 'Video');
	const audio = timeline.tracks.children.find((track) => track.kind === 'Audio');
	const frames = new Map<number, {src: string | null; seconds: number | null}>();
	const transitions: {cutFrame: number; startFrame: number; durationInFrames: number; name: string}[] = [];
	let position = 0;
	for (const item of video?.children ?? []) {
		if (item.OTIO_SCHEMA === 'Transition.1') {
			const t = item as unknown as {in_offset: Time; out_offset: Time; name: string; transition_type: string};
			expect(OTIO_TRANSITION_TYPES).toContain(t.transition_type);
			transitions.push({cutFrame: position, startFrame: position - t.in_offset.value, durationInFrames: t.in_offset.value + t.out_offset.value, name: t.name});
			continue;
		}
		const range = item.source_range as Range;
		const speed = ((item.effects as {time_scalar?: number}[] | undefined) ?? []).reduce((s, e) => s * (e.time_scalar ?? 1), 1);
		const url = item.OTIO_SCHEMA === 'Clip.2' ? ((item.media_references as Record<string, {target_url: string}>)[item.active_media_reference_key as string]?.target_url ?? null) : null;
		for (let i = 0; i < range.duration.value; i++) {
			frames.set(position + i, {src: url === null ? null : path.relative(PUBLIC, new URL(url).pathname), seconds: url === null ? null : (range.start_time.value + i * speed) / range.start_time.rate});
		}
		position += range.duration.value;
	}
	return {timeline, frames, transitions, length: position, audio, markers: timeline.tracks.markers};
};

// --- FCPXML: a small well-formedness check and reader; the DTD ships only inside Final Cut Pro, so the containment rules
// of FCPXML 1.9 that this file uses are checked here by hand. ---
type XmlElement = {name: string; attributes: Record<string, string>; children: XmlElement[]};

const parseXml = (text: string): XmlElement => {
	expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
	const body = text.replace(/^<\?xml[^>]*\?>\s*/, '').replace(/^<!DOCTYPE fcpxml>\s*/, '');
	const root: XmlElement = {name: '#document', attributes: {}, children: []};
	const stack: XmlElement[] = [root];
	const tag = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
	let match: RegExpExecArray | null;
	let consumed = 0;
	while ((match = tag.exec(body)) !== null) {
		consumed = tag.lastIndex;
		if (match[5] !== undefined) {
			expect(match[5].trim()).toBe('');
			continue;
		}
		const [, closing, name, attributeText, selfClosing] = match as unknown as [string, string, string, string, string];
		if (closing) {
			expect(stack.pop()?.name).toBe(name);
			continue;
		}
		const attributes: Record<string, string> = {};
		for (const [, key, value] of attributeText.matchAll(/([\w:-]+)="([^"]*)"/g)) {
			expect(key as string in attributes).toBe(false);
			expect(value).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
			attributes[key as string] = value as string;
		}
		const element: XmlElement = {name, attributes, children: []};
		(stack.at(-1) as XmlElement).children.push(element);
		if (!selfClosing) {
			stack.push(element);
		}
	}
	expect(consumed).toBe(body.length);
	expect(stack).toHaveLength(1);
	return root.children[0] as XmlElement;
};

// Which children FCPXML 1.9's DTD allows for the elements written here (a subset of the DTD, enough for this file).
const FCPXML_CHILDREN: Record<string, readonly string[]> = {
	fcpxml: ['resources', 'library'],
	resources: ['format', 'asset', 'effect'],
	library: ['event'],
	event: ['project'],
	project: ['sequence'],
	sequence: ['spine'],
	spine: ['asset-clip', 'gap', 'transition'],
	// In the DTD's order: timing (timeMap), then the video adjustments, then anchored clips and markers.
	'asset-clip': ['timeMap', 'adjust-conform', 'adjust-transform', 'asset-clip', 'marker', 'chapter-marker'],
	'adjust-conform': [],
	'adjust-transform': ['param'],
	param: ['keyframeAnimation'],
	keyframeAnimation: ['keyframe'],
	keyframe: [],
	gap: ['asset-clip'],
	transition: ['filter-video'],
	timeMap: ['timept'],
	format: [],
	asset: [],
	effect: [],
	marker: [],
	'chapter-marker': [],
	timept: [],
	'filter-video': [],
};
const FCPXML_REQUIRED: Record<string, readonly string[]> = {
	format: ['id'],
	asset: ['id', 'src'],
	effect: ['id', 'uid'],
	'asset-clip': ['ref', 'duration'],
	gap: ['duration'],
	transition: ['duration'],
	marker: ['start', 'value'],
	'chapter-marker': ['start', 'value'],
	timept: ['time', 'value'],
	sequence: ['format'],
	'filter-video': ['ref'],
	'adjust-conform': ['type'],
	param: ['name'],
	keyframe: ['time', 'value'],
};

const checkFcpxml = (element: XmlElement): string[] => [
	...(FCPXML_CHILDREN[element.name] === undefined ? [`unknown element ${element.name}`] : element.children.filter((child) => !FCPXML_CHILDREN[element.name]?.includes(child.name)).map((child) => `${child.name} inside ${element.name}`)),
	...(FCPXML_REQUIRED[element.name] ?? []).filter((attribute) => element.attributes[attribute] === undefined).map((attribute) => `${element.name} lacks ${attribute}`),
	...Object.entries(element.attributes)
		.filter(([key]) => ['offset', 'start', 'duration', 'time', 'frameDuration', 'posterOffset'].includes(key) || (element.name === 'timept' && key === 'value'))
		.filter(([, value]) => !/^(0|\d+(\/\d+)?)s$/.test(value))
		.map(([key, value]) => `${element.name} ${key}="${value}" is not a FCPXML time`),
	...element.children.flatMap(checkFcpxml),
];

const fcpxmlSeconds = (time: string): number => {
	const [numerator, denominator = '1'] = time.replace(/s$/, '').split('/');
	return Number(numerator) / Number(denominator);
};

// --- EDL: CMX 3600 event lines. ---
const EDL_EVENT = /^(\d{3})  (\S{1,8}) +(V|A|A2|AA|B) +(C|D|W\d{3}) +(\d{3}|   ) (\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d) (\d\d:\d\d:\d\d:\d\d)$/;
const timecodeToFrames = (timecode: string, fps: number): number => {
	const [h, m, s, f] = timecode.split(':').map(Number) as [number, number, number, number];
	return ((h * 60 + m) * 60 + s) * fps + f;
};

describe.each([
	['the demo', demoTimeline],
	['a timeline with a loop, a freeze, a speed change, a filler and an unknown shot kind', mixedTimeline],
])('exports of %s', (_name, makeTimeline) => {
	const timeline = makeTimeline();
	const expected = expectedClipTimes(timeline);
	const transitions = timeline.shots.filter((shot, i) => shot.transitionIn !== null && i > 0).map((shot) => shot.transitionIn);

	test('OTIO uses only OpenTimelineIO schema names with their fields, and shows the clip time of every frame', () => {
		const text = serializeTimeline({timeline, format: 'otio', publicDir: PUBLIC});
		const read = readOtio(text);
		expect(checkOtioSchemas(read.timeline)).toEqual([]);
		expect(read.length).toBe(timeline.durationInFrames);
		for (const [frame, shown] of expected) {
			const got = read.frames.get(frame);
			expect(got?.src, `frame ${frame}`).toBe(shown.src);
			if (shown.seconds !== null) {
				expect(got?.seconds as number).toBeCloseTo(shown.seconds, 6);
			}
		}
		expect(read.transitions.map(({cutFrame, startFrame, durationInFrames}) => ({cutFrame, startFrame, durationInFrames}))).toEqual(transitions.map((t) => ({cutFrame: t?.cutFrame, startFrame: t?.startFrame, durationInFrames: t?.durationInFrames})));
		expect(read.audio?.children).toHaveLength(1);
		expect(read.markers.every((marker) => OTIO_MARKER_COLORS.includes(marker.color))).toBe(true);
		expect(read.markers.filter((marker) => marker.color === 'RED').map((marker) => [marker.name, marker.marked_range.start_time.value])).toEqual(timeline.sections.map((s) => [s.id, s.startFrame]));
		expect(read.markers.filter((marker) => marker.color === 'PURPLE').map((marker) => [marker.name, marker.marked_range.start_time.value, marker.marked_range.duration.value])).toEqual(timeline.lyrics.map((l) => [l.text, l.startFrame, l.endFrame - l.startFrame]));
	});

	test('FCPXML is well-formed, keeps to FCPXML 1.9\'s containment, and its spine cuts and source times match the timeline', () => {
		const root = parseXml(serializeTimeline({timeline, format: 'fcpxml', publicDir: PUBLIC}));
		expect(root.name).toBe('fcpxml');
		expect(root.attributes.version).toBe('1.9');
		expect(checkFcpxml(root)).toEqual([]);
		const resources = root.children.find((c) => c.name === 'resources') as XmlElement;
		const assets = new Map(resources.children.filter((c) => c.name === 'asset').map((a) => [a.attributes.id, path.relative(PUBLIC, new URL(a.attributes.src as string).pathname)]));
		const spine = root.children[1]?.children[0]?.children[0]?.children[0]?.children[0] as XmlElement;
		expect(spine.name).toBe('spine');
		let position = 0;
		for (const item of spine.children) {
			const offset = Math.round(fcpxmlSeconds(item.attributes.offset as string) * timeline.fps);
			const duration = Math.round(fcpxmlSeconds(item.attributes.duration as string) * timeline.fps);
			if (item.name === 'transition') {
				const t = transitions.find((tr) => tr?.startFrame === offset);
				expect(t?.durationInFrames).toBe(duration);
				continue;
			}
			// Clips and gaps follow each other without holes: each starts where the one before ended.
			expect(offset).toBe(position);
			const timeMap = item.children.find((c) => c.name === 'timeMap');
			for (let i = 0; i < duration; i++) {
				const shown = expected.get(position + i);
				if (item.name === 'gap') {
					expect(shown?.src).toBeNull();
					continue;
				}
				expect(assets.get(item.attributes.ref)).toBe(shown?.src);
				const [from, to] = timeMap?.children ?? [];
				const seconds = timeMap === undefined
					? fcpxmlSeconds(item.attributes.start as string) + i / timeline.fps
					: fcpxmlSeconds(from?.attributes.value as string) + ((fcpxmlSeconds(to?.attributes.value as string) - fcpxmlSeconds(from?.attributes.value as string)) * i) / duration;
				expect(seconds).toBeCloseTo(shown?.seconds as number, 6);
			}
			position += duration;
		}
		expect(position).toBe(timeline.durationInFrames);
		const song = spine.children[0]?.children.find((c) => c.name === 'asset-clip' && c.attributes.ref === 'song');
		expect(song?.children.filter((c) => c.name === 'chapter-marker').map((c) => [c.attributes.value, Math.round(fcpxmlSeconds(c.attributes.start as string) * timeline.fps)])).toEqual(timeline.sections.map((s) => [s.id, s.startFrame]));
	});

	test('EDL follows CMX 3600 event syntax, its record times tile the timeline, and its source times match', () => {
		const fps = timeline.fps;
		const text = serializeTimeline({timeline, format: 'edl', publicDir: PUBLIC});
		const lines = text.split('\n');
		expect(lines[0]).toMatch(/^TITLE: .{1,70}$/);
		expect(lines[1]).toBe('FCM: NON-DROP FRAME');
		const events = lines.filter((line) => /^\d{3} /.test(line));
		for (const line of events) {
			expect(line, line).toMatch(EDL_EVENT);
		}
		const parsed = events.map((line) => {
			const [, number, reel, channel, transition, duration, sourceIn, sourceOut, recordIn, recordOut] = EDL_EVENT.exec(line) as unknown as string[];
			return {number: Number(number), reel, channel, transition, duration: duration?.trim() === '' ? null : Number(duration), sourceIn: timecodeToFrames(sourceIn as string, fps), sourceOut: timecodeToFrames(sourceOut as string, fps), recordIn: timecodeToFrames(recordIn as string, fps), recordOut: timecodeToFrames(recordOut as string, fps)};
		});
		// Event numbers never go down; a two-line transition event shares its number.
		expect(parsed.map((e) => e.number)).toEqual([...parsed.map((e) => e.number)].sort((a, b) => a - b));
		const picture = parsed.filter((e) => e.channel === 'V' && e.recordOut > e.recordIn);
		let position = 0;
		for (const event of picture) {
			expect(event.recordIn).toBe(position);
			const length = event.recordOut - event.recordIn;
			if (event.transition !== 'C') {
				// The transition's length is the one songreel draws.
				expect(transitions.some((t) => t?.startFrame === event.recordIn && t.durationInFrames === event.duration)).toBe(true);
			}
			const held = event.sourceOut - event.sourceIn === length && expected.get(event.recordIn)?.seconds === expected.get(event.recordOut - 1)?.seconds && length > 1;
			const shownAtStart = expected.get(event.recordIn);
			if (event.reel === 'BL') {
				expect(shownAtStart?.src ?? null).toBeNull();
			} else if (!held && event.transition === 'C') {
				expect(event.sourceIn).toBe(Math.round((shownAtStart?.seconds as number) * fps));
			}
			position = event.recordOut;
		}
		expect(position).toBe(timeline.durationInFrames);
		// Speed changes carry an M2 line with the speed in frames a second.
		for (const speed of new Set(buildEditPlan({timeline}).events.filter((e) => e.src !== null && e.speed !== 1).map((e) => e.speed))) {
			expect(text).toContain(`${(fps * speed).toFixed(1).padStart(5, '0')}`);
		}
		const audio = parsed.filter((e) => e.channel === 'A');
		expect(audio).toEqual([expect.objectContaining({recordIn: 0, recordOut: timeline.durationInFrames, sourceIn: 0})]);
		expect(lines.filter((line) => line.startsWith('* LOC:') && line.includes(' RED '))).toHaveLength(timeline.sections.length);
	});
});

describe('exports of a deliverable (the demo in 9:16)', () => {
	const {song, videos} = validateProject(project, 'remotion/compositions.ts');
	const demo = videos[0] as (typeof videos)[0];
	const vertical = compileTimeline({song, video: videoForDeliverable(demo, demo.deliverables.find((d) => d.id === 'vertical') as (typeof demo.deliverables)[0]), facts: demoFacts}).timeline;
	const clipSizes = Object.fromEntries(Object.entries(demoFacts.clips).map(([src, fact]) => [src, fact as {width: number; height: number}]));
	const clipShots = vertical.shots.filter((shot) => shot.visual.kind === 'clip');
	const train = clipShots.find((shot) => shot.id === 'verse-1/4') as ResolvedShot;
	type Key = {frameInClip: number; focusXPercent: number; focusYPercent: number; scale: number; centreOffsetXInPx: number; centreOffsetYInPx: number};

	test('OTIO: the timeline is 1080x1920 and every clip says how it is reframed: the focus point of the clip lands on the same point of the frame', () => {
		const read = readOtio(serializeTimeline({timeline: vertical, format: 'otio', publicDir: PUBLIC, clipSizes}));
		expect(checkOtioSchemas(read.timeline)).toEqual([]);
		expect(read.timeline.metadata).toMatchObject({songreel: {width: 1080, height: 1920}});
		const clips = (read.timeline.tracks.children.find((track) => track.kind === 'Video')?.children ?? []).filter((item) => item.OTIO_SCHEMA === 'Clip.2');
		expect(clips.length).toBeGreaterThanOrEqual(clipShots.length);
		for (const clip of clips) {
			const songreel = (clip.metadata as {songreel: {shot: string; recordInFrame: number; reframe: {fit: string; clipWidth: number; clipHeight: number; keys: Key[]}}}).songreel;
			const shot = clipShots.find((s) => s.id === songreel.shot) as ResolvedShot & {visual: {kind: 'clip'}};
			const {reframe} = songreel;
			expect(reframe.fit).toBe(shot.visual.fit);
			// The same numbers as a generic effect, for pipelines that read effects.
			expect((clip.effects as {effect_name: string; metadata: unknown}[]).find((e) => e.effect_name === 'songreel.Reframe')?.metadata).toEqual({songreel: reframe});
			for (const key of reframe.keys) {
				// The focus is the one the browser draws at that frame of the shot.
				expect(focusAt(shot.visual.focus, songreel.recordInFrame + key.frameInClip - shot.fromFrame)).toEqual({xPercent: key.focusXPercent, yPercent: key.focusYPercent});
				const scale = (shot.visual.fit === 'cover' ? Math.max : Math.min)(1080 / reframe.clipWidth, 1920 / reframe.clipHeight);
				expect(key.scale).toBeCloseTo(scale, 9);
				const drawnWidth = reframe.clipWidth * scale;
				const drawnHeight = reframe.clipHeight * scale;
				// CSS object-position: the clip's point at focus% sits at focus% of the frame.
				expect(540 + key.centreOffsetXInPx - drawnWidth / 2 + (drawnWidth * key.focusXPercent) / 100).toBeCloseTo((1080 * key.focusXPercent) / 100, 6);
				expect(960 + key.centreOffsetYInPx - drawnHeight / 2 + (drawnHeight * key.focusYPercent) / 100).toBeCloseTo((1920 * key.focusYPercent) / 100, 6);
			}
		}
		// The train pans: keys from its cut (focus 20%) to its last frame before the next cut, the crop moving left to right.
		const trainClip = clips.find((clip) => (clip.metadata as {songreel: {shot: string}}).songreel.shot === train.id);
		const keys = (trainClip?.metadata as {songreel: {reframe: {keys: Key[]}}}).songreel.reframe.keys;
		expect(keys[0]).toMatchObject({frameInClip: 0, focusXPercent: 20});
		expect(keys.at(-1)?.frameInClip).toBe(train.cutOutFrame - train.cutInFrame - 1);
		expect(keys.at(-1)?.focusXPercent).toBeGreaterThan(70);
		expect(keys.at(-1)?.centreOffsetXInPx).toBeLessThan(0);
		expect(keys[0]?.centreOffsetXInPx).toBeGreaterThan(0);
	});

	test('FCPXML: a 1080x1920 sequence, each clip conformed (fill for cover, fit for contain) and moved to its focus in percent of the height, y up', () => {
		const root = parseXml(serializeTimeline({timeline: vertical, format: 'fcpxml', publicDir: PUBLIC, clipSizes}));
		expect(checkFcpxml(root)).toEqual([]);
		const resources = root.children.find((c) => c.name === 'resources') as XmlElement;
		const formats = new Map(resources.children.filter((c) => c.name === 'format').map((f) => [f.attributes.id, f.attributes]));
		expect(formats.get('r0')).toMatchObject({width: '1080', height: '1920'});
		const assets = new Map(resources.children.filter((c) => c.name === 'asset').map((a) => [a.attributes.id, a.attributes]));
		const spine = root.children[1]?.children[0]?.children[0]?.children[0]?.children[0] as XmlElement;
		const clips = spine.children.filter((c) => c.name === 'asset-clip');
		for (const clip of clips) {
			const shot = clipShots.find((s) => s.id === clip.attributes.name) as ResolvedShot & {visual: {kind: 'clip'; src: string}};
			// The asset's format is the clip's own size, so the conform knows what it scales.
			const size = clipSizes[shot.visual.src] as {width: number; height: number};
			expect(formats.get(assets.get(clip.attributes.ref)?.format)).toMatchObject({width: String(size.width), height: String(size.height)});
			expect(clip.children.find((c) => c.name === 'adjust-conform')?.attributes.type).toBe(shot.visual.fit === 'cover' ? 'fill' : 'fit');
			const transform = clip.children.find((c) => c.name === 'adjust-transform');
			const offset = Math.round(fcpxmlSeconds(clip.attributes.offset as string) * vertical.fps);
			const start = Math.round(fcpxmlSeconds(clip.attributes.start as string) * vertical.fps);
			const keyframes = transform?.attributes.position !== undefined
				? [{frame: offset, value: transform.attributes.position}]
				: (transform?.children[0]?.children[0]?.children ?? []).map((k) => ({frame: offset + Math.round(fcpxmlSeconds(k.attributes.time as string) * vertical.fps) - start, value: k.attributes.value as string}));
			for (const {frame, value} of keyframes) {
				const {xPercent, yPercent} = focusAt(shot.visual.focus, frame - shot.fromFrame);
				const scale = (shot.visual.fit === 'cover' ? Math.max : Math.min)(1080 / size.width, 1920 / size.height);
				const [x, y] = (value as string).split(' ').map(Number) as [number, number];
				expect(x).toBeCloseTo((((1080 - size.width * scale) * (xPercent / 100 - 0.5)) / 1920) * 100, 3);
				expect(y).toBeCloseTo((((1920 - size.height * scale) * (yPercent / 100 - 0.5)) / 1920) * -100, 3);
			}
			// A centred focus needs no transform (the conform centres); an off-centre one always has one.
			expect(transform === undefined).toBe(isCentredFocus(shot.visual.focus));
		}
		const trainTransform = clips.find((c) => c.attributes.name === train.id)?.children.find((c) => c.name === 'adjust-transform');
		expect(trainTransform?.children[0]?.children[0]?.children.length).toBeGreaterThanOrEqual(2);
	});

	test('EDL: the same cut, with a comment that it cannot hold the frame size or reframing', () => {
		const text = serializeTimeline({timeline: vertical, format: 'edl', publicDir: PUBLIC, clipSizes});
		expect(text).toContain('* SONGREEL: 1080x1920; an EDL cannot carry frame size or reframing (fit, focus): see the .otio or .fcpxml export');
	});

	test('the landscape video, whose clips have its shape, is conformed but never moved', () => {
		const root = parseXml(serializeTimeline({timeline: demoTimeline(), format: 'fcpxml', publicDir: PUBLIC, clipSizes}));
		const text = JSON.stringify(root);
		expect(text).toContain('adjust-conform');
		expect(text).not.toContain('adjust-transform');
	});
});

describe('export details', () => {
	test('writes timecode as HH:MM:SS:FF', () => {
		expect(framesToTimecode(0, 30)).toBe('00:00:00:00');
		expect(framesToTimecode(147, 30)).toBe('00:00:04:27');
		expect(framesToTimecode(30 * 3661 + 5, 30)).toBe('01:01:01:05');
	});

	test('adds a marker at every downbeat when asked', () => {
		const timeline = demoTimeline();
		const downbeats = downbeatFrames({tempo: {bpm: 112, beatsPerBar: 4, firstDownbeatInSeconds: 0.6, changes: []}, fps: 30, durationInFrames: timeline.durationInFrames});
		expect(downbeats.slice(0, 3)).toEqual([18, 82, 147]);
		const plan = buildEditPlan({timeline, downbeatFrames: downbeats});
		expect(plan.markers.filter((m) => m.kind === 'downbeat').map((m) => m.frame)).toEqual(downbeats);
	});

	describe('on disk', () => {
		let dir = '';
		beforeAll(async () => {
			dir = await mkdtemp(path.join(os.tmpdir(), 'songreel-export-'));
		});
		afterAll(async () => {
			await rm(dir, {recursive: true, force: true});
		});

		test('writes the file atomically where asked, with absolute file URLs to the media', async () => {
			const outputPath = path.join(dir, 'cut.otio');
			await exportTimeline({timeline: demoTimeline(), format: 'otio', publicDir: PUBLIC, outputPath});
			expect(await readFile(outputPath, 'utf8')).toContain('"target_url": "file:///project/public/demo/clips/paper-sky.mp4"');
		});
	});
});

describe('songreel export, refusing bad input with one line', () => {
	const refusal = async (argv: string[]): Promise<string[]> => {
		const {exportCommand} = await import('../src/cli/commands/export-command.ts');
		try {
			await exportCommand(argv, {root: '/nonexistent'});
		} catch (error) {
			if (error instanceof SongreelInputError) {
				return error.problems.map(formatProblem);
			}
			throw error;
		}
		throw new Error('expected a refusal');
	};

	test.each([
		[['DemoVideo', '--format', 'aaf'], m.unknownExportFormat('aaf')],
		[['DemoVideo'], m.missingExportFormat()],
		[['--format', 'otio'], m.exportNeedsOneId(0)],
		[['A', 'B', '--format', 'otio'], m.exportNeedsOneId(2)],
		[['DemoVideo', '--format', 'otio', '--deliverable', 'all', '--out', 'cut.otio'], m.exportOutWithAllDeliverables()],
	])('%j', async (argv, problem) => {
		expect(await refusal(argv)).toEqual([formatProblem(problem)]);
	});

	test('an unknown --deliverable is one line naming the video\'s deliverables, before any file is probed', async () => {
		const {exportCommand} = await import('../src/cli/commands/export-command.ts');
		const error = await exportCommand(['DemoVideo', '--format', 'otio', '--deliverable', 'tall'], {root: path.resolve(__dirname, '..')}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SongreelInputError);
		const lines = (error as SongreelInputError).problems.map(formatProblem);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^command line: --deliverable: video "DemoVideo" has no deliverable "tall"; its deliverables are "vertical", "square"; /);
	});

	test('--deliverable vertical writes the 9:16 cut, probed from the files, with each clip\'s reframing', async () => {
		const {exportCommand} = await import('../src/cli/commands/export-command.ts');
		const dir = await mkdtemp(path.join(os.tmpdir(), 'songreel-export-deliverable-'));
		try {
			const outputPath = path.join(dir, 'vertical.otio');
			expect(await exportCommand(['DemoVideo', '--format', 'otio', '--deliverable', 'vertical', '--out', outputPath], {root: path.resolve(__dirname, '..')})).toBe(0);
			const read = JSON.parse(await readFile(outputPath, 'utf8')) as {name: string; metadata: unknown; tracks: {children: {kind: string; children: {metadata: {songreel: {shot?: string; reframe?: {clipWidth: number; keys: {focusXPercent: number}[]}}}}[]}[]}};
			expect(read.name).toBe('DemoVideo.vertical');
			expect(read.metadata).toMatchObject({songreel: {width: 1080, height: 1920}});
			const train = read.tracks.children.find((t) => t.kind === 'Video')?.children.find((c) => c.metadata.songreel.shot === 'verse-1/4');
			expect(train?.metadata.songreel.reframe?.clipWidth).toBeGreaterThan(0);
			expect(train?.metadata.songreel.reframe?.keys[0]?.focusXPercent).toBe(20);
		} finally {
			await rm(dir, {recursive: true, force: true});
		}
	});
});
