// A process that bundles the Remotion project and exits: webpack's memory (hundreds of megabytes that a Node heap
// keeps once grown) leaves with it, instead of weighing on the render process, its garbage collections and every
// process it starts.
import {bundle} from '@remotion/bundler';

process.once('message', async ({entryPoint, publicDir}: {entryPoint: string; publicDir: string}) => {
	try {
		const serveUrl = await bundle({entryPoint, publicDir, onProgress: () => undefined});
		process.send?.({type: 'done', serveUrl});
	} catch (error) {
		process.send?.({type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error)});
	} finally {
		process.disconnect?.();
	}
});
