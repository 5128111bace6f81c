/**
 * The module page in the browser, without SvelteKit's client (`csr = false` in `+page.ts`).
 *
 * The practice page is where a learner on a slow network waits for the first question, so it
 * ships only Svelte and its own code: SvelteKit's client and route table (about 19 KB gzipped)
 * are not needed by a page whose steps the practice engine takes itself. The server renders the
 * page as before; this hydrates `ModulePage.svelte` inside it from the JSON the page carries.
 * `$app/forms`, `$app/navigation` and `$app/state` are the small stand-ins in `src/lib/island/`
 * (see `vite.island.config.ts`). Built into `static/island/` before the app (vite.config.ts).
 */
import { flushSync, hydrate } from 'svelte';
import { followLinks } from '$lib/island/navigation.ts';
import { props } from '$lib/island/props.svelte.ts';
import ModulePage from './ModulePage.svelte';
import { panels } from './panels.svelte.ts';
import { ISLAND_DATA, ISLAND_TARGET } from './island-data.ts';

// What SvelteKit's inline script leaves on its pages, for whoever asks whether the page runs its
// scripts (the browser tests): `loading`, then `hydrated`.
const page = window as unknown as { __citewise_island: 'loading' | 'hydrated' };
page.__citewise_island = 'loading';

// SvelteKit registers the service worker (offline practice) on the app's other pages; this page
// does it itself, once the page has loaded so it does not compete with the page's own files.
if ('serviceWorker' in navigator) {
	// Without it (refused, say, in a private window) the page still works online.
	const register = () =>
		void navigator.serviceWorker.register('/service-worker.js').catch(() => {});
	if (document.readyState === 'complete') register();
	else addEventListener('load', register, { once: true });
}

const state = JSON.parse(document.getElementById(ISLAND_DATA)!.textContent!) as typeof props;
props.data = state.data;
props.form = state.form;
// The panel the page opens on (feedback after a reload, say) is here before hydrating, as the
// server drew it (what `+page.ts` does where SvelteKit's client runs).
await panels.forPage(state.data.state.view.status, state.data.review !== null);
hydrate(ModulePage, { target: document.getElementById(ISLAND_TARGET)!, props });
// Effects (drafts put back, focus after a followed citation) run now, as SvelteKit's start does.
flushSync();
followLinks();
page.__citewise_island = 'hydrated';
