import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['src/**/*.test.ts', 'remotion/**/*.test.ts', 'test/**/*.test.ts'],
		// End-to-end tests bundle and render with a real browser on a 2-core machine.
		testTimeout: 240_000,
		hookTimeout: 240_000,
		globalSetup: ['test/global-setup.ts'],
	},
});
