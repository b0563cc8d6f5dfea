// The demo project's facts as its asset script produces them, and the demo compiled with them: the golden-timeline,
// delivery and export tests run on a real compiled timeline without probing files.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import project from '../remotion/compositions.ts';
import {demoClips} from '../scripts/demo/demo-clips.ts';
import {DEMO_SONG_IN_SECONDS} from '../scripts/demo/demo-score.ts';
import {validateProject} from '../src/schemas/validate-project.ts';
import {compileTimeline} from '../src/timeline/compile-timeline.ts';
import type {ResolvedTimeline} from '../src/timeline/resolved-timeline.ts';
import type {TimelineFacts} from '../src/timeline/timeline-facts.ts';

const TAKE_FACTS = {durationInSeconds: 6, width: 960, height: 540, fps: 30};

/** The demo's facts: clip lengths and sizes from the asset script, its two takes, the committed lyrics. */
export const demoFacts: TimelineFacts = {
	song: {durationInSeconds: DEMO_SONG_IN_SECONDS},
	clips: {
		...Object.fromEntries(demoClips.map((clip) => [clip.src, {durationInSeconds: clip.durationInSeconds, width: clip.width, height: clip.height, fps: clip.fps}])),
		'takes/bridge-sunrise/t2.mp4': TAKE_FACTS,
		'takes/outro-skyline/t1.mp4': TAKE_FACTS,
	},
	takes: {
		'bridge-sunrise': {src: 'takes/bridge-sunrise/t2.mp4', warning: null},
		'outro-skyline/t1': {src: 'takes/outro-skyline/t1.mp4', warning: null},
	},
	lyricsText: readFileSync(fileURLToPath(new URL('../public/demo/lyrics.lrc', import.meta.url)), 'utf8'),
};

/** Compiles one of the demo's videos (DemoVideo by default). */
export const demoTimeline = (id = 'DemoVideo'): ResolvedTimeline => {
	const {song, videos} = validateProject(project, 'remotion/compositions.ts');
	const video = videos.find((v) => v.id === id);
	if (video === undefined) {
		throw new Error(`no demo video ${id}`);
	}
	return compileTimeline({song, video, facts: demoFacts}).timeline;
};
