#!/usr/bin/env node
// The songreel command. The project's compositions file is TypeScript, so the CLI runs under tsx's loader.
import {register} from 'tsx/esm/api';

register();
const {main} = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
