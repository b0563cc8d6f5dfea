import {defineProject} from 'songreel';
import {PulseRings} from './PulseRings';
import {shutter} from './shutter';
import {Visualiser, visualiserSchema} from './Visualiser';

const clip = (name: string): string => `clips/${name}.mp4`;

// The first two sections of songreel's demo song (112 bpm, first downbeat at 0.6 s): intro, then verse from bar 5.
export default defineProject({
	song: {
		audio: 'song.wav',
		tempo: {bpm: 112, firstDownbeatInSeconds: 0.6},
		sections: [{id: 'intro', start: '0s'}, {id: 'verse', start: '5'}],
		lyrics: {file: 'lyrics.lrc'},
	},
	components: {Visualiser: {component: Visualiser, schema: visualiserSchema}, PulseRings},
	transitions: {shutter},
	videos: [
		{
			id: 'Visualiser',
			width: 640,
			height: 360,
			fps: 30,
			// The visualiser over the whole video.
			layers: [{component: 'Visualiser', props: {bars: 28}}],
			sections: {
				intro: {
					shots: [
						// A generative shot: the project's component instead of a clip, for two bars.
						{component: 'PulseRings', lengthInBars: 2, props: {hue: 200}},
						{clip: clip('skyline'), onShortClip: 'loop'},
					],
					transition: {type: 'shutter', lengthInBeats: 1, props: {blades: 8}},
				},
				verse: {
					transitionIn: {type: 'shutter', lengthInBeats: 1},
					shots: [
						{clip: clip('crowd'), lengthInBars: 1},
						{clip: clip('tape-reels'), lengthInBars: 1},
						{clip: clip('paper-birds'), lengthInBars: 1},
						{clip: clip('skyline'), onShortClip: 'loop'},
					],
					transition: {type: 'fade', lengthInBeats: 1},
				},
			},
		},
	],
});
