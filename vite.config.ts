import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { build, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Builds the module page's island (vite.island.config.ts) into static/island/ first, so every
 * `vite build` (npm run build, the tests, the benchmarks) ships it, and SvelteKit, which lists
 * static/ as it starts, copies it and lets the service worker keep it. `virtual:module-island`
 * tells the page the island's entry file and the files it imports, to preload them with it
 * (none in development, where SvelteKit's client runs the page).
 */
function moduleIsland(): Plugin {
	const id = 'virtual:module-island';
	let built = false;
	let island = { entry: '', preloads: [] as string[] };
	return {
		name: 'citewise-module-island',
		config: {
			order: 'pre',
			async handler(_config, env) {
				if (env.command !== 'build' || built || env.isSsrBuild) return;
				// `svelte-kit sync` (below) reads this config as a build too.
				if (process.env.CITEWISE_SYNCING) return;
				built = true;
				// The island's TypeScript is compiled with tsconfig.json, which extends the one
				// SvelteKit writes as it syncs: on a fresh clone that is not there yet, as SvelteKit's
				// own hook runs after this one.
				const kit = dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
				execFileSync(process.execPath, [join(kit, 'svelte-kit.js'), 'sync'], {
					stdio: 'inherit',
					env: { ...process.env, CITEWISE_SYNCING: '1' }
				});
				const result = await build({ configFile: 'vite.island.config.ts', logLevel: 'warn' });
				for (const output of Array.isArray(result) ? result : [result])
					for (const chunk of 'output' in output ? output.output : [])
						if (chunk.type === 'chunk' && chunk.isEntry)
							island = { entry: chunk.fileName, preloads: chunk.imports };
			}
		},
		resolveId: (source) => (source === id ? '\0' + id : undefined),
		load: (resolved) =>
			resolved === '\0' + id ? `export default ${JSON.stringify(island)};` : undefined
	};
}

export default defineConfig({
	plugins: [moduleIsland(), sveltekit()],
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
