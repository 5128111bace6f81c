import '@testing-library/jest-dom/vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, onTestFinished } from 'vitest';
import Reader from '$lib/components/Reader.svelte';
import type { ArticleFrontMatter, GlossaryEntry, Paragraph } from '$lib/content/schema.ts';
import { checkInput, rawInputFrom, type PublicQuestion } from '$lib/quiz/questions.ts';
import { spokenText, visibleText } from './helpers.ts';

// What the reader adds while the learner practises: evidence choices in the article itself,
// glossary terms that open a definition, and guided reading that hides what comes next.

const article: ArticleFrontMatter & { paragraphs: Paragraph[] } = {
	title: 'The Salt Road',
	author: 'Ada Writer',
	publication: 'The Example Review',
	attribution: 'Adapted from The Example Review, used with permission.',
	paragraphs: [
		{
			n: 1,
			text: 'Salt was once worth its weight in gold. Traders crossed the desert for it.',
			blockquote: false
		},
		{
			n: 2,
			text: 'The caravans left at dawn. By noon the heat was “unbearable,” one driver said, and the caravans stopped.',
			blockquote: false
		},
		{ n: 3, text: '“We carried nothing but salt and water.”', blockquote: true },
		{
			n: 4,
			text: 'The oasis at Taoudenni was a welcome stop. Camels drank there for hours.',
			blockquote: false
		},
		{ n: 5, text: 'Today, trucks carry most of the salt.', blockquote: false }
	]
};

const FORM_ID = 'answer-form';
const CLAIM = 'The journey was hardest in the middle of the day.';

const glossary: GlossaryEntry[] = [
	{
		term: 'caravans',
		definition: 'Groups of traders travelling together.',
		source: 'article',
		paragraphs: [2]
	},
	{
		term: 'oasis',
		definition: 'A place in the desert with water.',
		source: 'background',
		paragraphs: [4]
	},
	{ term: 'salt', definition: 'Sodium chloride.', source: 'background', paragraphs: [1, 5] }
];

function paragraph(n: number): HTMLElement {
	const element = document.getElementById(`p-${n}`);
	if (!element) throw new Error(`no #p-${n}`);
	return element;
}

/** The answer form the page renders beside the article; evidence radios belong to it by id. */
function answerForm(): HTMLFormElement {
	const form = document.createElement('form');
	form.id = FORM_ID;
	form.setAttribute('aria-label', 'Answer');
	document.body.appendChild(form);
	onTestFinished(() => form.remove());
	return form;
}

function evidence(select: 'paragraph' | 'sentence', within: [number, number] = [2, 4]) {
	return { select, within, prompt: CLAIM, formId: FORM_ID };
}

/** The popover a glossary term button opens. */
function popoverOf(button: HTMLElement): HTMLElement {
	const id = button.getAttribute('popovertarget');
	const popover = id ? document.getElementById(id) : null;
	if (!popover) throw new Error(`no popover for ${button.textContent}`);
	return popover;
}

