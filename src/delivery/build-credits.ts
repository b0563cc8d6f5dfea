// Pure: who and what made a video, from its compiled timeline and the take registry. No IO here.
import type {Registry, Take} from '../takes/take-schema.ts';
import type {ResolvedTimeline} from '../timeline/resolved-timeline.ts';

/** One generated take used in the video, with what made it and what it cost. */
export type CreditedTake = {
	readonly takeId: string;
	readonly shotId: string;
	readonly provider: string;
	readonly model: string;
	readonly prompt: string;
	readonly seed: number;
	/** What the provider charged; the estimate when the charge is unknown (`costIsEstimate`). */
	readonly costInUsd: number;
	readonly costIsEstimate: boolean;
	readonly file: string;
	/** Shot ids of the timeline (`section/index`) that show this take. */
	readonly usedIn: readonly string[];
};

/** A clip that did not come from a provider: a file in the project, or a take imported from a folder. */
export type OtherClip = {
	readonly file: string;
	readonly origin: 'project file' | 'imported take';
	readonly takeId: string | null;
	readonly usedIn: readonly string[];
};

/** The credits of one video: the song, the generated takes it uses, what they cost, and the clips from elsewhere. */
export type Credits = {
	readonly video: string;
	readonly song: string;
	readonly generatedTakes: readonly CreditedTake[];
	readonly totalGenerationCostInUsd: number;
	/** True when some take's charge is unknown and its estimate was counted instead. */
	readonly totalIncludesEstimates: boolean;
	readonly otherClips: readonly OtherClip[];
};

// Takes registered by "songreel import" carry this provider: they were made elsewhere, by a provider songreel never saw.
const IMPORTED_PROVIDER = 'folder';

/** Builds the credits of a timeline: every clip it shows, matched to the registry's takes by file. */
export const buildCredits = ({timeline, registry}: {readonly timeline: ResolvedTimeline; readonly registry: Registry}): Credits => {
	const usedIn = new Map<string, string[]>();
	for (const shot of timeline.shots) {
		if (shot.visual.kind !== 'clip') {
			continue;
		}
		usedIn.set(shot.visual.src, [...(usedIn.get(shot.visual.src) ?? []), shot.id]);
	}
	const takeByFile = new Map<string, Take>(registry.takes.filter((take) => take.file !== null).map((take) => [take.file as string, take]));
	const generatedTakes: CreditedTake[] = [];
	const otherClips: OtherClip[] = [];
	for (const [file, shots] of usedIn) {
		const take = takeByFile.get(file);
		if (take === undefined || take.provider === IMPORTED_PROVIDER) {
			otherClips.push({file, origin: take === undefined ? 'project file' : 'imported take', takeId: take?.id ?? null, usedIn: shots});
			continue;
		}
		generatedTakes.push({
			takeId: take.id,
			shotId: take.shotId,
			provider: take.provider,
			model: take.model,
			prompt: take.prompt,
			seed: take.params.seed,
			costInUsd: take.costUsd ?? take.estimatedCostUsd,
			costIsEstimate: take.costUsd === null,
			file,
			usedIn: shots,
		});
	}
	generatedTakes.sort((a, b) => a.takeId.localeCompare(b.takeId, 'en', {numeric: true}));
	otherClips.sort((a, b) => a.file.localeCompare(b.file));
	// Cents are summed as integers of a tenth of a cent so the total does not drift in floating point.
	const total = generatedTakes.reduce((sum, take) => sum + Math.round(take.costInUsd * 100_000), 0) / 100_000;
	return {video: timeline.id, song: timeline.audio.src, generatedTakes, totalGenerationCostInUsd: total, totalIncludesEstimates: generatedTakes.some((t) => t.costIsEstimate), otherClips};
};

const usd = (value: number): string => `$${value.toFixed(2)}`;

/** The credits as Markdown, for a description or a README: one section per kind, prompts quoted. */
export const serializeCreditsMarkdown = (credits: Credits): string => {
	const lines = [`# Credits: ${credits.video}`, '', `Song: \`${credits.song}\``, ''];
	lines.push(`## Generated clips (${credits.generatedTakes.length})`, '');
	if (credits.generatedTakes.length === 0) {
		lines.push('None: every clip in this video came from elsewhere.', '');
	}
	for (const take of credits.generatedTakes) {
		lines.push(
			`### ${take.takeId}`,
			'',
			`- Provider: ${take.provider}, model ${take.model}, seed ${take.seed}`,
			`- Cost: ${usd(take.costInUsd)}${take.costIsEstimate ? ' (estimate; the charge is unknown)' : ''}`,
			`- Used in: ${take.usedIn.join(', ')}`,
			'- Prompt:',
			'',
			...take.prompt.split('\n').map((line) => `  > ${line}`),
			'',
		);
	}
	lines.push(`Total generation cost: ${usd(credits.totalGenerationCostInUsd)}${credits.totalIncludesEstimates ? ' (includes estimates)' : ''}`, '');
	lines.push(`## Other clips (${credits.otherClips.length})`, '');
	for (const clip of credits.otherClips) {
		lines.push(`- \`${clip.file}\`: ${clip.origin}${clip.takeId === null ? '' : ` (take ${clip.takeId})`}; used in ${clip.usedIn.join(', ')}`);
	}
	return `${lines.join('\n').trimEnd()}\n`;
};
