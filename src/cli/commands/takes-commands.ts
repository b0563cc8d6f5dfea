import {copyFile, mkdir, readdir, rename} from 'node:fs/promises';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {probeTake} from '../../generation/run-generation.ts';
import {removeStaleFiles} from '../../render/cleanup/remove-stale-files.ts';
import {startRunScope} from '../../render/cleanup/start-run-scope.ts';
import {renderContactSheet} from '../../render/render-contact-sheet.ts';
import {sha256OfFile} from '../../media/sha256-of-file.ts';
import {compileProjectVideos} from '../../project/compile-project-video.ts';
import {loadProject, projectPaths} from '../../project/load-project.ts';
import {SongreelInputError} from '../../problems/problem.ts';
import {idSchema} from '../../schemas/id-schema.ts';
import {highestTakeNumber} from '../../takes/parse-registry.ts';
import {projectSpend} from '../../takes/project-spend.ts';
import {REGISTRY_PATH_IN_PUBLIC} from '../../takes/registry-path.ts';
import {openRegistry, readRegistry} from '../../takes/registry-store.ts';
import {checkRegisteredTake} from '../../takes/qc/check-registered-take.ts';
import {checkTakeQuality} from '../../takes/qc/check-take-quality.ts';
import type {Registry, Take, TakeQc} from '../../takes/take-schema.ts';
import {checkOutputPaths} from '../check-output-paths.ts';
import {printJson, statsJson, takesJson} from '../json-output.ts';
import {createStepProgress} from '../step-progress.ts';

/** "qc 0.70 frozen, flicker" or "qc 1.00 ok". */
export const qcSummary = (qc: TakeQc): string => `qc ${qc.score.toFixed(2)} ${qc.flags.length === 0 ? 'ok' : qc.flags.map((flag) => flag.code).join(', ')}`;

const qcHashes = (registry: Registry, exceptId: string): {takeId: string; hashes: string[]}[] =>
	registry.takes.filter((t) => t.id !== exceptId && t.qc !== null && t.rejectedReason === null).map((t) => ({takeId: t.id, hashes: (t.qc as TakeQc).hashes}));

type Context = {root: string; publicDir: string};

const registryFileOf = (publicDir: string): string => path.join(publicDir, REGISTRY_PATH_IN_PUBLIC);

const userError = (message: string, fix?: string): SongreelInputError => new SongreelInputError([fix === undefined ? {file: 'command line', path: '', message} : {file: 'command line', path: '', message, fix}]);

const findTake = (registry: Registry, id: string | undefined): Take => {
	const take = registry.takes.find((t) => t.id === id);
	if (!take) {
		throw userError(`no take "${id ?? ''}" in the registry`, `run "songreel takes${id?.includes('/') ? ` ${id.split('/')[0]}` : ''}" to list takes`);
	}
	return take;
};

/** Which take each video uses, by take id, with the seconds it is on screen: from compiling the compositions file. */
const takeUsage = async (root: string): Promise<Map<string, {videos: Set<string>; seconds: number}>> => {
	const usage = new Map<string, {videos: Set<string>; seconds: number}>();
	const paths = projectPaths(root);
	let project;
	try {
		project = await loadProject(paths);
	} catch {
		return usage;
	}
	const registry = await readRegistry(registryFileOf(paths.publicDir));
	const byFile = new Map(registry.takes.filter((t) => t.file !== null).map((t) => [t.file as string, t.id]));
	for (const check of await compileProjectVideos({project, videos: project.videos, paths})) {
		for (const shot of check.result?.timeline.shots ?? []) {
			const takeId = shot.visual.kind === 'clip' ? byFile.get(shot.visual.src) : undefined;
			if (takeId !== undefined) {
				const entry = usage.get(takeId) ?? {videos: new Set<string>(), seconds: 0};
				entry.videos.add(check.video.id);
				entry.seconds += (shot.cutOutFrame - shot.cutInFrame) / check.result!.timeline.fps;
				usage.set(takeId, entry);
			}
		}
	}
	return usage;
};

