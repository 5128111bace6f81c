/**
 * How the reader lays out a paragraph: cited words marked, glossary terms as whole controls,
 * sentences as groups when a learner is choosing one, and the text itself never changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	findTerm,
	layoutParagraph,
	type SentenceRuns,
	type TermOccurrence
} from '../../src/lib/content/layout.ts';
import { findQuote, type Span } from '../../src/lib/content/quote.ts';
import { sentenceSpans } from '../../src/lib/content/sentences.ts';

const NBSP = '\u00a0';

/** The real article's ¶15, four sentences with the Oralman program in the second. */
const text =
	'Many ethnic Kazakhs in Xinjiang have family in Kazakhstan. After independence in 1991, Kazakhstan launched a program – the Oralman, or returnee, program – to invite ethnic Kazakhs elsewhere in the region to move to Kazakhstan. According to a 2015 Radio Free Asia (RFA) report, about 200,000 ethnic Kazakhs from China had become Kazakh citizens since 1991. Given the estimated 1.46 million ethnic Kazakhs living in China, that means thousands of families are stretched across the border.';

const spanOf = (words: string, within = text): Span => {
	const span = findQuote(within, words);
	if (!span) throw new Error(`not in the text: ${words}`);
	return span;
};
const term = (words: string, entry: number): TermOccurrence => ({ span: spanOf(words), entry });
const joined = (groups: SentenceRuns[]) =>
	groups.flatMap((g) => g.runs.map((r) => r.text)).join('');
const runsOf = (groups: SentenceRuns[]) => groups.flatMap((g) => g.runs);
/** Whether two spans share at least one character. */
const overlaps = (a: Span, b: Span) => Math.max(a.start, b.start) < Math.min(a.end, b.end);

describe('layoutParagraph', () => {
	it('gives the whole text as one plain run when there is nothing to lay out', () => {
		expect(layoutParagraph(text, {})).toEqual([
			{ sentence: null, runs: [{ text, marked: false }] }
		]);
		expect(layoutParagraph(text, { mark: null, terms: [], sentences: null })).toEqual(
			layoutParagraph(text, {})
		);
	});

	it('marks exactly the cited words', () => {
		const mark = spanOf('about 200,000 ethnic Kazakhs');
		const runs = runsOf(layoutParagraph(text, { mark }));
		expect(runs).toHaveLength(3);
		expect(runs.filter((r) => r.marked)).toEqual([
			{ text: 'about 200,000 ethnic Kazakhs', marked: true }
		]);
	});

	it('makes each glossary term one run that names its occurrence', () => {
		const terms = [term('Oralman', 0), term('returnee', 1)];
		const runs = runsOf(layoutParagraph(text, { terms }));
		expect(runs.filter((r) => r.term !== undefined)).toEqual([
			{ text: 'Oralman', marked: false, term: 0 },
			{ text: 'returnee', marked: false, term: 1 }
		]);
		expect(runs).toHaveLength(5);
	});

	it('groups runs by sentence, with the spaces between sentences in no sentence', () => {
		const sentences = sentenceSpans(text);
		const groups = layoutParagraph(text, { sentences });
		expect(groups.map((g) => g.sentence)).toEqual([0, null, 1, null, 2, null, 3]);
		expect(groups.filter((g) => g.sentence === null).map((g) => joined([g]))).toEqual([
			' ',
			' ',
			' '
		]);
		expect(groups.filter((g) => g.sentence !== null).map((g) => joined([g]))).toEqual(
			sentences.map((s) => text.slice(s.start, s.end))
		);
	});

	it('lays out a mark, terms and sentences together', () => {
		const mark = spanOf('the Oralman, or returnee, program');
		const groups = layoutParagraph(text, {
			mark,
			terms: [term('Oralman', 0), term('Radio Free Asia', 1)],
			sentences: sentenceSpans(text)
		});
		const second = groups.find((g) => g.sentence === 1)!;
		expect(second.runs).toEqual([
			{ text: 'After independence in 1991, Kazakhstan launched a program – ', marked: false },
			{ text: 'the ', marked: true },
			{ text: 'Oralman', marked: true, term: 0 },
			{ text: ', or returnee, program', marked: true },
			{
				text: ' – to invite ethnic Kazakhs elsewhere in the region to move to Kazakhstan.',
				marked: false
			}
		]);
		expect(groups.find((g) => g.sentence === 2)!.runs).toContainEqual({
			text: 'Radio Free Asia',
			marked: false,
			term: 1
		});
		expect(joined(groups)).toBe(text);
	});

	it('leaves a term the mark cuts in two as plain text', () => {
		const mark = spanOf('Radio Free');
		const runs = runsOf(layoutParagraph(text, { mark, terms: [term('Free Asia', 0)] }));
		expect(runs.filter((r) => r.term !== undefined)).toEqual([]);
		expect(runs.filter((r) => r.marked)).toEqual([{ text: 'Radio Free', marked: true }]);
		expect(runs.map((r) => r.text).join('')).toBe(text);
	});

	it('leaves a term that a sentence boundary cuts in two as plain text', () => {
		const across = term('Kazakhstan. After', 0);
		const groups = layoutParagraph(text, { terms: [across], sentences: sentenceSpans(text) });
		expect(runsOf(groups).filter((r) => r.term !== undefined)).toEqual([]);
	});

	it('keeps a term inside the mark as a marked term', () => {
		const runs = runsOf(
			layoutParagraph(text, {
				mark: spanOf('2015 Radio Free Asia (RFA) report'),
				terms: [term('RFA', 0)]
			})
		);
		expect(runs).toContainEqual({ text: 'RFA', marked: true, term: 0 });
	});

	it('names a term by its place among the given occurrences, even after a cut one is dropped', () => {
		const terms = [term('Oralman', 0), term('returnee', 1), term('Radio Free Asia', 2)];
		const mark = spanOf('the Oral');
		const runs = runsOf(layoutParagraph(text, { mark, terms }));
		expect(runs.filter((r) => r.term !== undefined)).toEqual([
			{ text: 'returnee', marked: false, term: 1 },
			{ text: 'Radio Free Asia', marked: false, term: 2 }
		]);
		for (const run of runs) {
			if (run.term !== undefined) {
				const { span } = terms[run.term]!;
				expect(text.slice(span.start, span.end)).toBe(run.text);
			}
		}
	});

	it('keeps a non-breaking space as written', () => {
		const withNbsp = `Open until 9${NBSP}p.m. on weekdays.`;
		const groups = layoutParagraph(withNbsp, {
			mark: spanOf('until 9 p.m.', withNbsp),
			sentences: sentenceSpans(withNbsp)
		});
		expect(runsOf(groups)).toContainEqual({ text: `until 9${NBSP}p.m.`, marked: true });
		expect(joined(groups)).toBe(withNbsp);
	});

	it('reproduces the text exactly, with whole terms and merged plain runs, for any layout', () => {
		const sentences = sentenceSpans(text);
		const span = fc
			.tuple(fc.nat({ max: text.length }), fc.nat({ max: 40 }))
			.map(([start, length]): Span => ({ start, end: Math.min(text.length, start + length) }));
		fc.assert(
			fc.property(
				fc.option(span),
				fc.uniqueArray(span, { maxLength: 4, selector: (s) => s.start }),
				fc.boolean(),
				(mark, termSpans, bySentence) => {
					// Occurrences of different terms do not overlap.
					const disjoint: Span[] = [];
					for (const t of [...termSpans].sort((a, b) => a.start - b.start)) {
						if (t.end > t.start && t.start >= (disjoint.at(-1)?.end ?? 0)) disjoint.push(t);
					}
					const terms = disjoint.map((s, entry) => ({ span: s, entry }));
					const groups = layoutParagraph(text, {
						mark,
						terms,
						sentences: bySentence ? sentences : null
					});
					expect(joined(groups)).toBe(text);
					let at = 0;
					for (const group of groups) {
						expect(group.runs.length).toBeGreaterThan(0);
						const sentence = group.sentence === null ? null : sentences[group.sentence]!;
						if (!bySentence) expect(sentence).toBeNull();
						group.runs.forEach((run, i) => {
							const start = at;
							const end = (at += run.text.length);
							expect(run.text).not.toBe('');
							// Marked exactly inside the mark; sentence groups exactly inside their sentence.
							if (run.marked) expect(start >= mark!.start && end <= mark!.end).toBe(true);
							else if (mark) expect(overlaps({ start, end }, mark)).toBe(false);
							if (sentence) expect(start >= sentence.start && end <= sentence.end).toBe(true);
							else if (bySentence) {
								expect(sentences.some((s) => overlaps({ start, end }, s))).toBe(false);
							}
							if (run.term !== undefined) {
								expect(terms[run.term]!.span).toEqual({ start, end });
							}
							const prev = group.runs[i - 1];
							if (prev && prev.term === undefined && run.term === undefined) {
								expect(prev.marked).not.toBe(run.marked);
							}
						});
					}
					// Consecutive groups differ in sentence.
					groups.slice(1).forEach((g, i) => expect(g.sentence).not.toBe(groups[i]!.sentence));
				}
			)
		);
	});
});

