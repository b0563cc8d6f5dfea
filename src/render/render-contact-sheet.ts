import {mkdir, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {bundle} from '@remotion/bundler';
import {renderStill, selectComposition} from '@remotion/renderer';
import {resolveBrowserExecutable} from './resolve-browser-executable.ts';

/** Renders the contact sheet of a shot (each take as a row of stills) to a PNG, atomically. */
export const renderContactSheet = async ({entryPoint, publicDir, shotId, outputPath}: {entryPoint: string; publicDir: string; shotId: string; outputPath: string}): Promise<void> => {
	const browserExecutable = resolveBrowserExecutable();
	const serveUrl = await bundle({entryPoint, publicDir, onProgress: () => undefined});
	const temporaryPath = `${outputPath}.tmp-${process.pid}.png`;
	try {
		const inputProps = {shotId, mode: 'sheet'};
		const composition = await selectComposition({serveUrl, id: `Takes-${shotId}`, inputProps, browserExecutable, logLevel: 'error'});
		await mkdir(path.dirname(outputPath), {recursive: true});
		await renderStill({composition, serveUrl, inputProps, frame: 0, output: temporaryPath, imageFormat: 'png', browserExecutable, logLevel: 'error'});
		await rename(temporaryPath, outputPath);
	} finally {
		await rm(temporaryPath, {force: true});
		await rm(serveUrl, {recursive: true, force: true});
	}
};
