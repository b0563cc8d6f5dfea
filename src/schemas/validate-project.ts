import type {z} from 'zod';
import {formatZodIssues} from '../problems/format-zod-issues.ts';
import {specMessages} from './messages.ts';
import {type MusicVideoProps, musicVideoPropsSchema, type Project, projectSchema} from './project-schema.ts';
import {formatPath, type Problem, SongreelInputError} from '../problems/problem.ts';
import type {Video} from './video-schema.ts';

const LENGTH_FIELDS = ['lengthInBeats', 'lengthInBars', 'lengthInSeconds'] as const;

// Rules zod's shape cannot say in one place: they span fields, so they are checked after parsing.
const videoRuleProblems = (video: Video, file: string, prefix: readonly PropertyKey[]): Problem[] => {
	const problems: Problem[] = [];
	for (const [sectionId, plan] of Object.entries(video.sections)) {
		const hasShots = plan.shots !== undefined && plan.shots.length > 0;
		if ([hasShots, plan.filler !== undefined, plan.cutEvery !== undefined].filter(Boolean).length !== 1) {
			problems.push({file, path: formatPath([...prefix, 'sections', sectionId]), message: specMessages.shotsOrFiller()});
		}
		if (plan.cutEvery !== undefined && (plan.cutEvery.clips?.length ?? 0) + (plan.cutEvery.takes?.length ?? 0) === 0) {
			problems.push({file, path: formatPath([...prefix, 'sections', sectionId, 'cutEvery']), message: specMessages.emptyPool()});
		}
		(plan.shots ?? []).forEach((shot, index) => {
			if ((shot.clip === undefined) === (shot.take === undefined)) {
				problems.push({file, path: formatPath([...prefix, 'sections', sectionId, 'shots', index]), message: specMessages.clipOrTake()});
			}
			const given = LENGTH_FIELDS.filter((field) => shot[field] !== undefined);
			if (given.length > 1) {
				problems.push({file, path: formatPath([...prefix, 'sections', sectionId, 'shots', index]), message: specMessages.atMostOneLength(given)});
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

/** Validates a whole compositions file; throws `SongreelInputError` listing every problem. */
export const validateProject = (input: unknown, file: string): Project => {
	if (input === undefined) {
		throw new SongreelInputError([{file, path: '', message: specMessages.notAProject()}]);
	}
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		throw new SongreelInputError([{file, path: '', message: specMessages.notAProjectGot(input)}]);
	}
	const project = parseOrThrow(projectSchema, input, file);
	const problems = project.videos.flatMap((video, index) => videoRuleProblems(video, file, ['videos', index]));
	const seen = new Set<string>();
	project.videos.forEach((video, index) => {
		if (seen.has(video.id)) {
			problems.push({file, path: formatPath(['videos', index, 'id']), message: specMessages.duplicateVideoId(video.id)});
		}
		seen.add(video.id);
	});
	if (problems.length > 0) {
		throw new SongreelInputError(problems);
	}
	return project;
};

/** Validates one composition's props (as edited in Studio); same messages as `validateProject`. */
export const validateMusicVideoProps = (input: unknown, file: string): MusicVideoProps => {
	const props = parseOrThrow(musicVideoPropsSchema, input, file);
	const problems = videoRuleProblems(props.video, file, ['video']);
	if (problems.length > 0) {
		throw new SongreelInputError(problems);
	}
	return props;
};