/** `songreel takes [shot]`: one line per take with its status, rating, pick, facts, cost and use. */
export const takesCommand = async (argv: readonly string[], {root, publicDir}: Context): Promise<number> => {
	const {positionals, values} = parseArgs({args: [...argv], allowPositionals: true, options: {json: {type: 'boolean', default: false}}});
	const registry = await readRegistry(registryFileOf(publicDir));
	const shot = positionals[0];
	const takes = registry.takes.filter((t) => shot === undefined || t.shotId === shot);
	if (values.json) {
		process.stdout.write(printJson(takesJson({registry, takes, usage: takes.length === 0 ? new Map() : await takeUsage(root)})));
		return 0;
	}
	if (takes.length === 0) {
		process.stdout.write(shot === undefined ? 'no takes yet; run "songreel generate" or "songreel import"\n' : `no takes for shot "${shot}"\n`);
		return 0;
	}
	const usage = await takeUsage(root);
	for (const take of takes) {
		const picked = registry.picks[take.shotId] === take.id ? '*' : ' ';
		const facts = take.facts ? `${take.facts.durationInSeconds.toFixed(1)} s ${take.facts.width}x${take.facts.height}` : '';
		const state = take.rejectedReason !== null ? `rejected: ${take.rejectedReason}` : take.status === 'failed' ? `failed: ${take.error?.code}` : take.status;
		const used = usage.get(take.id);
		process.stdout.write(
			`${picked} ${take.id.padEnd(28)} ${state.padEnd(22)} ${take.rating === null ? '  -  ' : `${'★'.repeat(take.rating)}${'·'.repeat(5 - take.rating)}`}  ${facts.padEnd(20)} $${(take.costUsd ?? 0).toFixed(2)}  ${take.qc ? qcSummary(take.qc).padEnd(18) : ''.padEnd(18)}${used ? `  used in ${[...used.videos].join(', ')}` : ''}`.trimEnd() + '\n',
		);
	}
	process.stdout.write('* picked; qc: automatic quality check, 1.00 = nothing found ("songreel qc <shot>" for details)\n');
	return 0;
};

/** `songreel qc [shot]`: runs automatic QC again on every complete take (of a shot), records and prints it. */
export const qcCommand = async (argv: readonly string[], {publicDir}: Context): Promise<number> => {
	const {positionals} = parseArgs({args: [...argv], allowPositionals: true});
	const shot = positionals[0];
	const store = await openRegistry(registryFileOf(publicDir));
	const takes = store.current().takes.filter((t) => (shot === undefined || t.shotId === shot) && t.status === 'complete' && t.file !== null && t.facts !== null);
	if (takes.length === 0) {
		throw userError(shot === undefined ? 'no complete takes to check' : `shot "${shot}" has no complete takes`, 'run "songreel takes" to see takes');
	}
	// Takes never checked get their hashes first, so a near-duplicate is found whichever of the two is checked first.
	for (const take of takes.filter((t) => t.qc === null)) {
		await store.updateTake(take.id, {qc: await checkRegisteredTake({take, registry: store.current(), publicDir})});
	}
	for (const take of takes) {
		const qc = await checkRegisteredTake({take: store.current().takes.find((t) => t.id === take.id) as Take, registry: store.current(), publicDir});
		await store.updateTake(take.id, {qc});
		process.stdout.write(`${take.id.padEnd(28)} ${qcSummary(qc)}\n`);
		for (const flag of qc.flags) {
			process.stdout.write(`    ${flag.code}: ${flag.message}\n`);
		}
	}
	return 0;
};

