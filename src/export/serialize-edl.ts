// Pure: an edit plan as a CMX 3600 edit decision list (.edl). No IO here.
import type {EditPlan} from './edit-plan.ts';

/** `HH:MM:SS:FF` non-drop-frame timecode of a frame count at an integer frame rate. */
export const framesToTimecode = (frames: number, fps: number): string => {
	const whole = Math.round(frames);
	const rate = Math.round(fps);
	const ff = whole % rate;
	const totalSeconds = Math.floor(whole / rate);
	const pad = (n: number): string => String(n).padStart(2, '0');
	return `${pad(Math.floor(totalSeconds / 3600))}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}:${pad(ff)}`;
};

// Reel names: CMX 3600 allows 8 characters; "AX" (auxiliary source) with a FROM CLIP NAME comment is what Resolve and
// Premiere read, "BL" is black.
const REEL_CLIP = 'AX';
const REEL_BLACK = 'BL';

const line = (event: number, reel: string, channel: 'V' | 'A', transition: string, duration: number | null, times: readonly [number, number, number, number], fps: number): string =>
	`${String(event).padStart(3, '0')}  ${reel.padEnd(8)} ${channel.padEnd(5)} ${transition.padEnd(4)} ${duration === null ? '   ' : String(duration).padStart(3, '0')} ${times.map((t) => framesToTimecode(t, fps)).join(' ')}`;

const MARKER_COLOR = {section: 'RED', downbeat: 'GREEN', lyric: 'PURPLE'} as const;

/**
 * Serializes an edit plan as a CMX 3600 EDL: one event per picture event (a dissolve or wipe is the standard two-line
 * event: the outgoing source held at the transition's start, then the incoming source with the transition's length),
 * M2 lines for speed changes (0 for a held frame), `* FROM CLIP NAME:` comments, the song as an audio event, and markers
 * as `* LOC:` comments (Resolve's form). Times are non-drop-frame at the rate rounded to a whole number; CMX 3600 has
 * no fractional rates. Record times start at 00:00:00:00. CMX 3600 has no frame size and no spatial transform: a
 * deliverable's EDL is the same cut, and a closing comment says the reframing is in the OTIO and FCPXML exports.
 */
export const serializeEdl = ({plan, clipName}: {readonly plan: EditPlan; readonly clipName: (src: string) => string}): string => {
	const fps = plan.fps;
	const out: string[] = [`TITLE: ${plan.name.slice(0, 70)}`, 'FCM: NON-DROP FRAME', ''];
	let number = 0;
	const events = plan.events;
	for (const [index, event] of events.entries()) {
		number++;
		// A transition into the next event ends this one at the transition's start; one into this event starts it there.
		const next = events[index + 1];
		const incoming = event.transitionIn !== null && index > 0 ? event.transitionIn : null;
		const recordIn = incoming?.startFrame ?? event.recordInFrame;
		const recordOut = next?.transitionIn?.startFrame ?? event.recordOutFrame;
		const speed = event.speed;
		const sourceAt = (frame: number): number => event.sourceInFrame + (frame - event.recordInFrame) * speed;
		const sourceIn = sourceAt(recordIn);
		const sourceOut = speed === 0 ? sourceIn + (recordOut - recordIn) : sourceAt(recordOut);
		const reel = event.src === null ? REEL_BLACK : REEL_CLIP;
		if (incoming !== null) {
			const before = events[index - 1];
			const previousReel = before?.src === null ? REEL_BLACK : REEL_CLIP;
			const held = before === undefined ? 0 : before.sourceInFrame + (incoming.startFrame - before.recordInFrame) * before.speed;
			out.push(line(number, previousReel, 'V', 'C', null, [held, held, incoming.startFrame, incoming.startFrame], fps));
			out.push(line(number, reel, 'V', incoming.type === 'fade' ? 'D' : 'W001', incoming.durationInFrames, [sourceIn, sourceOut, recordIn, recordOut], fps));
			if (before?.src !== null && before !== undefined) {
				out.push(`* FROM CLIP NAME: ${clipName(before.src)}`);
			}
			out.push(`* TO CLIP NAME: ${event.src === null ? `BLACK (${event.gapReason ?? 'gap'})` : clipName(event.src)}`);
			if (incoming.type !== 'fade') {
				out.push(`* EFFECT NAME: ${incoming.type}${incoming.direction === null ? '' : ` ${incoming.direction}`}`);
			}
		} else {
			out.push(line(number, reel, 'V', 'C', null, [sourceIn, sourceOut, recordIn, recordOut], fps));
			out.push(event.src === null ? `* FROM CLIP NAME: BLACK (${event.gapReason ?? 'gap'})` : `* FROM CLIP NAME: ${clipName(event.src)}`);
		}
		if (event.src !== null && speed !== 1) {
			out.push(`M2   ${REEL_CLIP.padEnd(8)}       ${(fps * speed).toFixed(1).padStart(5, '0')}                ${framesToTimecode(sourceIn, fps)}`);
		}
		out.push(`* SONGREEL SHOT: ${event.shotId}`);
		out.push('');
	}
	number++;
	out.push(line(number, REEL_CLIP, 'A', 'C', null, [0, plan.song.durationInFrames, 0, plan.song.durationInFrames], fps));
	out.push(`* FROM CLIP NAME: ${clipName(plan.song.src)}`);
	for (const marker of plan.markers) {
		// Resolve reads one LOC a line; a marker's text must not break the line.
		out.push(`* LOC: ${framesToTimecode(marker.frame, fps)} ${MARKER_COLOR[marker.kind].padEnd(7)} ${marker.name.replace(/\s+/g, ' ').slice(0, 60)}`);
	}
	// CMX 3600 has no field for the frame size or a clip's position: say so where the editor reads the list.
	out.push(`* SONGREEL: ${plan.width}x${plan.height}; an EDL cannot carry frame size or reframing (fit, focus): see the .otio or .fcpxml export`);
	out.push('');
	return `${out.join('\n')}`;
};
