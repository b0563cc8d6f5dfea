import {existsSync} from 'node:fs';
import path from 'node:path';
import {autoPickSlots, type EditRound, planEditRound, writeStartFrames} from '../../generation/generate-from-edit.ts';
import {generationMessages} from '../../generation/messages.ts';
import {registerPlan} from '../../generation/register-plan.ts';
import type {SlotPlan} from '../../generation/plan-slots.ts';
import {selectVideos} from '../../project/compile-project-video.ts';
import {loadProject, projectPaths} from '../../project/load-project.ts';
import {DEFAULT_SHOT_LIST, loadShotList} from '../../project/load-shot-list.ts';
import {type ShotList, shotListSchema} from '../../schemas/shot-list-schema.ts';
import {projectSpend} from '../../takes/project-spend.ts';
import {REGISTRY_PATH_IN_PUBLIC} from '../../takes/registry-path.ts';
import {openRegistry} from '../../takes/registry-store.ts';
import {withInterrupt} from '../with-interrupt.ts';
import {commandLineError, createProvider, nextStep, numberFlag, runTakes, shotIdsFlag, usd} from './generate-command.ts';

/** The options of `songreel generate` that `--for` reads. */
export type GenerateForValues = {
	readonly for: string;
	readonly shots?: string;
	readonly takes?: string;
	readonly provider?: string;
	readonly 'dry-run': boolean;
	readonly 'budget-usd'?: string;
	readonly 'project-budget-usd'?: string;
	readonly 'retry-failed': boolean;
	readonly concurrency?: string;
	readonly 'shot-list'?: string;
	readonly 'no-pick': boolean;
	readonly compositions?: string;
};


// Generation from the edit needs no shot list: without one, its defaults (offline provider, 4 takes) apply.
const shotListOrDefaults = async (root: string, file: string | undefined): Promise<{shotList: ShotList; fromFile: boolean}> => {
	if (file === undefined && !existsSync(path.resolve(root, DEFAULT_SHOT_LIST))) {
		return {shotList: {styleBible: {look: '', characters: {}, avoid: ''}, defaults: shotListSchema.shape.defaults.parse(undefined), shots: []}, fromFile: false};
	}
	return {shotList: await loadShotList({root, file}), fromFile: true};
};

const clip = (text: string, length: number): string => (text.length <= length ? text : `${text.slice(0, length - 1)}…`);

const slotLine = (slot: SlotPlan, fps: number, newTakes: number, resumed: number): string => {
	const where = `${slot.shotId.padEnd(26)} ${slot.slotId.padEnd(12)}`;
	if (slot.state === 'filled') {
		return `  ${where} has a take: nothing to do\n`;
	}
	const length = `slot ${(slot.visibleFrames / fps).toFixed(2)} s (${slot.visibleFrames} frames), clip ${slot.wantedInSeconds.toFixed(2)} s -> asks ${slot.askedInSeconds} s ${slot.size}`;
	const work = slot.state === 'waiting' ? `${slot.takesWanted} new after the pick (${generationMessages.waitsForPick(slot.waitsFor as string)})` : `${newTakes} new, ${resumed} to resume`;
	const start = slot.startFrame !== null ? `\n      starts from the last frame shown of ${slot.startFrame.fromShot} (${slot.startFrame.src} at ${slot.startFrame.atSeconds.toFixed(2)} s)` : slot.referenceImage !== null ? `\n      starts from ${slot.referenceImage}` : '';
	return `  ${where} ${length}  ${work}  ${usd(slot.estimatedUsd)}\n      lyric: ${slot.lyric === '' ? '(none)' : JSON.stringify(clip(slot.lyric, 80))}\n      prompt: ${JSON.stringify(clip(slot.prompt.replaceAll('\n', ' | '), 110))}${start}\n`;
};

const waitingUsd = (round: EditRound): number => round.slots.filter((slot) => slot.state === 'waiting').reduce((sum, slot) => sum + slot.estimatedUsd, 0);

/**
 * `songreel generate --for <video>`: takes for the video's generated slots, each as long as its slot. Rounds: the
 * slots that can be made now are generated and picked (unless --no-pick), then slots that continue from a shot
 * picked in that round get its last frame and are generated, until none is left.
 */
