import type { ActionData, PageData } from '../../routes/modules/[slug]/$types';

/**
 * The module page's props where the page is hydrated on its own (see
 * `src/routes/modules/[slug]/island.ts`): the server's data, and the result of the last form
 * post made without leaving the page. Reactive, so a post's result reaches the page.
 */
export const props: { data: PageData; form: ActionData | null } = $state({
	data: null as unknown as PageData,
	form: null
});
