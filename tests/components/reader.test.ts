import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Reader from '$lib/components/Reader.svelte';
import type { ArticleFrontMatter, Paragraph } from '$lib/content/schema.ts';

const article: ArticleFrontMatter & { paragraphs: Paragraph[] } = {
	title: 'The Salt Road',
	dek: 'How one mineral drew a trade route across the desert',
	author: 'Ada Writer',
	publication: 'The Example Review',
	attribution: 'Adapted from The Example Review, used with permission.',
	paragraphs: [
		{
			n: 1,
			text: 'Salt was once worth its weight in gold. Traders <b>crossed</b> the desert for it.',
			blockquote: false
		},
		{
			// A non-breaking space between "noon" and "the", as articles often have.
			n: 2,
			text: 'The caravans left at dawn, and by noon\u00a0the heat was “unbearable,” one driver said.',
			blockquote: false
		},
		{ n: 3, text: '“We carried nothing but salt and water.”', blockquote: true }
	]
};

const BACK = '#practice';

function paragraph(container: HTMLElement, n: number): HTMLElement {
	const element = container.querySelector<HTMLElement>(`#p-${n}`);
	if (!element) throw new Error(`no #p-${n}`);
	return element;
}

/** `toHaveTextContent` collapses all whitespace, non-breaking spaces included, to one space. */
function spaced(text: string): string {
	return text.replace(/\s+/g, ' ');
}

/** A mark's own words, without the visually hidden "cited words start/end" cues around them. */
function markedWords(mark: Element): string {
	const copy = mark.cloneNode(true) as Element;
	for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
	return copy.textContent!;
}

