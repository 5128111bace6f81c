/**
 * The module page's island (src/routes/modules/[slug]/island.ts): Svelte and the page's own code,
 * without SvelteKit's client. vite.config.ts builds it into static/island/ before the app, so the
 * app's service worker keeps it with the other static files.
 */
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
	base: '/island/',
	// The app's own build copies static/ (this output included); this build copies nothing.
	publicDir: false,
	// Styles come with the page SvelteKit renders; the same components' class names match, as
	// Svelte names them after each component's file.
	plugins: [svelte({ compilerOptions: { css: 'external' }, emitCss: false })],
	resolve: {
		alias: {
			$lib: here('./src/lib'),
			'$app/forms': here('./src/lib/island/forms.ts'),
			'$app/navigation': here('./src/lib/island/navigation.ts'),
			'$app/state': here('./src/lib/island/state.ts')
		}
	},
	build: {
		outDir: 'static/island',
		emptyOutDir: true,
		rolldownOptions: {
			input: here('./src/routes/modules/[slug]/island.ts'),
			output: {
				entryFileNames: 'module-[hash].js',
				chunkFileNames: '[name]-[hash].js',
				// Svelte's runtime in the one file with the page: on a slow network each file before
				// the first question is a request.
				codeSplitting: {
					groups: [{ name: 'svelte', test: /node_modules[\\/](svelte|esm-env|clsx|devalue)[\\/]/ }]
				}
			}
		}
	}
});