describe('findTerm', () => {
	it('finds a whole word only', () => {
		const at = findTerm('The Oralmans came; an Oralman stayed.', 'Oralman');
		expect(at).toEqual({ start: 22, end: 29 });
		expect(findTerm('The reimport began.', 'import')).toBeNull();
		expect(findTerm('In 20160 cases.', '2016')).toBeNull();
	});

	it('finds a word next to punctuation, at the start or at the end', () => {
		expect(findTerm('“Oralman,” he said.', 'Oralman')).toEqual({ start: 1, end: 8 });
		expect(findTerm('Oralman returned', 'Oralman')).toEqual({ start: 0, end: 7 });
		expect(findTerm('they are Oralman', 'Oralman')).toEqual({ start: 9, end: 16 });
	});

	it('finds a term with a hyphen or several words, but not inside a longer word', () => {
		expect(findTerm('two part-time staff', 'part-time')).toEqual({ start: 4, end: 13 });
		expect(findTerm('two part-timers', 'part-time')).toBeNull();
		expect(findTerm('the Kazakh Foreign Ministry said', 'Foreign Ministry')).toEqual({
			start: 11,
			end: 27
		});
	});

	it('prefers the exact case, wherever it is', () => {
		const text = 'the oralman program, called the Oralman program';
		expect(findTerm(text, 'Oralman')).toEqual({ start: 32, end: 39 });
	});

	it('falls back to any case when the exact case is not there', () => {
		const text = 'The ORALMAN program';
		const at = findTerm(text, 'Oralman');
		expect(at).toEqual({ start: 4, end: 11 });
		expect(text.slice(at!.start, at!.end)).toBe('ORALMAN');
	});

	it('skips a part-word match in any case to find a whole word later', () => {
		expect(findTerm('Oralmans and then oralman', 'Oralman')).toEqual({ start: 18, end: 25 });
	});

	it('gives null when the term is not there', () => {
		expect(findTerm(text, 'Uyghur')).toBeNull();
	});
});
