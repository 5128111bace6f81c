/**
 * Citation links. A citation is an ordinary URL naming a question and one of its citations
 * (`?q=<question id>&cite=<n>#p-7`), so it highlights the quoted words when the server renders
 * it (JavaScript off, a new tab) and when the client navigates to it. The words themselves never
 * travel in the URL: the server looks the citation up in the module, so a link cannot put words
 * in the article's mouth, and it shows a citation only once the learner has earned it.
 * `reread` instead of `cite` marks the cited paragraph without its quote (after a wrong try).
 */

export interface Highlight {
	paragraph: number;
	/** The words to mark; null marks the whole paragraph ("re-read ¶N"). */
	quote: string | null;
}

/** What a citation link asks for: a question's `index`-th citation, quoted or as a paragraph. */
export interface CitationTarget {
	questionId: string;
	index: number;
	kind: 'cite' | 'reread';
}

/**
 * The highlight a page shows for its URL: none asked for, one shown, or a link that cannot be
 * followed here (`missing`: no such citation in this module; `locked`: not earned yet).
 */
export type HighlightState =
	{ kind: 'none' } | ({ kind: 'shown' } & Highlight) | { kind: 'missing' } | { kind: 'locked' };

/** The words a page's reader marks: those a citation link asked for, when it could be followed. */
export function shownHighlight(state: HighlightState): Highlight | null {
	return state.kind === 'shown' ? { paragraph: state.paragraph, quote: state.quote } : null;
}

export function citationHref(target: CitationTarget, paragraph: number): string {
	const params = new URLSearchParams({ q: target.questionId, [target.kind]: String(target.index) });
	return `?${params}#p-${paragraph}`;
}

const QUESTION_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * The citation a URL asks for: null when it asks for none, 'malformed' when it asks in a way no
 * link of ours does (old `?cite=7&quote=…` links included).
 */
export function citationTarget(url: URL): CitationTarget | 'malformed' | null {
	const q = url.searchParams.get('q');
	const cite = url.searchParams.get('cite');
	const reread = url.searchParams.get('reread');
	if (q === null && cite === null && reread === null) return null;
	const index = cite ?? reread;
	if (
		q === null ||
		!QUESTION_ID.test(q) ||
		(cite !== null && reread !== null) ||
		index === null ||
		!/^\d{1,2}$/.test(index)
	) {
		return 'malformed';
	}
	return { questionId: q, index: Number(index), kind: cite !== null ? 'cite' : 'reread' };
}
