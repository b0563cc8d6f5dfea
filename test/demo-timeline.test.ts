import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import project from '../remotion/compositions.ts';
import {demoClips} from '../scripts/demo/demo-clips.ts';
import {DEMO_SONG_IN_SECONDS} from '../scripts/demo/demo-score.ts';
import {secondsToFrame} from '../src/music/seconds-to-frame.ts';
import {beatsToSeconds, createTempoMap} from '../src/music/tempo-map.ts';
import {validateProject} from '../src/schemas/validate-project.ts';
import {compileTimeline} from '../src/timeline/compile-timeline.ts';
import type {TimelineFacts} from '../src/timeline/timeline-facts.ts';

const GOLDEN = path.join(__dirname, 'fixtures/demo-timeline.golden.json');

// The facts the demo asset script produces, known without probing: compiling the demo stays a pure test.
// The demo's takes: 6-second 960x540 clips from remotion/shots.ts; bridge-sunrise/t2 is picked by the demo script.
const TAKE_FACTS = {durationInSeconds: 6, width: 960, height: 540, fps: 30};
const demoFacts: TimelineFacts = {
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
	lyricsText: readFileSync(path.join(__dirname, '../public/demo/lyrics.lrc'), 'utf8'),
};

const {song, videos} = validateProject(project, 'remotion/compositions.ts');

describe('the demo project', () => {
	test.each(videos.map((video) => [video.id, video] as const))('%s compiles to the golden timeline', (id, video) => {
		const {timeline, warnings} = compileTimeline({song, video, facts: demoFacts});
		expect(warnings).toEqual([]);
		const goldens = existsSync(GOLDEN) ? (JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>) : {};
		// UPDATE_GOLDEN=1 rewrites the golden file after an intended change; review its diff before committing.
		if (process.env.UPDATE_GOLDEN === '1') {
			goldens[id] = JSON.parse(JSON.stringify(timeline));
			writeFileSync(GOLDEN, `${JSON.stringify(goldens, null, '\t')}\n`);
		}
		expect(timeline).toEqual(goldens[id]);
	});

	test('cuts every section boundary on its downbeat and lasts exactly as long as the song', () => {
		const {timeline} = compileTimeline({song, video: videos[0] as (typeof videos)[0], facts: demoFacts});
		const map = createTempoMap(song.tempo);
		const barStarts = [5, 9, 13, 15, 19].map((bar) => secondsToFrame(beatsToSeconds(map, (bar - 1) * 4), timeline.fps));
		expect(timeline.sections.slice(1).map((s) => s.startFrame)).toEqual(barStarts);
		expect(timeline.durationInFrames).toBe(secondsToFrame(DEMO_SONG_IN_SECONDS, timeline.fps));
		for (const shot of timeline.shots) {
			if (shot.transitionIn) {
				expect(shot.transitionIn.cutFrame).toBe(shot.cutInFrame);
			}
		}
	});
});
