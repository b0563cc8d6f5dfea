import type {z} from 'zod';
import {specMessages} from '../schemas/messages.ts';
import {formatPath, type Problem} from './problem.ts';

type AnyDef = {
	type: string;
	shape?: Record<string, z.ZodType>;
	element?: z.ZodType;
	valueType?: z.ZodType;
	innerType?: z.ZodType;
	options?: z.ZodType[];
	discriminator?: string;
	values?: unknown[];
};

const defOf = (schema: z.ZodType): AnyDef => (schema as unknown as {_zod: {def: AnyDef}})._zod.def;

const unwrap = (schema: z.ZodType): z.ZodType => {
	let current = schema;
	for (let def = defOf(current); def.innerType && ['optional', 'default', 'nullable', 'prefault'].includes(def.type); def = defOf(current)) {
		current = def.innerType;
	}
	return current;
};

const getAt = (input: unknown, path: readonly PropertyKey[]): unknown => {
	let current: unknown = input;
	for (const key of path) {
		if (current === null || typeof current !== 'object') {
			return undefined;
		}
		current = (current as Record<PropertyKey, unknown>)[key];
	}
	return current;
};

// Follows a path through the schema (picking union members by their discriminator in the input)
// to learn which fields the object there accepts, so a typo can be answered with the right names.
const schemaAt = (root: z.ZodType, input: unknown, path: readonly PropertyKey[], stopAtUnion = false): z.ZodType | null => {
	let schema = unwrap(root);
	for (let i = 0; i <= path.length; i++) {
		const def = defOf(schema);
		if (stopAtUnion && i === path.length && def.type === 'union') {
			return schema;
		}
		if (def.type === 'union' && def.discriminator && def.options) {
			const wanted = getAt(input, [...path.slice(0, i), def.discriminator]);
			const member = def.options.find((option) => {
				const literal = defOf(unwrap(option)).shape?.[def.discriminator as string];
				return literal ? (defOf(literal).values ?? []).includes(wanted) : false;
			});
			if (!member) {
				return null;
			}
			schema = unwrap(member);
			i--;
			continue;
		}
		if (i === path.length) {
			return schema;
		}
		const key = path[i];
		const next = def.type === 'object' ? def.shape?.[String(key)] : def.type === 'array' ? def.element : def.type === 'record' ? def.valueType : undefined;
		if (!next) {
			return null;
		}
		schema = unwrap(next);
	}
	return schema;
};

const knownFields = (root: z.ZodType, input: unknown, path: readonly PropertyKey[]): string[] => {
	const schema = schemaAt(root, input, path);
	return schema ? Object.keys(defOf(schema).shape ?? {}) : [];
};

const describeIssue = (issue: z.core.$ZodIssue, root: z.ZodType, input: unknown): {path: readonly PropertyKey[]; message: string}[] => {
	const got = issue.input;
	switch (issue.code) {
		case 'invalid_type':
			return [{path: issue.path, message: got === undefined ? specMessages.required(issue.expected) : specMessages.wrongType(issue.expected, got)}];
		case 'too_small':
			if (issue.origin === 'array') {
				return [{path: issue.path, message: specMessages.tooFewItems(issue.minimum)}];
			}
			if (issue.origin === 'string') {
				return [{path: issue.path, message: specMessages.mustNotBeEmpty()}];
			}
			return [{path: issue.path, message: Number(issue.minimum) === 0 && issue.inclusive === false ? specMessages.mustBePositive(got) : specMessages.mustBeAtLeast(issue.minimum, got)}];
		case 'too_big':
			return [{path: issue.path, message: specMessages.mustBeAtMost(issue.maximum, got)}];
		case 'invalid_value':
			return [{path: issue.path, message: specMessages.oneOf(issue.values, got)}];
		case 'unrecognized_keys': {
			const known = knownFields(root, input, issue.path);
			return issue.keys.map((key) => ({path: [...issue.path, key], message: specMessages.unknownField(key, known)}));
		}
		case 'invalid_union': {
			const discriminator = (issue as {discriminator?: string}).discriminator;
			if (discriminator) {
				// zod puts the discriminator key at the end of the path; the union itself sits one level up.
				const unionPath = issue.path[issue.path.length - 1] === discriminator ? issue.path.slice(0, -1) : issue.path;
				const union = schemaAt(root, input, unionPath, true);
				const options = union ? defOf(union).options ?? [] : [];
				const values = options.flatMap((option) => (defOf(defOf(unwrap(option)).shape?.[discriminator] as z.ZodType).values ?? []).map(String));
				return [{path: [...unionPath, discriminator], message: specMessages.unknownVariant(discriminator, getAt(input, [...unionPath, discriminator]), values)}];
			}
			return [{path: issue.path, message: issue.message}];
		}
		case 'invalid_format':
		case 'custom':
		default:
			return [{path: issue.path, message: issue.message}];
	}
};

/** Turns zod's issues into one problem per line with the user's path and a plain-words message. */
export const formatZodIssues = ({issues, schema, input, file, pathPrefix = []}: {
	issues: readonly z.core.$ZodIssue[];
	schema: z.ZodType;
	input: unknown;
	file: string;
	pathPrefix?: readonly PropertyKey[];
}): Problem[] =>
	issues.flatMap((issue) =>
		describeIssue(issue, schema, input).map(({path, message}) => ({
			file,
			path: formatPath([...pathPrefix, ...path]),
			message,
		})),
	);
