import type {z} from 'zod';
import {formatZodIssues} from '../problems/format-zod-issues.ts';
import {formatPath, formatProblem, type Problem, SongreelInputError} from '../problems/problem.ts';
import type {Generate} from './generate-schema.ts';
import type {Layer} from './layer-schema.ts';
import {deliverableCompositionId} from './deliverable-composition-id.ts';
import {specMessages} from './messages.ts';
import {componentOf, isComponentLike, NO_EXTENSIONS, type ProjectExtensions, schemaOf} from './project-extensions.ts';
import {type MusicVideoProps, type Project, projectSchemaFor} from './project-schema.ts';
import {TRANSITION_TYPES} from './transition-schema.ts';
import type {Video} from './video-schema.ts';

const LENGTH_FIELDS = ['lengthInBeats', 'lengthInBars', 'lengthInSeconds'] as const;

// A component reference (shot or layer): registered, and its props pass the component's schema.
const componentProblems = ({component, props, extensions, file, path}: {component: string; props: unknown; extensions: ProjectExtensions; file: string; path: readonly PropertyKey[]}): Problem[] => {
	const registered = extensions.components[component];
	if (registered === undefined) {
		return [{file, path: formatPath([...path, 'component']), message: specMessages.unknownComponent(component, Object.keys(extensions.components)), fix: specMessages.unknownComponentFix()}];
	}
	if (registered.schema === null) {
		return [];
	}
	const result = registered.schema.safeParse(props ?? {}, {reportInput: true});
	return result.success ? [] : formatZodIssues({issues: result.error.issues, schema: registered.schema, input: props ?? {}, file, pathPrefix: [...path, 'props']});
};

const layerProblems = (layers: readonly Layer[], extensions: ProjectExtensions, file: string, path: readonly PropertyKey[]): Problem[] =>
	layers.flatMap((layer, index) => {
		const at = [...path, index];
		const given = [...LENGTH_FIELDS, 'until' as const].filter((field) => layer[field] !== undefined);
		return [
			...componentProblems({component: layer.component, props: layer.props, extensions, file, path: at}),
			...(given.length > 1 ? [{file, path: formatPath(at), message: specMessages.atMostOneLayerLength(given)}] : []),
		];
	});

// A generated shot: nothing else names its clip, it says what to show, and it starts from at most one image.
const generateProblems = ({generate, sources, file, path}: {generate: Generate; sources: number; file: string; path: readonly PropertyKey[]}): Problem[] => {
	const problems: Problem[] = [];
	if (sources > 0) {
		problems.push({file, path: formatPath(path), message: specMessages.generateWithSource()});
	}
	if (generate.prompt === undefined && generate.shot === undefined) {
		problems.push({file, path: formatPath([...path, 'generate']), message: specMessages.generatePromptOrShot()});
	}
	if (generate.referenceImage !== undefined && generate.continueFrom !== undefined) {
		problems.push({file, path: formatPath([...path, 'generate']), message: specMessages.generateImageTwice()});
	}
	return problems;
};

