import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	build: {
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: [
						// Every page needs Svelte's and SvelteKit's client code: one file instead of several,
						// since on a slow network each extra request costs a round trip, not just its bytes.
						// So are the app's few tiny modules that nearly every page shares (skill names, number
						// formats, the review queue's line): each was a request of its own.
						{
							name: 'framework',
							test: /node_modules[\\/](svelte|@sveltejs[\\/]kit|devalue|esm-env|clsx)[\\/]|vite[\\/]preload-helper|src[\\/]lib[\\/](format\.ts|content[\\/]terms\.ts|components[\\/]ReviewQueueLine\.svelte)/
						}
					]
				}
			}
		}
	},
	test: {
		// The slowest test (the property test's 200 random quizzes) takes ~1.5 s on a quiet two-core
		// machine; a busy one (CI, or the browser tests alongside) can make it several times slower.
		testTimeout: 20_000,
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/{content,quiz,results,server,export,review}/**/*.test.ts']
				}
			},
			{
				extends: true,
				plugins: [svelteTesting()],
				test: {
					name: 'component',
					environment: 'jsdom',
					include: ['tests/components/**/*.test.ts'],
					setupFiles: ['tests/components/setup.ts']
				}
			}
		]
	}
});
