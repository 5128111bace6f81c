/**
 * Citation links. A citation is an ordinary URL (`?cite=7&quote=…#p-7`), so it highlights the
 * quoted words when the server renders it (JavaScript off, a shared link, a new tab) and when the
 * client navigates to it. The quote travels in the URL rather than as an id, so following a link
 * never reveals anything the learner has not already been shown.
 */

export interface Highlight {
	paragraph: number;
	/** The words to mark; null marks the whole paragraph ("re-read ¶N"). */
	quote: string | null;
}

const MAX_QUOTE = 1000;

export function citationHref(paragraph: number, quote?: string): string {
	const params = new URLSearchParams({ cite: String(paragraph) });
	if (quote) params.set('quote', quote);
	return `?${params}#p-${paragraph}`;
}

/** The highlight a URL asks for, or null when it asks for none (or for nonsense). */
export function highlightFrom(url: URL): Highlight | null {
	const cite = url.searchParams.get('cite');
	if (!cite || !/^\d{1,4}$/.test(cite)) return null;
	const quote = url.searchParams.get('quote');
	return {
		paragraph: Number(cite),
		quote: quote && quote.length <= MAX_QUOTE ? quote : null
	};
}