/** `songreel pick <shot> <take>`: the take a shot resolves to in the compositions file. */
export const pickCommand = async (argv: readonly string[], {publicDir}: Context): Promise<number> => {
	const {positionals} = parseArgs({args: [...argv], allowPositionals: true});
	const [shotId, takeRef] = positionals;
	if (shotId === undefined || takeRef === undefined) {
		throw userError('usage: songreel pick <shot> <take>', 'e.g. songreel pick rooftop rooftop/t3 (or just t3)');
	}
	const takeId = takeRef.includes('/') ? takeRef : `${shotId}/${takeRef}`;
	const store = await openRegistry(registryFileOf(publicDir));
	const take = findTake(store.current(), takeId);
	if (take.shotId !== shotId) {
		throw userError(`take "${takeId}" belongs to shot "${take.shotId}", not "${shotId}"`);
	}
	if (take.status !== 'complete' || take.rejectedReason !== null) {
		throw userError(`take "${takeId}" is ${take.rejectedReason !== null ? 'rejected' : take.status}; only complete takes can be picked`);
	}
	await store.update((registry) => ({...registry, picks: {...registry.picks, [shotId]: takeId}}));
	process.stdout.write(`shot "${shotId}" now uses take "${takeId}"\n`);
	return 0;
};

/** `songreel reject <take> --reason "…"`: never use this take; a pick of it is cleared. */
export const rejectCommand = async (argv: readonly string[], {publicDir}: Context): Promise<number> => {
	const {positionals, values} = parseArgs({args: [...argv], allowPositionals: true, options: {reason: {type: 'string'}}});
	if (values.reason === undefined || values.reason.trim() === '') {
		throw userError('say why with --reason "…"', 'the reason is kept in the registry for the next person who wonders');
	}
	const store = await openRegistry(registryFileOf(publicDir));
	const take = findTake(store.current(), positionals[0]);
	await store.update((registry) => {
		const picks = {...registry.picks};
		if (picks[take.shotId] === take.id) {
			delete picks[take.shotId];
		}
		return {...registry, picks, takes: registry.takes.map((t) => (t.id === take.id ? {...t, rejectedReason: values.reason as string} : t))};
	});
	process.stdout.write(`rejected "${take.id}": ${values.reason}\n`);
	return 0;
};

/** `songreel rate <take> <1-5>`. */
export const rateCommand = async (argv: readonly string[], {publicDir}: Context): Promise<number> => {
	const {positionals} = parseArgs({args: [...argv], allowPositionals: true});
	const rating = Number(positionals[1]);
	if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
		throw userError(`expected a rating from 1 to 5, got "${positionals[1] ?? ''}"`);
	}
	const store = await openRegistry(registryFileOf(publicDir));
	const take = findTake(store.current(), positionals[0]);
	await store.updateTake(take.id, {rating});
	process.stdout.write(`rated "${take.id}" ${rating}/5\n`);
	return 0;
};