// Rules zod's shape cannot say in one place: they span fields, or need the project's registrations.
const videoRuleProblems = (video: Video, extensions: ProjectExtensions, file: string, prefix: readonly PropertyKey[]): Problem[] => {
	const problems: Problem[] = [...layerProblems(video.layers, extensions, file, [...prefix, 'layers'])];
	const rendererProblem = (renderer: string | undefined, path: readonly PropertyKey[]): void => {
		if (renderer !== undefined && !extensions.lyricRenderers.includes(renderer)) {
			problems.push({file, path: formatPath([...path, 'renderer']), message: specMessages.unknownLyricRenderer(renderer, extensions.lyricRenderers), fix: specMessages.unknownLyricRendererFix()});
		}
	};
	rendererProblem(video.defaults.lyrics.renderer, [...prefix, 'defaults', 'lyrics']);
	for (const [sectionId, plan] of Object.entries(video.sections)) {
		const sectionPath = [...prefix, 'sections', sectionId];
		const hasShots = plan.shots !== undefined && plan.shots.length > 0;
		if ([hasShots, plan.filler !== undefined, plan.cutEvery !== undefined].filter(Boolean).length !== 1) {
			problems.push({file, path: formatPath(sectionPath), message: specMessages.shotsOrFiller()});
		}
		if (plan.cutEvery !== undefined && (plan.cutEvery.clips?.length ?? 0) + (plan.cutEvery.takes?.length ?? 0) === 0) {
			problems.push({file, path: formatPath([...sectionPath, 'cutEvery']), message: specMessages.emptyPool()});
		}
		rendererProblem(plan.lyrics?.renderer, [...sectionPath, 'lyrics']);
		problems.push(...layerProblems(plan.layers ?? [], extensions, file, [...sectionPath, 'layers']));
		(plan.shots ?? []).forEach((shot, index) => {
			const shotPath = [...sectionPath, 'shots', index];
			const sources = [shot.clip, shot.take, shot.component].filter((source) => source !== undefined).length;
			if (shot.generate !== undefined) {
				problems.push(...generateProblems({generate: shot.generate, sources, file, path: shotPath}));
			} else if (sources !== 1) {
				problems.push({file, path: formatPath(shotPath), message: specMessages.clipOrTake()});
			} else if (shot.component !== undefined) {
				problems.push(...componentProblems({component: shot.component, props: shot.props, extensions, file, path: shotPath}));
			} else if (shot.props !== undefined) {
				problems.push({file, path: formatPath([...shotPath, 'props']), message: specMessages.propsWithoutComponent()});
			}
			const given = LENGTH_FIELDS.filter((field) => shot[field] !== undefined);
			if (given.length > 1) {
				problems.push({file, path: formatPath(shotPath), message: specMessages.atMostOneLength(given)});
			}
		});
	}
	return problems;
};

const parseOrThrow = <T extends z.ZodType>(schema: T, input: unknown, file: string): z.infer<T> => {
	const result = schema.safeParse(input, {reportInput: true});
	if (!result.success) {
		throw new SongreelInputError(formatZodIssues({issues: result.error.issues, schema, input, file}));
	}
	return result.data;
};

const entriesOf = (value: unknown): [string, unknown][] => (typeof value === 'object' && value !== null ? Object.entries(value) : []);

/** What the compiler needs to know of a compositions file's own code: names and prop schemas. */
export const projectExtensions = (input: {readonly components?: unknown; readonly transitions?: unknown; readonly lyricRenderers?: unknown}): ProjectExtensions => ({
	components: Object.fromEntries(entriesOf(input.components).map(([name, registration]) => [name, {schema: schemaOf(registration)}])),
	transitions: entriesOf(input.transitions).map(([name]) => name),
	lyricRenderers: entriesOf(input.lyricRenderers).map(([name]) => name),
});

// The registrations themselves: React components, presentations, schemas, and no clash with a built-in transition.
const registrationProblems = (input: Record<string, unknown>, file: string): Problem[] => [
	...entriesOf(input.components).flatMap(([name, registration]): Problem[] => {
		const problems: Problem[] = [];
		if (!isComponentLike(componentOf(registration))) {
			problems.push({file, path: formatPath(['components', name]), message: specMessages.notAComponent(registration)});
		}
		const schema = typeof registration === 'object' && registration !== null && 'schema' in registration ? (registration as {schema: unknown}).schema : undefined;
		if (schema !== undefined && typeof (schema as {safeParse?: unknown})?.safeParse !== 'function') {
			problems.push({file, path: formatPath(['components', name, 'schema']), message: specMessages.notASchema()});
		}
		return problems;
	}),
	...entriesOf(input.transitions).flatMap(([name, registration]): Problem[] => {
		if ((TRANSITION_TYPES as readonly string[]).includes(name)) {
			return [{file, path: formatPath(['transitions', name]), message: specMessages.transitionNameTaken(name)}];
		}
		const presentation = typeof registration === 'function' ? null : registration;
		return presentation === null || isComponentLike((presentation as {component?: unknown})?.component) ? [] : [{file, path: formatPath(['transitions', name]), message: specMessages.notAPresentation()}];
	}),
	...entriesOf(input.lyricRenderers).flatMap(([name, renderer]): Problem[] => (isComponentLike(renderer) ? [] : [{file, path: formatPath(['lyricRenderers', name]), message: specMessages.notAComponent(renderer)}])),
];

