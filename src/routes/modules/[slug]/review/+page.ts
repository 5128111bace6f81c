import { panels } from '../panels.svelte.ts';
import type { PageLoad } from './$types';

/** The panel the review opens on, loaded before it renders (see ../panels.svelte.ts). */
export const load: PageLoad = async ({ data }) => {
	await panels.forPage(data.state.view?.status ?? 'intro', data.review !== null);
	return data;
};