/** `songreel stats`: what was generated, kept and used, and what it cost. */
export const statsCommand = async (argv: readonly string[], {root, publicDir}: Context): Promise<number> => {
	const {values} = parseArgs({args: [...argv], options: {json: {type: 'boolean', default: false}}});
	const registry = await readRegistry(registryFileOf(publicDir));
	const usage = await takeUsage(root);
	const {takes} = registry;
	const complete = takes.filter((t) => t.status === 'complete');
	// What the provider billed, from the ledger: every job that ended, failed-but-billed ones included.
	const spend = projectSpend(registry);
	const spent = spend.billedUsd;
	const generatedSeconds = complete.reduce((sum, t) => sum + (t.facts?.durationInSeconds ?? 0), 0);
	const usedSeconds = [...usage.values()].reduce((sum, u) => sum + u.seconds, 0);
	if (values.json) {
		const round = (value: number, digits: number): number => Number(value.toFixed(digits));
		process.stdout.write(
			printJson(
				statsJson({
					takes: {
						generated: takes.length,
						complete: complete.length,
						failed: takes.filter((t) => t.status === 'failed').length,
						unfinished: takes.filter((t) => !['complete', 'failed'].includes(t.status)).length,
						rejected: takes.filter((t) => t.rejectedReason !== null).length,
					},
					pickedShots: Object.keys(registry.picks).length,
					takesUsed: usage.size,
					billedInUsd: round(spent, 4),
					inFlightInUsd: round(spend.inFlightUsd, 4),
					generatedSeconds: round(generatedSeconds, 3),
					usedSeconds: round(usedSeconds, 3),
					usdPerUsedSecond: usedSeconds > 0 ? round(spent / usedSeconds, 4) : null,
				}),
			),
		);
		return 0;
	}
	const lines = [
		`generated ${takes.length} takes: ${complete.length} complete, ${takes.filter((t) => t.status === 'failed').length} failed, ${takes.filter((t) => !['complete', 'failed'].includes(t.status)).length} unfinished, ${takes.filter((t) => t.rejectedReason !== null).length} rejected`,
		`picked ${Object.keys(registry.picks).length} shots; ${usage.size} takes used in the compositions`,
		`spent $${spent.toFixed(2)}${spend.inFlightUsd > 0 ? ` (+$${spend.inFlightUsd.toFixed(2)} in flight)` : ''}; ${generatedSeconds.toFixed(1)} s generated, ${usedSeconds.toFixed(1)} s used${usedSeconds > 0 ? `; $${(spent / usedSeconds).toFixed(3)} per used second` : ''}`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	return 0;
};

const VIDEO_FILE = /\.(mp4|mov|m4v|webm|mkv)$/i;

/** `songreel import <dir> --shot <id>`: registers clips downloaded from any web UI as complete takes; files seen before are skipped. */
export const importCommand = async (argv: readonly string[], {publicDir}: Context): Promise<number> => {
	const {positionals, values} = parseArgs({args: [...argv], allowPositionals: true, options: {shot: {type: 'string'}}});
	const dir = positionals[0];
	if (dir === undefined || values.shot === undefined) {
		throw userError('usage: songreel import <dir> --shot <id>');
	}
	const shotId = values.shot;
	// The id names the folder the clips are copied to (public/takes/<shot>/): "../x" would copy them out of the project.
	const parsedId = idSchema.safeParse(shotId);
	if (!parsedId.success) {
		throw new SongreelInputError([{file: 'command line', path: '--shot', message: `${parsedId.error.issues[0]?.message}, got ${JSON.stringify(shotId)}`}]);
	}
	let names: string[];
	try {
		names = (await readdir(dir)).filter((name) => VIDEO_FILE.test(name)).sort();
	} catch {
		throw userError(`cannot read folder "${dir}"`);
	}
	if (names.length === 0) {
		throw userError(`no video files (.mp4, .mov, .m4v, .webm, .mkv) in "${dir}"`);
	}
	const store = await openRegistry(registryFileOf(publicDir));
	// A copy an import that was killed left behind (named for its dead pid) goes first.
	await removeStaleFiles({folders: [path.join(publicDir, 'takes', shotId)]});
	let imported = 0;
	let unreadable = 0;
	for (const name of names) {
		const source = path.join(dir, name);
		const sha256 = await sha256OfFile(source);
		const duplicate = store.current().takes.find((t) => t.sha256 === sha256);
		if (duplicate) {
			process.stdout.write(`skip ${name}: already registered as "${duplicate.id}"\n`);
			continue;
		}
		let facts;
		try {
			facts = await probeTake(source);
		} catch (error) {
			process.stderr.write(`skip ${name}: not a readable video (${(error as Error).message})\n`);
			unreadable++;
			continue;
		}
		const highest = highestTakeNumber(store.current(), shotId);
		const id = `${shotId}/t${highest + 1}`;
		const file = path.join('takes', shotId, `t${highest + 1}${path.extname(name).toLowerCase()}`);
		await mkdir(path.dirname(path.join(publicDir, file)), {recursive: true});
		// Copied beside its place and renamed: a take file is whole or absent, whenever the import stops.
		const temporary = `${path.join(publicDir, file)}.tmp-${process.pid}${path.extname(file)}`;
		await copyFile(source, temporary);
		await rename(temporary, path.join(publicDir, file));
		const now = new Date().toISOString();
		const qc = await checkTakeQuality({file: source, facts, expected: null, others: qcHashes(store.current(), id)});
		await store.update((registry) => ({
			...registry,
			takes: [
				...registry.takes,
				{
					id,
					shotId,
					provider: 'folder',
					model: 'import',
					prompt: `imported from ${name}`,
					params: {lengthInSeconds: facts.durationInSeconds, size: `${facts.width}x${facts.height}`, seed: 0, referenceImage: null},
					idempotencyKey: `${registry.projectKey}:${id}:import`,
					attempt: 1,
					jobId: null,
					status: 'complete',
					progress: 100,
					estimatedCostUsd: 0,
					costUsd: 0,
					createdAt: now,
					submittedAt: null,
					completedAt: now,
					file,
					sha256,
					facts,
					rating: null,
					rejectedReason: null,
					error: null,
					qc,
				},
			],
		}));
		imported++;
		process.stdout.write(`${name} -> ${id} (${facts.durationInSeconds.toFixed(1)} s, ${facts.width}x${facts.height}; ${qcSummary(qc)})\n`);
	}
	process.stdout.write(`imported ${imported} of ${names.length} files for shot "${shotId}"${unreadable > 0 ? `; ${unreadable} not readable (above)` : ''}\n`);
	// Files seen before are not a failure; a file that could not be imported is, so a script notices.
	return unreadable > 0 ? 1 : 0;
};

/** `songreel contact-sheet <shot> [--out file.png]`: a still grid of every take of a shot, one row each. */
export const contactSheetCommand = async (argv: readonly string[], {root, publicDir}: Context): Promise<number> => {
	const {positionals, values} = parseArgs({args: [...argv], allowPositionals: true, options: {out: {type: 'string'}}});
	const shotId = positionals[0];
	if (shotId === undefined) {
		throw userError('usage: songreel contact-sheet <shot> [--out file.png]');
	}
	if (values.out !== undefined) {
		await checkOutputPaths([{option: '--out', value: values.out, kind: 'file'}], process.cwd());
	}
	const registry = await readRegistry(registryFileOf(publicDir));
	if (!registry.takes.some((t) => t.shotId === shotId && t.status === 'complete')) {
		// A shot with takes in the registry has them unfinished or failed; a name the registry does not know is often a typo.
		const shown = [...new Set(registry.takes.filter((t) => t.status === 'complete').map((t) => t.shotId))];
		const fix = registry.takes.some((t) => t.shotId === shotId) ? `"songreel takes ${shotId}" shows its takes; "songreel generate --shots ${shotId}" finishes them` : `shots with complete takes: ${shown.join(', ') || 'none yet (run "songreel generate")'}`;
		throw userError(`shot "${shotId}" has no complete takes`, fix);
	}
	const outputPath = path.resolve(values.out ?? `out/contact-${shotId}.png`);
	// Remotion's bundle and browser profile go in this run's own temp folder, removed at exit (the watchdog kills
	// the browser and removes it if this process is killed). Ctrl-C exits at once, as Remotion's own handler does
	// once the browser runs: the exit handlers remove the folder and the partial PNG.
	const scope = startRunScope();
	const stop = (): void => {
		process.stderr.write('\nstopping: nothing is written\n');
		process.exit(130);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	const progress = createStepProgress({label: `contact sheet ${shotId}`});
	try {
		await renderContactSheet({entryPoint: projectPaths(root).entryPoint, publicDir, shotId, outputPath, onProgress: progress.update});
	} finally {
		progress.finish();
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
		scope.release();
	}
	process.stdout.write(`wrote ${path.relative(process.cwd(), outputPath)}\n`);
	return 0;
};
