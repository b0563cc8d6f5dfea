import {defineProject} from '../src/schemas/define-project.ts';
import type {VideoInput} from '../src/schemas/video-schema.ts';
import {demoSong} from './demo-song.ts';

const clip = (name: string): string => `demo/clips/${name}.mp4`;

// The sections of the demo video, shared by the landscape and the vertical cut.
const sections: VideoInput['sections'] = {
	intro: {
		shots: [
			// No length: it fills from 0 s to bar 3, so the pickup before the first downbeat is covered.
			{clip: clip('paper-sky'), kenBurns: {fromScale: 1, toScale: 1.2}},
			{clip: clip('skyline'), lengthInBars: 2},
		],
		lyrics: {hidden: true},
	},
	'verse-1': {
		transitionIn: {type: 'fade', lengthInBeats: 1},
		shots: [
			{clip: clip('neon-street'), lengthInBars: 1},
			{clip: clip('rooftop'), lengthInBars: 1},
			{clip: clip('window-light'), lengthInBars: 1},
			// In a portrait frame the landscape take pans from its left to its right over the bar (focus keyframes).
			{clip: clip('train'), lengthInBars: 1, clipStartInSeconds: 1, focus: {keyframes: [{atBeat: 0, x: 20, y: 50}, {atBeat: 4, x: 80, y: 50}]}},
		],
	},
	'chorus-1': {
		transitionIn: {type: 'wipe', lengthInBeats: 1, direction: 'from-left'},
		shots: [
			{clip: clip('crowd'), lengthInBeats: 2},
			{clip: clip('tape-reels'), lengthInBeats: 2},
			{clip: clip('paper-birds'), lengthInBeats: 2},
			{clip: clip('crowd'), lengthInBeats: 2, clipStartInSeconds: 1},
			{clip: clip('neon-street'), lengthInBeats: 2, speed: 1.5},
			{clip: clip('tape-reels'), lengthInBeats: 2, clipStartInSeconds: 1},
			{clip: clip('paper-birds'), lengthInBeats: 2, clipStartInSeconds: 2},
			{clip: clip('rooftop'), lengthInBeats: 2},
		],
		lyrics: {position: 'center', highlightColor: '#ff5da2'},
		// Beat-driven, from the song map's grid: a zoom kick on every beat, a flash on every downbeat.
		effects: {pulse: {strength: 0.03}, flash: {strength: 0.35}},
	},
	bridge: {
		transitionIn: {type: 'iris', lengthInBeats: 1},
		// A shot from the shot list (remotion/shots.ts): it plays the take picked with "songreel pick".
		shots: [{take: 'bridge-sunrise', fit: 'contain', kenBurns: {fromScale: 1.1, toScale: 1}}],
	},
	'chorus-2': {
		transitionIn: {type: 'clockWipe', lengthInBeats: 1},
		transition: {type: 'flip', lengthInBeats: 1, direction: 'from-right'},
		shots: [
			{clip: clip('crowd'), lengthInBars: 1},
			{clip: clip('train'), lengthInBars: 1},
			{clip: clip('paper-birds'), lengthInBars: 1},
			{clip: clip('skyline'), lengthInBars: 1, clipStartInSeconds: 2},
		],
		lyrics: {position: 'center', highlightColor: '#ff5da2'},
		effects: {pulse: {strength: 0.03}, flash: {strength: 0.35}},
	},
	outro: {
		transitionIn: {type: 'slide', lengthInBeats: 1, direction: 'from-bottom'},
		shots: [
			{clip: clip('window-light'), lengthInBars: 2, onShortClip: 'freeze'},
			// The last shot runs past the final bar into the ringing chord; the clip is shorter, so it loops.
			{take: 'outro-skyline/t1', onShortClip: 'loop', kenBurns: {fromScale: 1.2, toScale: 1}},
		],
	},
};

export default defineProject({
	song: demoSong,
	videos: [
		// The same edit in two more shapes: songreel render DemoVideo --deliverable vertical (or all).
		{id: 'DemoVideo', width: 1280, height: 720, fps: 30, sections, deliverables: [{id: 'vertical', width: 1080, height: 1920}, {id: 'square', width: 1080, height: 1080}]},
		{id: 'DemoVertical', width: 720, height: 1280, fps: 30, sections, defaults: {lyrics: {fontSizeInPx: 54}}},
	],
});
