// A process that bundles the Remotion project and exits: webpack's memory (hundreds of megabytes that a Node heap
// keeps once grown) leaves with it, instead of weighing on the render process, its garbage collections and every
// process it starts.
import {bundle} from '@remotion/bundler';

process.once('message', async ({entryPoint, publicDir, outDir}: {entryPoint: string; publicDir: string; outDir?: string}) => {
	try {
		// The public folder is linked, not copied: a copy of every clip cost a second a render (the bundle is removed
		// after the render, which removes the link, not the clips). Without `outDir`, a temporary folder.
		const serveUrl = await bundle({entryPoint, publicDir, symlinkPublicDir: true, onProgress: () => undefined, ...(outDir ? {outDir} : {})});
		process.send?.({type: 'done', serveUrl});
	} catch (error) {
		process.send?.({type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error)});
	} finally {
		process.disconnect?.();
	}
});
