/**
 * The sentence splitter shared by the reader, the grader and the validator: a sentence ends at
 * . ! ? or … (with any closing quotes or brackets) before whitespace and a capital, a digit or an
 * opening quote, and never at a known abbreviation.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/lib/content/article.ts';
import { sentenceId, sentenceSpans, sentences } from '../../src/lib/content/sentences.ts';

const NBSP = '\u00a0';

describe('sentences', () => {
	it('splits at . ! and ? before a capital letter', () => {
		expect(sentences('The hall opened. Was it late? No! It opened early.')).toEqual([
			'The hall opened.',
			'Was it late?',
			'No!',
			'It opened early.'
		]);
	});

	it('splits before a digit or an opening quote', () => {
		expect(sentences('It cost $12,000. 2,000 people came. “Good,” she said.')).toEqual([
			'It cost $12,000.',
			'2,000 people came.',
			'“Good,” she said.'
		]);
	});

	it('does not split before a lower-case word, or inside a number', () => {
		expect(sentences('There were 1.46 million. and more came.')).toEqual([
			'There were 1.46 million. and more came.'
		]);
	});

	it.each([
		['p.m.', 'The library stays open until 9 p.m. Staff will work late.'],
		['a.m.', 'It opens at 8 a.m. Monday to Friday.'],
		['Mr.', 'Mr. Bilash said so.'],
		['Mrs. and Dr.', 'Mrs. Okafor and Dr. Putz spoke.'],
		['U.S.', 'The U.S. State Department said nothing.'],
		['Jan.', 'It happened on Jan. 9 in Astana.'],
		['St.', 'They met on St. Patrick’s Day.']
	])('does not end a sentence at "%s"', (_abbreviation, text) => {
		expect(sentences(text)).toEqual([text]);
	});

	it('still ends a sentence after an abbreviation', () => {
		expect(sentences('Mr. Bilash spoke. Mrs. Okafor listened.')).toEqual([
			'Mr. Bilash spoke.',
			'Mrs. Okafor listened.'
		]);
	});

	it('does not split at an ellipsis followed by a lower-case word', () => {
		expect(sentences('The stories of several pupils of the center… are similar.')).toEqual([
			'The stories of several pupils of the center… are similar.'
		]);
		expect(sentences('He paused... and went on.')).toEqual(['He paused... and went on.']);
	});

	it('splits at an ellipsis followed by a capital', () => {
		expect(sentences('He paused… Then he went on.')).toEqual(['He paused…', 'Then he went on.']);
	});

	it('keeps closing quotes and brackets with the sentence they close', () => {
		expect(sentences('She said, “We listened.” Then she left.')).toEqual([
			'She said, “We listened.”',
			'Then she left.'
		]);
		expect(sentences('He asked, ‘Why?’ Nobody knew.')).toEqual([
			'He asked, ‘Why?’',
			'Nobody knew.'
		]);
		expect(sentences('He said "go." Then he went.')).toEqual(['He said "go."', 'Then he went.']);
		expect(sentences('(It had moved twice.) It stayed.')).toEqual([
			'(It had moved twice.)',
			'It stayed.'
		]);
		expect(sentences('It was “freed.”) Next came more.')).toEqual([
			'It was “freed.”)',
			'Next came more.'
		]);
	});

	it('treats a non-breaking space as a space, between sentences and before an abbreviation', () => {
		expect(sentences(`The hall opened.${NBSP}It was late.`)).toEqual([
			'The hall opened.',
			'It was late.'
		]);
		expect(sentences(`Open until 9${NBSP}p.m. Staff stay.`)).toEqual([
			`Open until 9${NBSP}p.m. Staff stay.`
		]);
		expect(sentences(`Open until 9${NBSP}p.m.${NBSP}${NBSP}Staff stay. Then close.`)).toEqual([
			`Open until 9${NBSP}p.m.${NBSP}${NBSP}Staff stay.`,
			'Then close.'
		]);
	});

	it('gives a paragraph with no sentence end as one sentence, and nothing for no text', () => {
		expect(sentences('Kazinform continues:')).toEqual(['Kazinform continues:']);
		expect(sentences('')).toEqual([]);
		expect(sentences(`  ${NBSP}\n`)).toEqual([]);
	});
});

describe('sentenceSpans', () => {
	it('points into the original text, leaving out the whitespace around sentences', () => {
		const text = `  One.  Two!${NBSP}\nThree?  `;
		const spans = sentenceSpans(text);
		expect(spans).toEqual([
			{ start: 2, end: 6 },
			{ start: 8, end: 12 },
			{ start: 14, end: 20 }
		]);
		expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['One.', 'Two!', 'Three?']);
	});

	it('covers every character but whitespace, in order, without overlaps', () => {
		const pieces = fc.constantFrom(
			'The',
			' ',
			'  ',
			NBSP,
			'\n',
			'.',
			'!',
			'?',
			'…',
			'”',
			'“',
			')',
			"'",
			'"',
			'Mr.',
			'p.m.',
			'no',
			'2,000',
			'1.46',
			'Kazakh'
		);
		fc.assert(
			fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
				const text = parts.join('');
				const spans = sentenceSpans(text);
				let at = 0;
				for (const span of spans) {
					expect(span.start).toBeGreaterThanOrEqual(at);
					expect(text.slice(at, span.start).trim()).toBe('');
					const sentence = text.slice(span.start, span.end);
					expect(sentence).not.toBe('');
					expect(sentence.trim()).toBe(sentence);
					at = span.end;
				}
				expect(text.slice(at).trim()).toBe('');
				expect(sentences(text)).toEqual(spans.map((s) => text.slice(s.start, s.end)));
			})
		);
	});
});

describe('sentenceId', () => {
	it('numbers paragraphs and sentences from 1', () => {
		expect(sentenceId(12, 0)).toBe('12.1');
		expect(sentenceId(4, 2)).toBe('4.3');
	});
});

describe('the real article', () => {
	const file = fileURLToPath(
		new URL('../../questions/fleeing-kazakhs-and-puff-pieces/article.md', import.meta.url)
	);
	const { paragraphs } = parseArticle('article.md', readFileSync(file, 'utf8'));
	const paragraph = (n: number) => paragraphs.find((p) => p.n === n)!.text;

	it('splits ¶15 into its four sentences', () => {
		const split = sentences(paragraph(15));
		expect(split).toHaveLength(4);
		expect(split[0]).toBe('Many ethnic Kazakhs in Xinjiang have family in Kazakhstan.');
		expect(split[1]).toMatch(/^After independence in 1991, Kazakhstan launched a program/);
		expect(split[2]).toMatch(/^According to a 2015 Radio Free Asia \(RFA\) report/);
		expect(split[3]).toMatch(/^Given the estimated 1\.46 million ethnic Kazakhs living in China/);
	});

	it('keeps ¶9’s “center… are” inside one sentence', () => {
		expect(sentences(paragraph(9)).filter((s) => s.includes('center… are'))).toHaveLength(1);
	});

	it('splits every paragraph into at least one sentence that ends where the paragraph ends', () => {
		expect(paragraphs.length).toBeGreaterThan(0);
		for (const p of paragraphs) {
			const spans = sentenceSpans(p.text);
			expect(spans.length, `¶${p.n}`).toBeGreaterThan(0);
			expect(spans.at(-1)!.end, `¶${p.n}`).toBe(p.text.trimEnd().length);
		}
	});
});
