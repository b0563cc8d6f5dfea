// Builds the installable package: dist/ with JavaScript and type declarations from src/ (tsc rewrites the .ts import extensions).
import {execFileSync} from 'node:child_process';
import {rmSync} from 'node:fs';
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);
rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {stdio: 'inherit', cwd: new URL('..', import.meta.url)});
// songreel's own lyric-stills page (see src/render/direct/lyric-stills-page.ts), so the first render need not make it.
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-lyric-stills-page.ts'], {stdio: 'inherit', cwd: new URL('..', import.meta.url)});
