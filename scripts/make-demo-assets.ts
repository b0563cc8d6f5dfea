import {access, mkdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {createOfflineProvider} from '../src/generation/offline-provider.ts';
import {renderProceduralClip} from '../src/generation/offline/render-procedural-clip.ts';
import {planGeneration} from '../src/generation/plan-generation.ts';
import {registerPlan} from '../src/generation/register-plan.ts';
import {runGeneration} from '../src/generation/run-generation.ts';
import {loadShotList} from '../src/project/load-shot-list.ts';
import {REGISTRY_PATH_IN_PUBLIC} from '../src/takes/registry-path.ts';
import {openRegistry} from '../src/takes/registry-store.ts';
import {encodeWav} from '../src/media/encode-wav.ts';
import {writeFileAtomically} from '../src/media/write-file-atomically.ts';
import {parseLrc} from '../src/music/lyrics/parse-lrc.ts';
import {demoSong} from '../remotion/demo-song.ts';
import {demoClips} from './demo/demo-clips.ts';
import {DEMO_BARS, DEMO_LOUD_BARS, DEMO_TAIL_IN_SECONDS, demoTempoMap} from './demo/demo-score.ts';
import {synthesizeDemoSong} from './demo/synthesize-demo-song.ts';

const publicDir = path.resolve('public');
const force = process.argv.includes('--force');

const exists = async (file: string): Promise<boolean> => access(file).then(() => true, () => false);

const makeSong = async (): Promise<void> => {
	const target = path.join(publicDir, demoSong.audio);
	if (!force && (await exists(target))) {
		return;
	}
	const lyrics = parseLrc(await readFile(path.join(publicDir, demoSong.lyrics?.file ?? ''), 'utf8'));
	const song = synthesizeDemoSong({tempoMap: demoTempoMap, bars: DEMO_BARS, tailInSeconds: DEMO_TAIL_IN_SECONDS, loudBars: DEMO_LOUD_BARS, lyrics: lyrics.lines});
	await mkdir(path.dirname(target), {recursive: true});
	await writeFileAtomically(target, encodeWav({samples: song.samples, sampleRate: song.sampleRate, channels: 2}));
	console.log(`song   ${demoSong.audio} (${song.durationInSeconds.toFixed(2)} s)`);
};

const makeClips = async (): Promise<void> => {
	for (const clip of demoClips) {
		const target = path.join(publicDir, clip.src);
		if (!force && (await exists(target))) {
			continue;
		}
		const started = performance.now();
		await renderProceduralClip(clip, target);
		console.log(`clip   ${clip.src} (${clip.width}x${clip.height}@${clip.fps}, ${clip.durationInSeconds} s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	}
};

// The demo's shot list goes through the real take pipeline: plan, registry, offline provider, verify.
const makeTakes = async (): Promise<void> => {
	const shotList = await loadShotList({root: process.cwd()});
	const provider = createOfflineProvider();
	const store = await openRegistry(path.join(publicDir, REGISTRY_PATH_IN_PUBLIC));
	const plan = planGeneration({registry: store.current(), shotList, options: {shotIds: [], takesPerShot: null, retryFailed: false, providerName: provider.name, model: shotList.defaults.model}, estimateCostUsd: provider.estimateCostUsd, now: new Date().toISOString()});
	const work = await registerPlan(store, plan);
	if (work.length > 0) {
		const summary = await runGeneration({store, provider, takeIds: work.map((t) => t.id), publicDir, concurrency: 2, timings: {firstPollInMs: 10}});
		console.log(`takes  ${summary.completed} generated for ${shotList.shots.map((s) => s.id).join(', ')}`);
	}
	if (store.current().picks['bridge-sunrise'] === undefined) {
		// What a director does after reviewing: "songreel pick bridge-sunrise t2".
		await store.update((registry) => ({...registry, picks: {...registry.picks, 'bridge-sunrise': 'bridge-sunrise/t2'}}));
	}
};

await makeSong();
await makeClips();
await makeTakes();
console.log('demo assets ready in public/');
