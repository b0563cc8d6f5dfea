/** Message texts of the schemas layer; tests assert through these functions. */

const show = (value: unknown): string => {
	if (typeof value === 'string') {
		return JSON.stringify(value);
	}
	if (value === undefined) {
		return 'nothing';
	}
	if (Array.isArray(value)) {
		return 'a list';
	}
	if (value === null) {
		return 'null';
	}
	if (typeof value === 'object') {
		return 'an object';
	}
	return String(value);
};

export const specMessages = {
	show,
	required: (expected: string) => `is required (expected ${expected})`,
	wrongType: (expected: string, got: unknown) => `expected ${expected}, got ${show(got)}`,
	mustBePositive: (got: unknown) => `must be positive, got ${show(got)}`,
	mustBeAtLeast: (minimum: number | bigint, got: unknown) => `must be at least ${minimum}, got ${show(got)}`,
	mustBeAtMost: (maximum: number | bigint, got: unknown) => `must be at most ${maximum}, got ${show(got)}`,
	mustBeInteger: (got: unknown) => `must be a whole number, got ${show(got)}`,
	tooFewItems: (minimum: number | bigint) => `needs at least ${minimum} item${Number(minimum) === 1 ? '' : 's'}`,
	mustNotBeEmpty: () => 'must not be empty',
	oneOf: (values: readonly unknown[], got: unknown) => `expected one of ${values.map(show).join(', ')}, got ${show(got)}`,
	unknownField: (key: string, known: readonly string[]) =>
		`unknown field ${show(key)}${known.length > 0 ? ` (known fields: ${known.join(', ')})` : ''}`,
	unknownVariant: (discriminator: string, got: unknown, values: readonly string[]) =>
		`unknown ${discriminator} ${show(got)}, expected one of ${values.map(show).join(', ')}`,
	atMostOneLength: (names: readonly string[]) => `give at most one of ${names.join(', ')} (none means "fill the rest of the section")`,
	clipOrTake: () => 'give one of "clip" (a file under public/), "take" (a shot or take id), "component" (one of the project\'s components) or "generate" (a clip songreel generates for the slot)',
	propsWithoutComponent: () => '"props" only goes with "component"',
	unknownPromptField: (field: string, known: readonly string[]) => `unknown template field {${field}} (known: ${known.map((name) => `{${name}}`).join(', ')}; {lyric|text} gives text where no line is sung)`,
	generateWithSource: () => '"generate" makes the shot\'s clip: give it without "clip", "take" or "component"',
	generatePromptOrShot: () => 'give "generate" a "prompt" (a text, may use {section} and {lyric}) or a "shot" (a shot id of the shot list), or both ({shot} in the prompt is that shot\'s prompt)',
	generateImageTwice: () => 'give "generate" at most one of "referenceImage" and "continueFrom" (a provider takes one image)',
	unknownComponent: (name: string, known: readonly string[]) =>
		`component ${show(name)} is not registered${known.length > 0 ? ` (registered: ${known.join(', ')})` : ' (the project registers none)'}`,
	unknownComponentFix: () => 'add it to defineProject({components: {...}}) or fix the name',
	unknownLyricRenderer: (name: string, known: readonly string[]) =>
		`lyric renderer ${show(name)} is not registered${known.length > 0 ? ` (registered: ${known.join(', ')})` : ' (the project registers none)'}`,
	unknownLyricRendererFix: () => 'add it to defineProject({lyricRenderers: {...}}) or fix the name',
	atMostOneLayerLength: (names: readonly string[]) => `give at most one of ${names.join(', ')} (none means "to the end of its section")`,
	notAComponent: (got: unknown) => `expected a React component (a function, or React.memo/forwardRef of one), got ${show(got)}`,
	notASchema: () => 'expected a zod schema for the component\'s props',
	notAPresentation: () => 'expected a @remotion/transitions presentation ({component, props}) or a function of props returning one',
	transitionNameTaken: (name: string) => `${show(name)} is a built-in transition; give your own transition another name`,
	shotsOrFiller: () => 'give one of "shots" (a non-empty list), "cutEvery" or "filler" (a colour)',
	emptyPool: () => 'give "clips" or "takes" to cut between',
	duplicateVideoId: (id: string) => `composition id ${show(id)} is used twice`,
	notAProject: () => 'the compositions file must export default defineProject({song, videos})',
	notAProjectGot: (got: unknown) => `the compositions file must export default defineProject({song, videos}), but its default export is ${show(got)}`,
	notAColor: (got: unknown) =>
		`expected a CSS colour (a name like "white", "#rgb", "#rrggbb", "#rrggbbaa", "rgb(…)", "rgba(…)", "hsl(…)" or "transparent"), got ${show(got)}`,
	mustBeEven: (got: unknown) => `must be even (H.264 stores colour for 2x2 pixel blocks), got ${show(got)}; use ${typeof got === 'number' ? `${got - 1} or ${got + 1}` : 'an even number'}`,
	keyframesOutOfOrder: () => 'keyframes must come in order of atBeat, each later than the one before',
	focusPointOrKeyframes: () => 'give either a point (x, y) or keyframes, not both',
	duplicateDeliverable: (id: string) => `deliverable ${show(id)} is declared twice; give each deliverable its own id`,
	deliverableCompositionTaken: (compositionId: string, takenBy: {readonly video: string; readonly deliverable: string | null}) =>
		`this deliverable's composition id ${show(compositionId)} (video id, a dash, deliverable id) is already ${takenBy.deliverable === null ? `the id of video ${show(takenBy.video)}` : `the composition of deliverable ${show(takenBy.deliverable)} of video ${show(takenBy.video)}`}; rename the deliverable or the video`,
	unknownDeliverable: (id: string, known: readonly string[]) =>
		`the video has no deliverable ${show(id)}; ${known.length === 0 ? 'it declares none' : `its deliverables are ${known.map(show).join(', ')}`}`,
	barBeforeOne: (got: string) => `bars count from 1, got ${show(got)} (bar 0 does not exist); the song's first downbeat is "1", a pickup before it is given in seconds like "0s"`,
	beatBeforeOne: (got: string, bar: number) => `beats count from 1, got ${show(got)} (beat 0 of bar ${bar} does not exist); the bar's downbeat is "${bar}:1" or "${bar}"`,
	pathLeavesPublic: (got: string) => `must be a path inside public/, got ${show(got)}`,
	pathLeavesPublicFix: () => 'copy the file into public/ and give its path relative to public/, like "clips/a.mp4"',
} as const;