describe('Reader with an evidence question', () => {
	describe('choosing a paragraph', () => {
		it('puts the paragraphs in range in a group named by the claim', () => {
			answerForm();
			render(Reader, { article, evidence: evidence('paragraph') });
			const group = screen.getByRole('group', {
				name: `Choose the paragraph in ¶2–¶4 that supports this claim: ${CLAIM}`
			});
			expect(group.tagName).toBe('FIELDSET');
			for (const n of [2, 3, 4]) expect(group).toContainElement(paragraph(n));
			for (const n of [1, 5]) expect(group).not.toContainElement(paragraph(n));
		});

		it('keeps the paragraphs in article order around the group', () => {
			answerForm();
			const { container } = render(Reader, { article, evidence: evidence('paragraph') });
			const ids = [...container.querySelectorAll('.paragraph')].map((p) => p.id);
			expect(ids).toEqual(['p-1', 'p-2', 'p-3', 'p-4', 'p-5']);
		});

		it('gives each paragraph in range a radio "Choose ¶N as the evidence" that belongs to the answer form', () => {
			answerForm();
			render(Reader, { article, evidence: evidence('paragraph') });
			const radios = screen.getAllByRole('radio');
			expect(radios).toHaveLength(3);
			for (const n of [2, 3, 4]) {
				const radio = within(paragraph(n)).getByRole('radio', {
					name: `Choose ¶${n} as the evidence`
				});
				expect(radio).toHaveAttribute('name', 'evidence');
				expect(radio).toHaveAttribute('value', String(n));
				expect(radio).toHaveAttribute('form', FORM_ID);
			}
		});

		it('offers no radio in paragraphs outside the range', () => {
			answerForm();
			render(Reader, { article, evidence: evidence('paragraph') });
			for (const n of [1, 5]) {
				expect(within(paragraph(n)).queryByRole('radio')).not.toBeInTheDocument();
			}
		});

		it('posts the chosen paragraph with the answer form, which sits elsewhere in the page', async () => {
			const user = userEvent.setup();
			const form = answerForm();
			render(Reader, { article, evidence: evidence('paragraph') });
			expect(form).not.toContainElement(screen.getAllByRole('radio')[0]!);
			expect(new FormData(form).getAll('evidence')).toEqual([]);

			await user.click(screen.getByRole('radio', { name: 'Choose ¶3 as the evidence' }));
			expect(new FormData(form).getAll('evidence')).toEqual(['3']);
			await user.click(screen.getByRole('radio', { name: 'Choose ¶4 as the evidence' }));
			expect(new FormData(form).getAll('evidence')).toEqual(['4']);
		});

		it('lets the learner choose with the arrow keys', async () => {
			const user = userEvent.setup();
			const form = answerForm();
			render(Reader, { article, evidence: evidence('paragraph') });
			await user.click(screen.getByRole('radio', { name: 'Choose ¶2 as the evidence' }));
			await user.keyboard('{ArrowDown}');
			expect(screen.getByRole('radio', { name: 'Choose ¶3 as the evidence' })).toHaveFocus();
			expect(new FormData(form).getAll('evidence')).toEqual(['3']);
		});

		it('submits the answer form from a "Check this evidence" button at the end of the group', async () => {
			const user = userEvent.setup();
			const form = answerForm();
			const submitted: (HTMLElement | null)[] = [];
			form.addEventListener('submit', (event) => {
				event.preventDefault();
				submitted.push(event.submitter);
			});
			render(Reader, { article, evidence: evidence('paragraph') });
			const group = screen.getByRole('group');
			const check = within(group).getByRole('button', { name: 'Check this evidence' });
			expect(check).toHaveAttribute('type', 'submit');
			expect(check).toHaveAttribute('form', FORM_ID);
			expect(group.lastElementChild).toBe(check);

			await user.click(screen.getByRole('radio', { name: 'Choose ¶2 as the evidence' }));
			await user.click(check);
			expect(submitted).toEqual([check]);
		});
	});

	describe('choosing a sentence', () => {
		it('makes each sentence in range a radio named by its words, valued "¶.sentence"', () => {
			answerForm();
			render(Reader, { article, evidence: evidence('sentence') });
			const radios = screen.getAllByRole('radio');
			expect(radios.map((r) => [r.getAttribute('value'), r.getAttribute('form')])).toEqual([
				['2.1', FORM_ID],
				['2.2', FORM_ID],
				['3.1', FORM_ID],
				['4.1', FORM_ID],
				['4.2', FORM_ID]
			]);
			const cases: [string, string][] = [
				['2.1', 'The caravans left at dawn.'],
				['2.2', 'By noon the heat was “unbearable,” one driver said, and the caravans stopped.'],
				['3.1', '“We carried nothing but salt and water.”'],
				['4.1', 'The oasis at Taoudenni was a welcome stop.'],
				['4.2', 'Camels drank there for hours.']
			];
			for (const [value, sentence] of cases) {
				const radio = screen.getByRole('radio', { name: sentence });
				expect(radio).toHaveAttribute('value', value);
				expect(radio).toHaveAttribute('name', 'evidence');
			}
		});

		it('names the group by the claim and offers no whole-paragraph choice', () => {
			answerForm();
			render(Reader, { article, evidence: evidence('sentence') });
			expect(
				screen.getByRole('group', {
					name: `Choose the sentence in ¶2–¶4 that supports this claim: ${CLAIM}`
				})
			).toBeInTheDocument();
			expect(screen.queryByRole('radio', { name: /as the evidence/ })).not.toBeInTheDocument();
		});

		it('keeps every word of the paragraph, between the sentence choices', () => {
			answerForm();
			render(Reader, { article, evidence: evidence('sentence') });
			expect(paragraph(2)).toHaveTextContent(article.paragraphs[1]!.text);
			expect(paragraph(4)).toHaveTextContent(article.paragraphs[3]!.text);
		});

		it('offers no sentence radios outside the range', () => {
			answerForm();
			render(Reader, { article, evidence: evidence('sentence', [2, 2]) });
			expect(screen.getAllByRole('radio')).toHaveLength(2);
			for (const n of [1, 3, 4, 5]) {
				expect(within(paragraph(n)).queryByRole('radio')).not.toBeInTheDocument();
			}
		});

		it('posts the chosen sentence with the answer form, in a shape the server accepts', async () => {
			const user = userEvent.setup();
			const form = answerForm();
			render(Reader, { article, evidence: evidence('sentence') });
			await user.click(screen.getByRole('radio', { name: /^By noon the heat/ }));
			expect(new FormData(form).getAll('evidence')).toEqual(['2.2']);

			const question: Extract<PublicQuestion, { type: 'evidence' }> = {
				id: 'hot-noon',
				skill: 'sourcing',
				prompt: CLAIM,
				points: 1,
				hintCount: 0,
				type: 'evidence',
				select: 'sentence',
				within: [2, 4],
				options: ['2.1', '2.2', '3.1', '4.1', '4.2']
			};
			expect(checkInput(question, rawInputFrom(new FormData(form)))).toEqual({
				kind: 'valid',
				response: { type: 'evidence', choice: '2.2' }
			});
		});
	});

	it('shows no choices, group or check button without an evidence question', () => {
		answerForm();
		render(Reader, { article });
		expect(screen.queryByRole('radio')).not.toBeInTheDocument();
		expect(screen.queryByRole('group')).not.toBeInTheDocument();
		expect(screen.queryByRole('button', { name: 'Check this evidence' })).not.toBeInTheDocument();
	});
});

