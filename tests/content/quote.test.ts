/**
 * Quote matching: whitespace (spaces, non-breaking spaces, line breaks, runs of them) is
 * normalised on both sides; nothing else is. Spans point into the original, unnormalised text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	findQuote,
	longestMatchingPrefix,
	normalizeWhitespace,
	segments,
	type Span
} from '../../src/lib/content/quote.ts';

const NBSP = '\u00a0';

/** The original text a span covers, with whitespace normalised. */
function covered(paragraph: string, span: Span | null): string | null {
	return span && normalizeWhitespace(paragraph.slice(span.start, span.end));
}

describe('normalizeWhitespace', () => {
	it('turns every run of spaces, tabs, line breaks and non-breaking spaces into one space and trims', () => {
		expect(normalizeWhitespace(`  a \t b\n\nc${NBSP}${NBSP}d\u202fe\u2007f  `)).toBe('a b c d e f');
	});

	it('leaves quotes, dashes and case alone', () => {
		expect(normalizeWhitespace('“It’s” – "It\'s" - IT')).toBe('“It’s” – "It\'s" - IT');
	});
});

describe('findQuote', () => {
	const paragraph = `The council voted to stay open until 9${NBSP}p.m. on weekdays,  starting\nin March.`;

	it('finds a quote typed with a normal space where the paragraph has a non-breaking space', () => {
		const span = findQuote(paragraph, 'until 9 p.m. on weekdays');
		expect(span).not.toBeNull();
		expect(paragraph.slice(span!.start, span!.end)).toBe(`until 9${NBSP}p.m. on weekdays`);
		expect(covered(paragraph, span)).toBe('until 9 p.m. on weekdays');
	});

	it('finds a quote typed with a non-breaking space where the paragraph has a normal space', () => {
		const span = findQuote(paragraph, `council${NBSP}voted`);
		expect(paragraph.slice(span!.start, span!.end)).toBe('council voted');
	});

	it('maps a match across a run of spaces and a line break back to the original text', () => {
		const quote = 'weekdays, starting in March.';
		const span = findQuote(paragraph, quote);
		expect(span).toEqual({ start: paragraph.indexOf('weekdays'), end: paragraph.length });
		expect(paragraph.slice(span!.start, span!.end)).toBe('weekdays,  starting\nin March.');
		expect(covered(paragraph, span)).toBe(normalizeWhitespace(quote));
	});

	it('ignores runs of whitespace and surrounding whitespace in the quote', () => {
		const span = findQuote(paragraph, `  stay \n open${NBSP}${NBSP}until `);
		expect(paragraph.slice(span!.start, span!.end)).toBe('stay open until');
	});

	it('finds a quote at the very start and the very end of a paragraph', () => {
		expect(findQuote(paragraph, 'The council')).toEqual({ start: 0, end: 11 });
		expect(findQuote(paragraph, 'March.')).toEqual({
			start: paragraph.length - 6,
			end: paragraph.length
		});
		expect(findQuote(paragraph, paragraph)).toEqual({ start: 0, end: paragraph.length });
	});

	it('skips whitespace at the start of the paragraph when mapping offsets', () => {
		const indented = `${NBSP} \nIndented words here`;
		expect(findQuote(indented, 'Indented words')).toEqual({ start: 3, end: 17 });
	});

	it('returns the first occurrence', () => {
		const twice = 'one two, one  two';
		expect(findQuote(twice, 'one two')).toEqual({ start: 0, end: 7 });
	});

	it('returns null for an empty or whitespace-only quote', () => {
		expect(findQuote(paragraph, '')).toBeNull();
		expect(findQuote(paragraph, ` \n${NBSP}`)).toBeNull();
	});

	const curly = '“People asked for evenings,” said Ruth. It’s late.';

	it('returns null when straight quotes stand for curly ones, and the other way round', () => {
		expect(findQuote(curly, '"People asked for evenings," said Ruth.')).toBeNull();
		expect(findQuote(curly, "It's late.")).toBeNull();
		expect(findQuote('"Plain," she said.', '“Plain,” she said.')).toBeNull();
		expect(findQuote(curly, '“People asked for evenings,” said Ruth.')).not.toBeNull();
	});

	it('returns null when only the case differs', () => {
		expect(findQuote(curly, 'said ruth')).toBeNull();
		expect(findQuote(curly, '“PEOPLE asked')).toBeNull();
	});

	it('returns null when a hyphen stands for a dash or a word is missing', () => {
		expect(findQuote('part–time staff', 'part-time staff')).toBeNull();
		expect(findQuote(curly, 'asked for, said Ruth')).toBeNull();
	});

	it('does not treat a zero-width or other invisible character as whitespace', () => {
		expect(findQuote('hall opened', 'hall\u200bopened')).toBeNull();
	});

	it('maps any whitespace-varied quote of a run of words back to exactly those words', () => {
		const word = fc.stringMatching(/^[A-Za-z’“”.,–-]{1,8}$/);
		const gap = fc.constantFrom(' ', '  ', '\n', NBSP, ` ${NBSP}`, '\t', '\u202f');
		fc.assert(
			fc.property(
				fc.array(fc.tuple(word, gap), { minLength: 1, maxLength: 12 }),
				fc.nat(),
				fc.nat(),
				fc.array(gap, { minLength: 12, maxLength: 12 }),
				(parts, a, b, quoteGaps) => {
					const text = parts.map(([w, g]) => w + g).join('');
					const words = parts.map(([w]) => w);
					const from = a % words.length;
					const to = from + (b % (words.length - from));
					const quote = words
						.slice(from, to + 1)
						.map((w, i) => (i ? quoteGaps[i]! : '') + w)
						.join('');
					const span = findQuote(text, quote);
					expect(span).not.toBeNull();
					expect(covered(text, span)).toBe(normalizeWhitespace(quote));
					// A span starts and ends on the quote's own characters, never on whitespace.
					expect(text[span!.start]).toBe(normalizeWhitespace(quote)[0]);
					expect(text[span!.end - 1]).toBe(normalizeWhitespace(quote).at(-1));
				}
			)
		);
	});
});

