// Lint rules that keep songreel's layers honest (see ../shared/CONVENTIONS.md, section 1).
import tseslint from 'typescript-eslint';

const IO_AND_RENDERING = {
	patterns: [
		{group: ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'os', 'http', 'https', 'url'], message: 'schemas, problems, music, timeline and draw are pure: no IO here. Pass facts in instead.'},
		{group: ['openai', 'openai/*'], message: 'schemas, problems, music, timeline and draw are pure: vendor clients live in src/generation.'},
		{group: ['react', 'react-dom', 'remotion', '@remotion/*'], message: 'schemas, problems, music, timeline and draw run in Node, tests and the bundle alike: no React or Remotion here.'},
		{group: ['../assets/*', '../render/*', '../cli/*', '../project/*', '../generation/*', '../media/*', '**/remotion/*', '../remotion/*'], message: 'Imports flow one way: schemas <- music <- timeline <- draw <- (remotion, render). Nothing here imports an IO layer.'},
	],
};

export default tseslint.config(
	{ignores: ['node_modules/**', 'dist/**', 'examples/*/node_modules/**', 'examples/*/out/**', 'test/fixtures/fresh-project/**', 'out/**', 'scratch/**', '.songreel/**', 'public/**']},
	...tseslint.configs.recommended,
	{
		rules: {
			'@typescript-eslint/consistent-type-imports': ['error', {fixStyle: 'inline-type-imports'}],
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
			'no-restricted-syntax': ['error', {selector: 'ExportAllDeclaration', message: 'Re-export the public API by name, not with export *.'}],
		},
	},
	{
		files: ['src/schemas/**/*.ts', 'src/problems/**/*.ts', 'src/music/**/*.ts', 'src/timeline/**/*.ts', 'src/draw/**/*.ts'],
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': ['error', IO_AND_RENDERING],
			'no-restricted-properties': [
				'error',
				{object: 'Math', property: 'random', message: 'Deterministic: take a seed from the file instead.'},
				{object: 'Date', property: 'now', message: 'Deterministic: no clock in pure code.'},
			],
		},
	},
	{
		files: ['remotion/**/*.ts', 'remotion/**/*.tsx', 'src/remotion/**/*.ts', 'src/remotion/**/*.tsx'],
		rules: {
			'no-restricted-properties': [
				'error',
				{object: 'Math', property: 'random', message: 'Use random(seed) from remotion: renders must be deterministic.'},
				{object: 'Date', property: 'now', message: 'Renders must be deterministic.'},
			],
		},
	},
);
