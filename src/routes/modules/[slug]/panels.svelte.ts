/**
 * The practice panel's larger parts that the first question does not need: the feedback, the
 * results and a finished question looked at again. They load after the page is interactive (with
 * the practice engine, so feedback is still drawn at once), which keeps the first load light on a
 * slow network. A page that opens on one of them (a reload during feedback, say) loads it in its
 * `+page.ts` before it renders, on the server and in the browser alike, so what the server sends
 * and what the browser hydrates are the same.
 */
import type FeedbackPanel from '$lib/components/Feedback.svelte';
import type ReviewPanel from './Review.svelte';
import type SummaryPanel from './Summary.svelte';

const loaders = {
	Feedback: () => import('$lib/components/Feedback.svelte'),
	Summary: () => import('./Summary.svelte'),
	Review: () => import('./Review.svelte')
};

export type PanelName = keyof typeof loaders;

class Panels {
	Feedback = $state.raw<typeof FeedbackPanel | null>(null);
	Summary = $state.raw<typeof SummaryPanel | null>(null);
	Review = $state.raw<typeof ReviewPanel | null>(null);

	/** Loads a panel (once); resolves when it can be shown. */
	async need(name: PanelName): Promise<void> {
		if (this[name]) return;
		const loaded = (await loaders[name]()).default;
		// Each field holds its own panel's type; the table cannot say so to TypeScript.
		(this as Record<PanelName, unknown>)[name] = loaded;
	}

	/** Loads every panel, for a page about to answer steps itself. */
	async all(): Promise<void> {
		await Promise.all((Object.keys(loaders) as PanelName[]).map((name) => this.need(name)));
	}

	/** What a page opening on `status` (and, if so, a question looked at again) needs first. */
	async forPage(status: string, reviewing: boolean): Promise<void> {
		await Promise.all([
			status === 'feedback' ? this.need('Feedback') : null,
			status === 'summary' ? this.need('Summary') : null,
			reviewing ? this.need('Review') : null
		]);
	}
}

export const panels = new Panels();
