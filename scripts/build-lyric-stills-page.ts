// Makes songreel's own lyric-stills page ahead of the first render (run by `npm run build`, so by `npm install` in a
// checkout): renders whose lyric lines are in the built-in look take their stills from it without bundling the
// project. A no-op when the page for this code and these Remotion and React versions is already there.
import {bundle} from '@remotion/bundler';
import {lyricStillsPage} from '../src/render/direct/lyric-stills-page.ts';

// Said on stderr: `npm pack --json`, which runs this, prints its result on stdout.
const started = performance.now();
const page = await lyricStillsPage((options) => bundle({...options, onProgress: () => undefined}));
process.stderr.write(`songreel: lyric-stills page ready in ${((performance.now() - started) / 1000).toFixed(1)} s (${page})\n`);
