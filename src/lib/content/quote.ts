/**
 * Finding a quote in a paragraph. Whitespace (spaces, non-breaking spaces, line breaks, runs of
 * them) is normalised on both sides; nothing else is: curly and straight quotes, dashes, case and
 * typos must match exactly, because a citation claims to be the author's words.
 */

const WHITESPACE = /[\s\u00a0\u2007\u202f]+/gu;

export function normalizeWhitespace(text: string): string {
	return text.replace(WHITESPACE, ' ').trim();
}

/** A half-open range [start, end) of the original (unnormalised) paragraph text. */
export interface Span {
	start: number;
	end: number;
}

/**
 * Where `quote` occurs in `paragraph`, as offsets into the original paragraph text, or null.
 * The first occurrence wins.
 */
export function findQuote(paragraph: string, quote: string): Span | null {
	const needle = normalizeWhitespace(quote);
	if (needle === '') return null;
	// Build the normalised paragraph with a map from each normalised index to its original index.
	let normalized = '';
	const origin: number[] = [];
	let inSpace = false;
	for (let i = 0; i < paragraph.length; i++) {
		const ch = paragraph[i]!;
		if (/[\s\u00a0\u2007\u202f]/u.test(ch)) {
			if (!inSpace && normalized !== '') {
				normalized += ' ';
				origin.push(i);
			}
			inSpace = true;
		} else {
			normalized += ch;
			origin.push(i);
			inSpace = false;
		}
	}
	const at = normalized.indexOf(needle);
	if (at < 0) return null;
	const last = at + needle.length - 1;
	return { start: origin[at]!, end: origin[last]! + 1 };
}

/**
 * How much of a quote the paragraph does contain, word by word from the start: used to tell a
 * content author where a near-miss quote goes wrong.
 */
export function longestMatchingPrefix(paragraph: string, quote: string): string {
	const words = normalizeWhitespace(quote).split(' ');
	const haystack = normalizeWhitespace(paragraph);
	let best = '';
	for (let n = 1; n <= words.length; n++) {
		const prefix = words.slice(0, n).join(' ');
		if (!haystack.includes(prefix)) break;
		best = prefix;
	}
	return best;
}

/** Splits a paragraph into plain and marked runs, for rendering a highlight without raw HTML. */
export function segments(
	paragraph: string,
	span: Span | null
): { text: string; marked: boolean }[] {
	if (!span) return [{ text: paragraph, marked: false }];
	return [
		{ text: paragraph.slice(0, span.start), marked: false },
		{ text: paragraph.slice(span.start, span.end), marked: true },
		{ text: paragraph.slice(span.end), marked: false }
	].filter((s) => s.text !== '');
}

/**
 * Why `quote` is not in ¶`n` (`paragraph`), for a content author; undefined when it is. Citations
 * and claims (claims.yaml) are checked, and told apart from near misses, the same way.
 */
export function quoteMismatch(paragraph: string, n: number, quote: string): string | undefined {
	if (findQuote(paragraph, quote)) return undefined;
	const prefix = longestMatchingPrefix(paragraph, quote);
	return prefix
		? `quote is not in ¶${n}: it matches up to "${prefix}" and then differs`
		: `quote is not in ¶${n}: not even its first word matches`;
}
