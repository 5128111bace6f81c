/**
 * How the reader lays out one paragraph: its sentences (when a learner is choosing one as
 * evidence), the cited words to mark, and the glossary terms to make openable. Pure, so the
 * server render and the browser agree, and nothing reaches the page as raw HTML.
 */
import type { Span } from './quote.ts';

export interface Run {
	text: string;
	/** Inside the cited quote being shown. */
	marked: boolean;
	/** Index into the paragraph's glossary occurrences, when this run is a glossary term. */
	term?: number;
}

export interface SentenceRuns {
	/** Index of the sentence in the paragraph, or null when sentences are not being chosen. */
	sentence: number | null;
	runs: Run[];
}

export interface TermOccurrence {
	span: Span;
	/** Which glossary entry. */
	entry: number;
}

/**
 * Splits `text` at every boundary of the mark, the term occurrences and the sentences. A term
 * that a mark or sentence boundary would cut in two is left as plain text, so a term is always
 * one whole control.
 */
export function layoutParagraph(
	text: string,
	options: { mark?: Span | null; terms?: TermOccurrence[]; sentences?: Span[] | null }
): SentenceRuns[] {
	const mark = options.mark ?? null;
	const sentences = options.sentences ?? null;
	const cuts = [mark?.start, mark?.end, ...(sentences ?? []).flatMap((s) => [s.start, s.end])];
	// Keep each occurrence's index in `options.terms`: a run's `term` points there, not into the
	// occurrences left after dropping the cut ones.
	const terms = (options.terms ?? [])
		.map((occurrence, index) => ({ ...occurrence, index }))
		.filter(({ span }) => !cuts.some((c) => c !== undefined && c > span.start && c < span.end));
	const bounds = new Set<number>([0, text.length]);
	for (const c of cuts) if (c !== undefined) bounds.add(c);
	for (const { span } of terms) bounds.add(span.start).add(span.end);
	const points = [...bounds].filter((b) => b >= 0 && b <= text.length).sort((a, b) => a - b);

	const groups: SentenceRuns[] = [];
	for (let i = 0; i < points.length - 1; i++) {
		const start = points[i]!;
		const end = points[i + 1]!;
		if (start === end) continue;
		const sentence = sentences
			? sentences.findIndex((s) => start >= s.start && end <= s.end)
			: null;
		const s = sentence === -1 ? null : sentence;
		const marked = mark !== null && start >= mark.start && end <= mark.end;
		const term = terms.find(({ span }) => start >= span.start && end <= span.end)?.index;
		const run: Run = {
			text: text.slice(start, end),
			marked,
			...(term !== undefined ? { term } : {})
		};
		const last = groups.at(-1);
		if (last && last.sentence === s) {
			const prev = last.runs.at(-1)!;
			if (prev.marked === run.marked && prev.term === undefined && run.term === undefined) {
				prev.text += run.text;
			} else last.runs.push(run);
		} else groups.push({ sentence: s, runs: [run] });
	}
	return groups;
}

/** Where a glossary term first occurs in a paragraph: exact case first, then any case. */
export function findTerm(text: string, term: string): Span | null {
	const exact = indexOfWord(text, term);
	const at = exact >= 0 ? exact : indexOfWord(text.toLowerCase(), term.toLowerCase());
	return at >= 0 ? { start: at, end: at + term.length } : null;
}

function indexOfWord(haystack: string, needle: string): number {
	let from = 0;
	while (from <= haystack.length) {
		const at = haystack.indexOf(needle, from);
		if (at < 0) return -1;
		const before = haystack[at - 1];
		const after = haystack[at + needle.length];
		if (!isWordChar(before) && !isWordChar(after)) return at;
		from = at + 1;
	}
	return -1;
}

function isWordChar(ch: string | undefined): boolean {
	return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}
