import {defineProject} from 'songreel';
import {KineticLine} from './KineticLine';
import {TitleCard, titleCardSchema} from './TitleCard';

const clip = (name: string): string => `clips/${name}.mp4`;

// The first two sections of songreel's demo song (112 bpm, first downbeat at 0.6 s): intro, then verse from bar 5.
export default defineProject({
	song: {
		audio: 'song.wav',
		tempo: {bpm: 112, firstDownbeatInSeconds: 0.6},
		sections: [{id: 'intro', start: '0s'}, {id: 'verse', start: '5'}],
		lyrics: {file: 'lyrics.lrc'},
	},
	components: {TitleCard: {component: TitleCard, schema: titleCardSchema}},
	lyricRenderers: {kinetic: KineticLine},
	videos: [
		{
			id: 'KineticLyrics',
			width: 640,
			height: 360,
			fps: 30,
			// Every lyric line is drawn by the project's own renderer.
			defaults: {lyrics: {renderer: 'kinetic'}},
			// The title card over the intro's first three bars, in musical time.
			layers: [{component: 'TitleCard', at: 'intro', lengthInBars: 3, props: {title: 'Paper Skies', subtitle: 'a songreel example'}}],
			sections: {
				intro: {shots: [{clip: clip('paper-sky'), onShortClip: 'loop', kenBurns: {fromScale: 1, toScale: 1.15}}]},
				verse: {
					transitionIn: {type: 'fade', lengthInBeats: 1},
					transition: {type: 'fade', lengthInBeats: 0.5},
					shots: [
						{clip: clip('neon-street'), lengthInBars: 1},
						{clip: clip('rooftop'), lengthInBars: 1},
						{clip: clip('window-light'), lengthInBars: 1},
						{clip: clip('train'), onShortClip: 'freeze'},
					],
				},
			},
		},
	],
});