/** Validates a whole compositions file (its own components, transitions and lyric renderers included); throws `SongreelInputError` listing every problem. */
export const validateProject = (input: unknown, file: string): Project => {
	if (input === undefined) {
		throw new SongreelInputError([{file, path: '', message: specMessages.notAProject()}]);
	}
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		throw new SongreelInputError([{file, path: '', message: specMessages.notAProjectGot(input)}]);
	}
	const extensions = projectExtensions(input);
	const registrations = registrationProblems(input as Record<string, unknown>, file);
	const result = projectSchemaFor(extensions.transitions).project.safeParse(input, {reportInput: true});
	if (!result.success) {
		throw new SongreelInputError([...registrations, ...formatZodIssues({issues: result.error.issues, schema: projectSchemaFor(extensions.transitions).project, input, file})]);
	}
	const project = result.data as Project;
	const problems = [...registrations, ...project.videos.flatMap((video, index) => videoRuleProblems(video, extensions, file, ['videos', index]))];
	const seen = new Set<string>();
	// Each deliverable is a composition too (Studio, `npx remotion render`): its id must not be another's.
	const compositionIds = new Map<string, {video: string; deliverable: string | null}>(project.videos.map((video) => [video.id, {video: video.id, deliverable: null}]));
	project.videos.forEach((video, index) => {
		if (seen.has(video.id)) {
			problems.push({file, path: formatPath(['videos', index, 'id']), message: specMessages.duplicateVideoId(video.id)});
		}
		seen.add(video.id);
		const deliverables = new Set<string>();
		video.deliverables.forEach((deliverable, at) => {
			if (deliverables.has(deliverable.id)) {
				problems.push({file, path: formatPath(['videos', index, 'deliverables', at, 'id']), message: specMessages.duplicateDeliverable(deliverable.id)});
				return;
			}
			deliverables.add(deliverable.id);
			const compositionId = deliverableCompositionId(video.id, deliverable.id);
			const takenBy = compositionIds.get(compositionId);
			if (takenBy !== undefined) {
				problems.push({file, path: formatPath(['videos', index, 'deliverables', at, 'id']), message: specMessages.deliverableCompositionTaken(compositionId, takenBy)});
			}
			compositionIds.set(compositionId, {video: video.id, deliverable: deliverable.id});
		});
	});
	if (problems.length > 0) {
		throw new SongreelInputError(problems);
	}
	return project;
};

/** Validates one composition's props (as edited in Studio); same messages as `validateProject`. */
export const validateMusicVideoProps = (input: unknown, file: string, extensions: ProjectExtensions = NO_EXTENSIONS): MusicVideoProps => {
	const props = parseOrThrow(projectSchemaFor(extensions.transitions).musicVideoProps, input, file) as MusicVideoProps;
	const problems = videoRuleProblems(props.video, extensions, file, ['video']);
	if (problems.length > 0) {
		throw new SongreelInputError(problems);
	}
	return props;
};

/** What is wrong with a project, one line a problem as the CLI prints them (empty when it is valid): `validateProject` without the throw. */
export const projectProblems = (input: unknown, file: string): string[] => {
	try {
		validateProject(input, file);
		return [];
	} catch (error) {
		if (error instanceof SongreelInputError) {
			return error.problems.map(formatProblem);
		}
		throw error;
	}
};