describe('Reader', () => {
	it('shows the title as the level-1 heading that names the article', () => {
		render(Reader, { article });
		const heading = screen.getByRole('heading', { level: 1 });
		expect(heading).toHaveTextContent('The Salt Road');
		expect(screen.getByRole('article', { name: 'The Salt Road' })).toContainElement(heading);
		expect(screen.getAllByRole('heading')).toHaveLength(1);
	});

	it('shows the dek, the byline with author and publication, and the attribution', () => {
		render(Reader, { article });
		expect(screen.getByText(article.dek!)).toBeInTheDocument();
		const byline = screen.getByText(/^By Ada Writer/);
		expect(byline).toHaveTextContent('By Ada Writer · The Example Review');
		expect(byline.querySelector('cite')).toHaveTextContent('The Example Review');
		expect(screen.getByText(article.attribution)).toBeInTheDocument();
	});

	it('leaves the dek out when there is none', () => {
		const { container } = render(Reader, { article: { ...article, dek: undefined } });
		expect(container.querySelector('.dek')).toBeNull();
	});

	it('gives each paragraph an id p-N and a visible number announced as "Paragraph N"', () => {
		const { container } = render(Reader, { article });
		for (const { n, text } of article.paragraphs) {
			const p = paragraph(container, n);
			expect(p).toHaveTextContent(spaced(text));
			const number = p.querySelector('.paragraph-number')!;
			expect(number).toHaveTextContent(`Paragraph ${n}`);
			// Only the word "Paragraph" (and a space Svelte would otherwise trim) is hidden; the number is shown.
			expect(number.querySelector('.visually-hidden')?.textContent).toBe('Paragraph\u00a0');
			const shown = [...number.childNodes]
				.filter((node) => !(node instanceof Element && node.classList.contains('visually-hidden')))
				.map((node) => node.textContent)
				.join('');
			expect(shown).toBe(String(n));
		}
	});

	it('sets a block-quote paragraph inside <blockquote> and others outside one', () => {
		const { container } = render(Reader, { article });
		expect(paragraph(container, 3).querySelector('blockquote')).toHaveTextContent(
			article.paragraphs[2]!.text
		);
		expect(paragraph(container, 1).querySelector('blockquote')).toBeNull();
		expect(paragraph(container, 2).querySelector('blockquote')).toBeNull();
	});

	it('shows article text containing tags as text, not markup', () => {
		const { container } = render(Reader, { article });
		const p = paragraph(container, 1);
		expect(p.querySelector('b')).toBeNull();
		expect(p).toHaveTextContent('Traders <b>crossed</b> the desert');
		expect(within(p).getByText(/Traders <b>crossed<\/b> the desert/)).toBeInTheDocument();
	});

	it('marks nothing and offers no way back without a highlight', () => {
		const { container } = render(Reader, { article, backHref: BACK });
		expect(container.querySelector('mark')).toBeNull();
		expect(container.querySelector('.cited')).toBeNull();
		expect(screen.queryByRole('link', { name: 'Back to the question' })).not.toBeInTheDocument();
	});

	describe('with a highlight', () => {
		it('marks the quoted words inside the cited paragraph only', () => {
			const { container } = render(Reader, {
				article,
				highlight: { paragraph: 2, quote: 'left at dawn' },
				backHref: BACK
			});
			const marks = container.querySelectorAll('mark');
			expect(marks).toHaveLength(1);
			expect(paragraph(container, 2)).toContainElement(marks[0]!);
			expect(markedWords(marks[0]!)).toBe('left at dawn');
			// The paragraph's words are all still there, in order.
			expect(paragraph(container, 2)).toHaveTextContent(
				'The caravans Cited words start: left at dawn (cited words end), and by noon'
			);
		});

		it('tells assistive technology where the cited words start and end', () => {
			const { container } = render(Reader, {
				article,
				highlight: { paragraph: 2, quote: 'left at dawn' }
			});
			const cues = [...container.querySelectorAll('mark .visually-hidden')].map(
				(e) => e.textContent
			);
			// Svelte trims ordinary spaces at the edge of an element; these must stay so the cues do
			// not run into the quoted words ("start:left").
			expect(cues).toEqual(['Cited words start:\u00a0', '\u00a0(cited words end)']);
		});

		it('styles the cited paragraph and links back to the question from it', () => {
			const { container } = render(Reader, {
				article,
				highlight: { paragraph: 2, quote: 'left at dawn' },
				backHref: BACK
			});
			expect(paragraph(container, 2)).toHaveClass('cited');
			expect(paragraph(container, 1)).not.toHaveClass('cited');
			expect(paragraph(container, 3)).not.toHaveClass('cited');
			const back = screen.getByRole('link', { name: 'Back to the question' });
			expect(back).toHaveAttribute('href', BACK);
			expect(paragraph(container, 2)).toContainElement(back);
		});

		it('offers no way back when there is nowhere to go back to', () => {
			render(Reader, { article, highlight: { paragraph: 2, quote: 'left at dawn' } });
			expect(screen.queryByRole('link', { name: 'Back to the question' })).not.toBeInTheDocument();
		});

		it('matches a quote typed with a normal space where the article has a non-breaking one', () => {
			const { container } = render(Reader, {
				article,
				highlight: { paragraph: 2, quote: 'by noon the heat' }
			});
			const mark = paragraph(container, 2).querySelector('mark');
			expect(mark).not.toBeNull();
			// The article's own characters are shown, non-breaking space included.
			expect(markedWords(mark!)).toBe('by noon\u00a0the heat');
		});

		it('matches curly quotes exactly', () => {
			const { container } = render(Reader, {
				article,
				highlight: { paragraph: 2, quote: '“unbearable,”' }
			});
			expect(markedWords(paragraph(container, 2).querySelector('mark')!)).toBe('“unbearable,”');
		});

		it('marks a quote in a block-quote paragraph inside the blockquote', () => {
			const { container } = render(Reader, {
				article,
				highlight: { paragraph: 3, quote: 'salt and water' }
			});
			const mark = paragraph(container, 3).querySelector('blockquote mark');
			expect(markedWords(mark!)).toBe('salt and water');
		});

		it('marks the paragraph but no words when the quote is not in it', () => {
			const { container } = render(Reader, {
				article,
				// These words are in paragraph 1, not 2.
				highlight: { paragraph: 2, quote: 'worth its weight' },
				backHref: BACK
			});
			expect(paragraph(container, 2)).toHaveClass('cited');
			expect(container.querySelector('mark')).toBeNull();
			expect(paragraph(container, 2)).toHaveTextContent(spaced(article.paragraphs[1]!.text));
			expect(screen.getByRole('link', { name: 'Back to the question' })).toBeInTheDocument();
		});

		it('marks the whole paragraph without <mark> when there is no quote', () => {
			const { container } = render(Reader, {
				article,
				highlight: { paragraph: 2, quote: null },
				backHref: BACK
			});
			expect(paragraph(container, 2)).toHaveClass('cited');
			expect(container.querySelector('mark')).toBeNull();
			expect(paragraph(container, 2)).toContainElement(
				screen.getByRole('link', { name: 'Back to the question' })
			);
		});

		it('marks nothing when the cited paragraph does not exist', () => {
			const { container } = render(Reader, {
				article,
				highlight: { paragraph: 9, quote: 'salt' },
				backHref: BACK
			});
			expect(container.querySelector('.cited')).toBeNull();
			expect(container.querySelector('mark')).toBeNull();
			expect(screen.queryByRole('link', { name: 'Back to the question' })).not.toBeInTheDocument();
		});

		it('keeps tags in a cited quote as text', () => {
			const { container } = render(Reader, {
				article,
				highlight: { paragraph: 1, quote: 'Traders <b>crossed</b>' }
			});
			const mark = paragraph(container, 1).querySelector('mark')!;
			expect(mark.querySelector('b')).toBeNull();
			expect(markedWords(mark)).toBe('Traders <b>crossed</b>');
		});
	});
});
