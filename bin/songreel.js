#!/usr/bin/env node
// The songreel command. Compositions files are TypeScript, so the CLI runs under tsx's loader: in a checkout it
// runs songreel's own sources, in an installed package the built dist/.
import {existsSync} from 'node:fs';
import {register} from 'tsx/esm/api';

register();
const source = new URL('../src/cli/main.ts', import.meta.url);
const {main} = await import(existsSync(source) ? source.href : new URL('../dist/cli/main.js', import.meta.url).href);
await main(process.argv.slice(2));