describe('longestMatchingPrefix', () => {
	const paragraph = `The library opened in 1911 in a former${NBSP}bakery and has moved twice since.`;

	it('returns the words of the quote the paragraph contains, from the start', () => {
		expect(
			longestMatchingPrefix(
				paragraph,
				'The library opened in 1911 in a former bakery and has moved once since'
			)
		).toBe('The library opened in 1911 in a former bakery and has moved');
	});

	it('returns the whole quote, whitespace-normalised, when all of it matches', () => {
		expect(longestMatchingPrefix(paragraph, 'in a  former\nbakery')).toBe('in a former bakery');
	});

	it('returns an empty string when not even the first word matches', () => {
		expect(longestMatchingPrefix(paragraph, 'Library opened')).toBe('');
		expect(longestMatchingPrefix('“Quoted,” she said.', '"Quoted," she said.')).toBe('');
	});

	it('stops at the first word that differs in case', () => {
		expect(longestMatchingPrefix(paragraph, 'The library Opened in 1911')).toBe('The library');
	});
});

describe('segments', () => {
	const paragraph = 'The hall opened in May.';

	it('returns the whole paragraph unmarked when there is no span', () => {
		expect(segments(paragraph, null)).toEqual([{ text: paragraph, marked: false }]);
	});

	it('marks the span and keeps the text around it', () => {
		expect(segments(paragraph, { start: 4, end: 8 })).toEqual([
			{ text: 'The ', marked: false },
			{ text: 'hall', marked: true },
			{ text: ' opened in May.', marked: false }
		]);
	});

	it('leaves out empty runs at either end', () => {
		expect(segments(paragraph, { start: 0, end: 3 })).toEqual([
			{ text: 'The', marked: true },
			{ text: ' hall opened in May.', marked: false }
		]);
		expect(segments(paragraph, { start: 19, end: 23 })).toEqual([
			{ text: 'The hall opened in ', marked: false },
			{ text: 'May.', marked: true }
		]);
		expect(segments(paragraph, { start: 0, end: paragraph.length })).toEqual([
			{ text: paragraph, marked: true }
		]);
	});

	it('highlights what findQuote found, across a non-breaking space, and loses no text', () => {
		const text = `Doors open at 9${NBSP}a.m. sharp.`;
		const parts = segments(text, findQuote(text, 'at 9 a.m.'));
		expect(parts.filter((p) => p.marked).map((p) => p.text)).toEqual([`at 9${NBSP}a.m.`]);
		expect(parts.map((p) => p.text).join('')).toBe(text);
	});
});
