import path from 'node:path';
import {removeStaleFiles} from './remove-stale-files.ts';
import {type RunScope, startRunScope} from './start-run-scope.ts';

/**
 * Called once before a render bundles: removes what dead renders left (their run folders, partial chunks and
 * outputs), then starts this render's own scope (private temp folder, run id, watchdog). Returns a note
 * for stderr when something was removed.
 */
export const prepareRenderCleanup = async ({cacheDir, outputPaths}: {cacheDir: string; outputPaths: readonly string[]}): Promise<{scope: RunScope; note: string | null}> => {
	const stale = await removeStaleFiles({folders: [cacheDir, ...outputPaths.map((file) => path.dirname(file))]});
	const scope = startRunScope();
	const removed = stale.runFolders.length + stale.partialFiles.length;
	const note = removed === 0 ? null : `removed what an interrupted render left: ${stale.runFolders.length} temp folder${stale.runFolders.length === 1 ? '' : 's'}, ${stale.partialFiles.length} partial file${stale.partialFiles.length === 1 ? '' : 's'}`;
	return {scope, note};
};
