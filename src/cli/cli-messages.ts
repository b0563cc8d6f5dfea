/** Message texts of the command line; tests assert through these functions. */

const q = (text: string): string => JSON.stringify(text);

export const cliMessages = {
	unknownOption: (option: string) => `unknown option ${q(option)}`,
	unknownOptionFix: (known: readonly string[]) => `the options are ${known.map((name) => `--${name}`).join(', ')}; run "songreel help" for what they do`,
	missingValue: (option: string, example: string) => `needs a value, like ${option} ${example}`,
	noValueWanted: (value: string) => `takes no value, got ${q(value)}`,
	notANumber: (value: string) => `expected a number, got ${q(value)}`,
	notAnInteger: (value: string) => `expected a whole number, got ${q(value)}`,
	outOfRange: (value: string, range: string) => `must be ${range}, got ${q(value)}`,
	oneOf: (value: string, values: readonly string[]) => `expected one of ${values.join(', ')}, got ${q(value)}`,
	frameRange: (value: string) => `expected frames like "0-89" (first-last, inclusive) or "30" (one frame), got ${q(value)}`,
	frameRangeBackwards: (value: string) => `the first frame comes after the last, got ${q(value)}`,
	frameRangeOutsideVideo: (value: string, id: string, durationInFrames: number) =>
		`${q(value)} is outside ${id}, which has frames 0-${durationInFrames - 1} (${durationInFrames} frames)`,
	deprecatedOption: (old: string, replacement: string, meaning: string) =>
		`${old} is deprecated: use ${replacement} (${meaning}); ${old} still works in this release and stops working in the next`,
	bothOldAndNewOption: (old: string, replacement: string) => `${old} and ${replacement} mean the same here; give only ${replacement}`,
	unknownCommand: (command: string) => `unknown command ${q(command)}`,
	unknownCommandFix: () => 'run "songreel help" for the commands',
	pathUnderFile: (value: string, file: string) => `${q(value)} cannot be created: ${q(file)} is a file, not a folder`,
	pathIsFolder: (value: string) => `${q(value)} is a folder; give a file name like out/video.mp4`,
	folderNotWritable: (value: string, folder: string, reason: string) => `cannot write ${q(value)}: folder ${q(folder)} is not writable (${reason})`,
	folderNotWritableFix: () => 'choose another folder, or fix its permissions',
	notMp4: (value: string) => `expected an .mp4 file, got ${q(value)}`,
	noBrowser: () => 'no browser to render with: songreel needs Chromium\'s headless shell and will not download one',
	noBrowserFix: () => 'install it with "apt-get install chromium-headless-shell", or set SONGREEL_BROWSER_EXECUTABLE to a Chrome or Chromium binary',
	browserMissing: (file: string) => `SONGREEL_BROWSER_EXECUTABLE points to ${q(file)}, which does not exist`,
	projectCodeFailed: ({component, where, frame, message}: {component: string; where: string; frame: number; message: string}) =>
		`${where}: your component "${component}" threw at frame ${frame}: ${message}; the render stopped and wrote no file`,
	bug: () => 'this is a bug in songreel, not in your files: please report it with the command you ran and the lines above',
} as const;
