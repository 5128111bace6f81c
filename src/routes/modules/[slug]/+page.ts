import { dev } from '$app/environment';
import { panels } from './panels.svelte.ts';
import type { PageLoad } from './$types';

/** The panel the page opens on, loaded before it renders (see panels.svelte.ts). */
export const load: PageLoad = async ({ data }) => {
	await panels.forPage(data.state.view.status, data.review !== null);
	return data;
};

/**
 * Built, the page runs without SvelteKit's client: `island.ts` hydrates it with Svelte alone, so a
 * learner on a slow network loads less before the first question. In development SvelteKit's
 * client hydrates it (the island is built only with the app).
 */
export const csr = dev;
