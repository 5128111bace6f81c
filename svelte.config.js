import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	// Svelte would add a script of its own to every page to announce its version to the browser
	// (for statistics); on a slow network each script before the first question is a request.
	compilerOptions: { discloseVersion: false },
	kit: {
		adapter: adapter(),
		// SvelteKit sends this as a header on the pages it renders, with a fresh nonce for its inline
		// start-up script ('auto': nonces, as no page is prerendered). Other responses get a stricter
		// policy from src/hooks.server.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Inline style *attributes* are allowed: app.html wraps the app in
				// `<div style="display: contents">` (blocked, it becomes a block box), and SvelteKit's
				// route announcer carries one too. Style *elements* and stylesheets must come from this
				// site. Browsers without the -elem/-attr directives fall back to style-src, which lets
				// both through rather than breaking the layout.
				'style-src': ['self', 'unsafe-inline'],
				'style-src-elem': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'object-src': ['none'],
				// These three do not fall back to default-src.
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['self']
			}
		}
	}
};

export default config;
