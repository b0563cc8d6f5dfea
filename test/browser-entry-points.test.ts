import path from 'node:path';
import {build} from 'esbuild';
import {describe, expect, test} from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

describe('the entry points a Remotion bundle imports', () => {
	test.each(['src/index.ts', 'src/remotion/index.ts'])('%s pulls in no Node built-in', async (entry) => {
		const result = await build({entryPoints: [path.join(root, entry)], bundle: true, write: false, metafile: true, platform: 'neutral', format: 'esm', packages: 'external', logLevel: 'silent', jsx: 'automatic'});
		const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((imported) => imported.path));
		expect(imports.filter((imported) => imported.startsWith('node:') || ['fs', 'path', 'child_process', 'os', 'crypto', 'module'].includes(imported))).toEqual([]);
	});
});
