import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import project from '../remotion/compositions.ts';
import {secondsToFrame} from '../src/music/seconds-to-frame.ts';
import {beatsToSeconds, createTempoMap} from '../src/music/tempo-map.ts';
import {validateProject} from '../src/schemas/validate-project.ts';
import {compileTimeline} from '../src/timeline/compile-timeline.ts';
import {DEMO_SONG_IN_SECONDS} from '../scripts/demo/demo-score.ts';
import {demoFacts} from './demo-facts.ts';

const GOLDEN = path.join(__dirname, 'fixtures/demo-timeline.golden.json');

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
