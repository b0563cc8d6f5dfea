/** Prefix of a render's private temp folder: `songreel-run-<pid>-<random>` in the system temp folder. */
export const RUN_FOLDER_PREFIX = 'songreel-run-';

/** The environment variable every process a render starts inherits, so they can be found after it dies. */
export const RUN_ID_VARIABLE = 'SONGREEL_RUN_ID';

/** The owner pid written in a run folder's name, or null when the name is not one. */
export const ownerOfRunFolder = (name: string): number | null => {
	const match = new RegExp(`^${RUN_FOLDER_PREFIX}(\\d+)-[a-z0-9]+$`).exec(name);
	return match ? Number(match[1]) : null;
};

// `<file>.tmp-<pid>…`: how writeFileAtomically, the chunk cache and render outputs name files being written.
const PARTIAL_FILE = /\.tmp-(\d+)(?:-\d+)?(?:\.[a-z0-9]+)?$/i;

/** The pid that was writing a partial file (`x.mp4.tmp-123-0.mp4`), or null when the name is not one. */
export const ownerOfPartialFile = (name: string): number | null => {
	const match = PARTIAL_FILE.exec(name);
	return match ? Number(match[1]) : null;
};
