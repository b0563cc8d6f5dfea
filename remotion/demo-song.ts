import type {SongInput} from '../src/schemas/song-schema.ts';

/** The bundled demo song: 112 bpm in 4/4, first downbeat at 0.6 s, 22 bars and a ringing last chord. */
export const demoSong: SongInput = {
	audio: 'demo/song.wav',
	tempo: {bpm: 112, beatsPerBar: 4, firstDownbeatInSeconds: 0.6},
	sections: [
		{id: 'intro', start: '0s'},
		{id: 'verse-1', start: '5'},
		{id: 'chorus-1', start: '9'},
		{id: 'bridge', start: '13'},
		{id: 'chorus-2', start: '15'},
		{id: 'outro', start: '19'},
	],
	lyrics: {file: 'demo/lyrics.lrc'},
};
