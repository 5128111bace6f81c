/**
 * Splitting a paragraph into sentences, for evidence questions that ask for "the sentence that
 * supports the claim". Deterministic and shared by the grader, the validator and the reader, so
 * the sentence a learner picks is the sentence that is graded.
 */
import type { Span } from './quote.ts';

/** Words whose trailing full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
	'mr',
	'mrs',
	'ms',
	'dr',
	'st',
	'jr',
	'sr',
	'prof',
	'gen',
	'gov',
	'sen',
	'rep',
	'vs',
	'a.m',
	'p.m',
	'e.g',
	'i.e',
	'u.s',
	'u.k',
	'u.n',
	'jan',
	'feb',
	'mar',
	'apr',
	'jun',
	'jul',
	'aug',
	'sep',
	'sept',
	'oct',
	'nov',
	'dec'
]);

/**
 * Sentence spans of a paragraph, in order. A sentence ends at . ! ? or … followed by any closing
 * quotes or brackets, then whitespace, then a capital letter, a digit or an opening quote.
 */
export function sentenceSpans(text: string): Span[] {
	const spans: Span[] = [];
	const boundary = /[.!?…]+[”’"')\]]*(?=[\s\u00a0]+[“‘"'(\p{Lu}\p{N}])/gu;
	let start = skipSpace(text, 0);
	for (const match of text.matchAll(boundary)) {
		const end = match.index + match[0].length;
		const word = /([\p{L}.]+)\.$/u.exec(text.slice(start, match.index + 1))?.[1]?.toLowerCase();
		if (match[0].startsWith('.') && word && ABBREVIATIONS.has(word)) continue;
		if (end > start) spans.push({ start, end });
		start = skipSpace(text, end);
	}
	if (start < text.length) spans.push({ start, end: text.trimEnd().length });
	return spans;
}

export function sentences(text: string): string[] {
	return sentenceSpans(text).map((s) => text.slice(s.start, s.end));
}

/** A sentence's id as forms send it: `¶.sentence`, both from 1 ("12.3"). */
export function sentenceId(paragraph: number, index: number): string {
	return `${paragraph}.${index + 1}`;
}

function skipSpace(text: string, from: number): number {
	let i = from;
	while (i < text.length && /[\s\u00a0]/u.test(text[i]!)) i++;
	return i;
}
