import {rmSync} from 'node:fs';
import {mkdir, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {bundle} from '@remotion/bundler';
import {renderStill, selectComposition} from '@remotion/renderer';
import {resolveBrowserExecutable} from './resolve-browser-executable.ts';

/** Renders the contact sheet of a shot (each take as a row of stills) to a PNG, atomically; `onProgress` hears each phase. */
export const renderContactSheet = async ({entryPoint, publicDir, shotId, outputPath, onProgress = () => undefined}: {entryPoint: string; publicDir: string; shotId: string; outputPath: string; onProgress?: (update: {readonly phase: string; readonly done?: number; readonly total?: number}) => void}): Promise<void> => {
	const browserExecutable = resolveBrowserExecutable();
	onProgress({phase: 'bundling, %', done: 0, total: 100});
	const serveUrl = await bundle({entryPoint, publicDir, onProgress: (percent) => onProgress({phase: 'bundling, %', done: Math.round(percent), total: 100})});
	const temporaryPath = `${outputPath}.tmp-${process.pid}.png`;
	// Ctrl-C ends the process with process.exit (songreel's handler, or Remotion's once the browser runs), before
	// any finally: an exit hook is the one place left to remove the partial file.
	const removeTemporary = (): void => rmSync(temporaryPath, {force: true});
	process.on('exit', removeTemporary);
	try {
		const inputProps = {shotId, mode: 'sheet'};
		onProgress({phase: 'opening the browser'});
		const composition = await selectComposition({serveUrl, id: `Takes-${shotId}`, inputProps, browserExecutable, logLevel: 'error'});
		await mkdir(path.dirname(outputPath), {recursive: true});
		onProgress({phase: 'drawing the sheet'});
		await renderStill({composition, serveUrl, inputProps, frame: 0, output: temporaryPath, imageFormat: 'png', browserExecutable, logLevel: 'error'});
		await rename(temporaryPath, outputPath);
	} finally {
		process.off('exit', removeTemporary);
		await rm(temporaryPath, {force: true});
		await rm(serveUrl, {recursive: true, force: true});
	}
};