describe('Reader with a glossary', () => {
	it('makes the first occurrence of a term in a listed paragraph a button, and only the first', () => {
		render(Reader, { article, glossary });
		const buttons = within(paragraph(2)).getAllByRole('button', { name: 'caravans' });
		expect(buttons).toHaveLength(1);
		expect(buttons[0]).toHaveAttribute('type', 'button');
		// The button is the "caravans" of "The caravans left…", not of "…and the caravans stopped."
		const before = document.createRange();
		before.setStart(paragraph(2).querySelector('p')!, 0);
		before.setEndBefore(buttons[0]!);
		expect(before.toString()).toBe('The ');
		expect(visibleText(paragraph(2).querySelector('p')!)).toBe(article.paragraphs[1]!.text);
	});

	it('points each term button at a closed popover with the definition and a Close button', () => {
		render(Reader, { article, glossary });
		const button = within(paragraph(2)).getByRole('button', { name: 'caravans' });
		const popover = popoverOf(button);
		expect(popover).toHaveAttribute('popover');
		expect(popover).not.toBeVisible();
		expect(popover).toHaveAttribute('role', 'note');
		expect(popover).toHaveAttribute('aria-label', 'Glossary: caravans');
		expect(popover).toHaveTextContent('Groups of traders travelling together.');
		const close = within(popover).getByRole('button', { name: 'Close', hidden: true });
		expect(close).toHaveAttribute('type', 'button');
		expect(close).toHaveAttribute('popovertarget', popover.id);
		expect(close).toHaveAttribute('popovertargetaction', 'hide');
	});

	it('gives every term button its own popover', () => {
		render(Reader, { article, glossary });
		const buttons = screen.getAllByRole('button');
		expect(buttons.map((b) => b.textContent)).toEqual(['Salt', 'caravans', 'oasis', 'salt']);
		const ids = buttons.map((b) => popoverOf(b).id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('says when a definition is background rather than from the article', () => {
		render(Reader, { article, glossary });
		const oasis = popoverOf(within(paragraph(4)).getByRole('button', { name: 'oasis' }));
		expect(oasis).toHaveTextContent('Background, not from the article');
		const caravans = popoverOf(within(paragraph(2)).getByRole('button', { name: 'caravans' }));
		expect(caravans).not.toHaveTextContent('Background');
	});

	it('makes a term a button only in the paragraphs its entry lists', () => {
		render(Reader, { article, glossary });
		// "salt" is listed for ¶1 and ¶5, not ¶3, though ¶3 says it too.
		expect(within(paragraph(1)).getByRole('button', { name: 'Salt' })).toBeInTheDocument();
		expect(within(paragraph(5)).getByRole('button', { name: 'salt' })).toBeInTheDocument();
		expect(within(paragraph(3)).queryByRole('button')).not.toBeInTheDocument();
		expect(paragraph(3)).toHaveTextContent('salt and water');
	});

	it('keeps terms as buttons beside whole-paragraph evidence choices', () => {
		answerForm();
		render(Reader, { article, glossary, evidence: evidence('paragraph') });
		expect(within(paragraph(2)).getByRole('button', { name: 'caravans' })).toBeInTheDocument();
		for (const label of document.querySelectorAll('label')) {
			expect(label.querySelector('button')).toBeNull();
		}
	});

	it('makes no term a button inside a sentence choice, so no button sits in a label', () => {
		answerForm();
		render(Reader, { article, glossary, evidence: evidence('sentence') });
		expect(within(paragraph(2)).queryByRole('button')).not.toBeInTheDocument();
		expect(within(paragraph(4)).queryByRole('button')).not.toBeInTheDocument();
		expect(document.querySelectorAll('label button')).toHaveLength(0);
		// The sentence is still named by its own words, not by a definition.
		expect(screen.getByRole('radio', { name: 'The caravans left at dawn.' })).toBeInTheDocument();
		// Outside the range, terms are still buttons.
		expect(within(paragraph(1)).getByRole('button', { name: 'Salt' })).toBeInTheDocument();
	});

	it('marks a highlighted quote and still offers the terms in the same paragraph', () => {
		const { container } = render(Reader, {
			article,
			glossary,
			highlight: { paragraph: 2, quote: 'the heat was “unbearable,”' },
			backHref: '#practice'
		});
		const marks = container.querySelectorAll('mark');
		expect(marks).toHaveLength(1);
		expect(visibleText(marks[0]!)).toBe('the heat was “unbearable,”');
		expect(within(paragraph(2)).getByRole('button', { name: 'caravans' })).toBeInTheDocument();
		expect(paragraph(2)).toHaveClass('cited');
		expect(visibleText(paragraph(2).querySelector('p')!)).toBe(article.paragraphs[1]!.text);
	});

	it('marks a highlighted quote that contains a term as one quote, term included', () => {
		const { container } = render(Reader, {
			article,
			glossary,
			highlight: { paragraph: 2, quote: 'The caravans left at dawn' }
		});
		const button = within(paragraph(2)).getByRole('button', { name: 'caravans' });
		// Every word of the quote is marked, the term too.
		expect(button.closest('mark')).not.toBeNull();
		const marked = [...container.querySelectorAll('mark')].map(visibleText).join(' ');
		expect(marked.replace(/\s+/g, ' ')).toBe('The caravans left at dawn');
		// Assistive technology hears one start and one end, around the whole quote.
		const cues = [...container.querySelectorAll('mark .visually-hidden')].map((e) => e.textContent);
		expect(cues).toEqual(['Cited words start:\u00a0', '\u00a0(cited words end)']);
		expect(spokenText(paragraph(2).querySelector('p')!)).toBe(
			'Cited words start: The caravans left at dawn (cited words end). By noon the heat was “unbearable,” one driver said, and the caravans stopped.'
		);
	});
});

describe('Reader with guided reading', () => {
	const notice = createRawSnippet((first: () => number) => ({
		render: () => `<p>The rest of the article, from ¶${first()}, opens later.</p>`
	}));

	it('shows the paragraphs through the one it is given and hides the rest', () => {
		const { container } = render(Reader, { article, visibleThrough: 2, hiddenNotice: notice });
		expect(paragraph(1)).toBeInTheDocument();
		expect(paragraph(2)).toBeInTheDocument();
		for (const n of [3, 4, 5]) expect(container.querySelector(`#p-${n}`)).toBeNull();
		expect(container).not.toHaveTextContent('We carried nothing');
	});

	it('says where the hidden part begins, after the last shown paragraph', () => {
		render(Reader, { article, visibleThrough: 2, hiddenNotice: notice });
		const message = screen.getByText('The rest of the article, from ¶3, opens later.');
		expect(paragraph(2).compareDocumentPosition(message)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
		expect(screen.getByText(article.attribution).compareDocumentPosition(message)).toBe(
			Node.DOCUMENT_POSITION_PRECEDING
		);
	});

	it('shows every paragraph and no notice without visibleThrough', () => {
		const { container } = render(Reader, { article, hiddenNotice: notice });
		expect(container.querySelectorAll('.paragraph')).toHaveLength(5);
		expect(screen.queryByText(/opens later/)).not.toBeInTheDocument();
	});

	it('shows no notice when nothing is left to hide', () => {
		render(Reader, { article, visibleThrough: 5, hiddenNotice: notice });
		expect(document.querySelectorAll('.paragraph')).toHaveLength(5);
		expect(screen.queryByText(/opens later/)).not.toBeInTheDocument();
	});

	it('offers evidence choices only in the paragraphs it shows', () => {
		answerForm();
		render(Reader, {
			article,
			visibleThrough: 3,
			hiddenNotice: notice,
			evidence: evidence('paragraph')
		});
		expect(screen.getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['2', '3']);
		expect(screen.getByText('The rest of the article, from ¶4, opens later.')).toBeInTheDocument();
	});
});