export const generateForCommand = async (values: GenerateForValues, {root}: {root: string; publicDir: string}): Promise<number> => {
	const paths = projectPaths(root, values.compositions);
	const project = await loadProject(paths);
	const [video] = selectVideos(project, [values.for], path.relative(root, paths.compositionsFile));
	if (video === undefined) {
		throw commandLineError('--for', 'name one video');
	}
	const {shotList, fromFile: shotListFromFile} = await shotListOrDefaults(root, values['shot-list']);
	const providerName = values.provider ?? shotList.defaults.provider;
	const provider = createProvider(providerName, shotList);
	const budget = {runUsd: numberFlag('--budget-usd', values['budget-usd']), projectUsd: numberFlag('--project-budget-usd', values['project-budget-usd'])};
	const takesPerShot = numberFlag('--takes', values.takes, {integer: true, min: 1});
	const concurrency = numberFlag('--concurrency', values.concurrency, {integer: true, min: 1}) ?? shotList.defaults.concurrency;
	const shotIds = shotIdsFlag(values.shots);
	const store = await openRegistry(path.join(paths.publicDir, REGISTRY_PATH_IN_PUBLIC));
	const options = {takesPerShot, retryFailed: values['retry-failed'], providerName};
	const autoPick = !values['no-pick'];
	const plan = async (): Promise<EditRound> => planEditRound({paths, project, video, shotList, shotListFromFile, provider, store, options, shotIds});
	const pickDone = async (ids: readonly string[]): Promise<void> => {
		if (!autoPick) {
			return;
		}
		for (const pick of await autoPickSlots(store, ids)) {
			process.stdout.write(`picked ${pick.takeId} for ${pick.shotId}${pick.why === '' ? '' : ` (${pick.why})`}; "songreel pick ${pick.shotId} <take>" to change\n`);
		}
	};

	let round = await plan();
	if (shotIds.length > 0) {
		const known = new Set(round.slots.map((slot) => slot.shotId));
		const unknown = shotIds.filter((id) => !known.has(id));
		if (unknown.length > 0) {
			const all = (await planEditRound({paths, project, video, shotList, shotListFromFile, provider, store, options, shotIds: []})).slots.map((slot) => slot.shotId);
			throw commandLineError('--shots', `no generated shot ${unknown.map((id) => `"${id}"`).join(', ')} in ${video.id}`, `its generated shots: ${all.join(', ') || 'none (give a shot "generate")'}`);
		}
	}
	if (round.slots.length === 0) {
		throw commandLineError('--for', `${video.id} has no shot with "generate"`, 'give a shot generate: {prompt: "…"} in the compositions file (see README, "Generation from the edit")');
	}
	// Slots filled by an earlier run and never picked get their best take, so the next slot can continue from it.
	if (autoPick && !values['dry-run']) {
		await pickDone(round.slots.map((slot) => slot.shotId));
		round = await plan();
	}
	const fps = video.fps;
	const spend = projectSpend(store.current());
	const estimatedUsd = round.plan.estimatedUsd + waitingUsd(round);
	process.stdout.write(`plan for ${video.id} (${provider.name}, ${shotList.defaults.model}):\n`);
	for (const slot of round.slots) {
		const newTakes = round.plan.newTakes.filter((take) => take.shotId === slot.shotId).length;
		const resumed = round.plan.continued.filter((take) => take.shotId === slot.shotId).length;
		process.stdout.write(slotLine(slot, fps, newTakes, resumed));
	}
	const waiting = round.slots.filter((slot) => slot.state === 'waiting');
	const newCount = round.plan.newTakes.length + waiting.reduce((sum, slot) => sum + slot.takesWanted, 0);
	const newSeconds = round.plan.newTakes.reduce((sum, take) => sum + take.params.lengthInSeconds, 0) + waiting.reduce((sum, slot) => sum + slot.takesWanted * slot.askedInSeconds, 0);
	process.stdout.write(
		`total: ${newCount} new takes (${newSeconds} s) for ${round.slots.filter((slot) => slot.state !== 'filled').length} empty slots, ${round.plan.continued.length} to resume, estimated ${usd(estimatedUsd)}` +
			`${waiting.length > 0 ? ` (${usd(waitingUsd(round))} of it once the picks they wait for exist)` : ''}${budget.runUsd === null ? '' : ` of a ${usd(budget.runUsd)} budget`}; ` +
			`project so far: billed ${usd(spend.billedUsd)}, in flight ${usd(spend.inFlightUsd)}${budget.projectUsd === null ? '' : ` of a ${usd(budget.projectUsd)} project budget`}\n`,
	);
	if (values['dry-run']) {
		process.stdout.write('dry run: nothing submitted\n');
		return 0;
	}
	if (budget.runUsd !== null && estimatedUsd > budget.runUsd + 1e-9) {
		process.stderr.write(`refusing to start: the estimate ${usd(estimatedUsd)} is over the budget ${usd(budget.runUsd)}; raise --budget-usd or ask for fewer takes (--takes, --shots)\n`);
		return 1;
	}
	if (budget.projectUsd !== null && spend.billedUsd + spend.inFlightUsd + estimatedUsd > budget.projectUsd + 1e-9) {
		process.stderr.write(
			`refusing to start: billed ${usd(spend.billedUsd)} + in flight ${usd(spend.inFlightUsd)} + this run's estimate ${usd(estimatedUsd)} is over the project budget ${usd(budget.projectUsd)}; raise --project-budget-usd or ask for fewer takes\n`,
		);
		return 1;
	}
	const slotIds = new Set(round.slots.map((slot) => slot.shotId));
	let committedUsd = 0;
	let budgetNote = '';
	for (let n = 1; ; n++) {
		const work = [...round.plan.continued, ...round.plan.newTakes];
		if (work.length === 0) {
			break;
		}
		const frames = await writeStartFrames(round.slots, paths.publicDir);
		if (frames > 0) {
			process.stdout.write(`round ${n}: ${frames} first frame${frames === 1 ? '' : 's'} taken from the previous shots\n`);
		}
		// Every take exists in the registry before the first paid call.
		await registerPlan(store, round.plan);
		const roundBudget = {runUsd: budget.runUsd === null ? null : Math.max(0, budget.runUsd - committedUsd), projectUsd: budget.projectUsd};
		const outcome = await withInterrupt('stopping: requests in flight are cancelled; every job sent is in the registry and resumes on the next run', (signal) =>
			runTakes({store, provider, takeIds: work.map((take) => take.id), publicDir: paths.publicDir, root, concurrency, budget: roundBudget, signal}),
		);
		if (outcome.exitCode !== null) {
			return outcome.exitCode;
		}
		budgetNote = outcome.budgetNote;
		const submitted = new Set(work.map((take) => take.id));
		committedUsd += store.current().takes.filter((take) => submitted.has(take.id) && take.status !== 'planned').reduce((sum, take) => sum + take.estimatedCostUsd, 0);
		await pickDone([...slotIds]);
		const before = round.slots.filter((slot) => slot.state === 'waiting').length;
		round = await plan();
		// Only slots that were waiting and can start now make another round; a failed slot waits for the next run.
		if (round.slots.filter((slot) => slot.state === 'waiting').length === before || round.plan.newTakes.length === 0) {
			break;
		}
	}
	const stillWaiting = round.slots.filter((slot) => slot.state === 'waiting');
	const next = nextStep(store.current(), slotIds);
	const waitNote =
		stillWaiting.length > 0
			? `${stillWaiting.length} slot${stillWaiting.length === 1 ? '' : 's'} wait${stillWaiting.length === 1 ? 's' : ''} for a pick (${stillWaiting.map((slot) => `${slot.shotId} after ${slot.waitsFor}`).join(', ')}): "songreel pick <shot> <take>", then run "songreel generate --for ${video.id}" again; `
			: '';
	process.stdout.write(`${budgetNote}${waitNote}${next.line}\n`);
	return next.done && stillWaiting.length === 0 ? 0 : 1;
};
