import { render, screen, within } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import Feedback from '$lib/components/Feedback.svelte';
import type { PublicQuestion } from '$lib/quiz/questions.ts';
import type { QuizView } from '$lib/quiz/view.ts';
import { visibleText } from './helpers.ts';

type FeedbackView = Extract<QuizView, { status: 'feedback' }>;

const question: PublicQuestion = {
	id: 'main-cargo',
	skill: 'recall',
	prompt: 'What did the caravans mainly carry?',
	points: 2,
	hintCount: 1,
	type: 'single-choice',
	choices: [
		{ id: 'salt', text: 'Salt' },
		{ id: 'gold', text: 'Gold' }
	]
};

/** Curly quotes, an apostrophe, an ampersand and a hash: all must survive the URL unchanged. */
const QUOTE = '“We carried nothing but salt & water,” the driver’s son said. #1';
const EXPLANATION = 'The driver says salt was the only cargo besides water.';
const WRONG_CHOICE = 'Gold was what the salt was traded for, not what was carried.';

/** A feedback view shaped as `quizView` shapes it: explanation, cites and answer only once earned. */
function view(result: FeedbackView['result'], overrides: Partial<FeedbackView> = {}): FeedbackView {
	const base: FeedbackView = {
		status: 'feedback',
		seq: 4,
		number: 1,
		total: 3,
		question,
		result,
		outcome: 'incorrect',
		response: { type: 'single-choice', choice: 'gold' },
		yourAnswer: ['Gold'],
		earned: 0,
		triesLeft: 0,
		rationales: [WRONG_CHOICE],
		rationalesWithheld: false,
		reread: { kind: 'paragraphs', paragraphs: [{ paragraph: 3, cite: 0 }] },
		isLast: false
	};
	switch (result) {
		case 'correct':
			return {
				...base,
				outcome: 'correct',
				response: { type: 'single-choice', choice: 'salt' },
				yourAnswer: ['Salt'],
				earned: 2,
				triesLeft: 1,
				rationales: [],
				explanation: EXPLANATION,
				cites: [
					{ paragraph: 3, quote: QUOTE },
					{ paragraph: 1, quote: 'worth its weight' }
				],
				answer: ['Salt'],
				...overrides
			};
		case 'retry':
			return { ...base, triesLeft: 1, ...overrides };
		case 'exhausted':
			return { ...base, ...overrides };
		case 'revealed':
			return {
				...base,
				explanation: EXPLANATION,
				cites: [{ paragraph: 3, quote: QUOTE }],
				answer: ['Salt'],
				...overrides
			};
	}
}

/** Resolves a link's href as the browser would from the module page. */
function url(link: HTMLElement): URL {
	return new URL(link.getAttribute('href')!, 'http://x/modules/m');
}

describe('Feedback', () => {
	describe('after a correct answer', () => {
		it('says "Correct" in a heading, with a tick hidden from assistive technology', () => {
			render(Feedback, { view: view('correct') });
			const heading = screen.getByRole('heading', { name: 'Correct' });
			expect(heading).toHaveAttribute('id', 'feedback');
			const symbol = heading.querySelector('[aria-hidden="true"]');
			expect(symbol).toHaveTextContent('✓');
			expect(screen.getByRole('region', { name: 'Correct' })).toContainElement(heading);
		});

		it('shows the learner’s answer and the points earned', () => {
			render(Feedback, { view: view('correct') });
			expect(screen.getByText(/Your answer:/)).toHaveTextContent('Your answer: Salt');
			expect(screen.getByText(/Points:/)).toHaveTextContent('Points: 2 of 2');
		});

		it('explains why under a "Why" heading', () => {
			render(Feedback, { view: view('correct') });
			const why = screen.getByRole('heading', { name: 'Why' });
			expect(why.nextElementSibling).toHaveTextContent(EXPLANATION);
		});

		it('lists the evidence as links named by paragraph and quote', () => {
			render(Feedback, { view: view('correct') });
			expect(screen.getByRole('heading', { name: 'Evidence in the article' })).toBeInTheDocument();
			const list = screen.getByRole('list', { name: 'Evidence in the article' });
			const links = within(list).getAllByRole('link');
			expect(links).toHaveLength(2);
			expect(links[0]).toHaveAccessibleName(`Paragraph 3: “${QUOTE}”`);
			expect(links[1]).toHaveAccessibleName('Paragraph 1: “worth its weight”');
			expect(within(list).getByRole('link', { name: /^Paragraph 1:/ })).toBe(links[1]);
		});

		it('links each piece of evidence by question and citation, never by the quoted words', () => {
			render(Feedback, { view: view('correct') });
			const link = screen.getByRole('link', { name: `Paragraph 3: “${QUOTE}”` });
			const href = url(link);
			expect(href.pathname).toBe('/modules/m');
			expect(href.hash).toBe('#p-3');
			expect(href.searchParams.get('q')).toBe('main-cargo');
			expect(href.searchParams.get('cite')).toBe('0');
			expect(href.searchParams.has('quote')).toBe(false);
			expect(screen.getByRole('link', { name: 'Paragraph 1: “worth its weight”' })).toHaveAttribute(
				'href',
				'?q=main-cargo&cite=1#p-1'
			);
		});

		it('does not offer a re-read or say how many tries are left', () => {
			render(Feedback, { view: view('correct') });
			expect(screen.queryByText(/tries? left/)).not.toBeInTheDocument();
			expect(screen.queryByText(/Re-read/)).not.toBeInTheDocument();
			expect(
				screen.queryByRole('list', { name: 'Why that choice is not right' })
			).not.toBeInTheDocument();
		});
	});

	describe('after a wrong answer with tries left', () => {
		it('says "Not quite" in a heading, with a cross hidden from assistive technology', () => {
			render(Feedback, { view: view('retry') });
			const heading = screen.getByRole('heading', { name: 'Not quite' });
			expect(heading.querySelector('[aria-hidden="true"]')).toHaveTextContent('✗');
		});

		it('lists why the chosen answer is not right', () => {
			render(Feedback, { view: view('retry') });
			const list = screen.getByRole('list', { name: 'Why that choice is not right' });
			expect(within(list).getByRole('listitem')).toHaveTextContent(WRONG_CHOICE);
		});

		it('says how many tries are left', () => {
			render(Feedback, { view: view('retry') });
			expect(visibleText(screen.getByText(/You have/))).toBe(
				'You have 1 try left. Re-read ¶3, then try again.'
			);
		});

		it('says "tries" when more than one is left', () => {
			render(Feedback, { view: view('retry', { triesLeft: 2 }) });
			expect(screen.getByText(/You have/)).toHaveTextContent(/^You have 2 tries left\./);
		});

		it('links to each paragraph worth re-reading without quoting it', () => {
			const reread = {
				kind: 'paragraphs' as const,
				paragraphs: [
					{ paragraph: 3, cite: 0 },
					{ paragraph: 1, cite: 1 },
					{ paragraph: 5, cite: 3 }
				]
			};
			render(Feedback, { view: view('retry', { reread }) });
			expect(visibleText(screen.getByText(/You have/))).toContain(
				'Re-read ¶3, ¶1 and ¶5, then try again.'
			);
			const link = screen.getByRole('link', { name: 'Paragraph 3' });
			expect(link).toHaveAttribute('href', '?q=main-cargo&reread=0#p-3');
			expect(url(link).searchParams.has('quote')).toBe(false);
			expect(link.querySelector('q')).toBeNull();
			expect(screen.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
				'?q=main-cargo&reread=0#p-3',
				'?q=main-cargo&reread=1#p-1',
				'?q=main-cargo&reread=3#p-5'
			]);
		});

		it('sends an evidence question back to its whole range, not to the paragraph that answers it', () => {
			render(Feedback, { view: view('retry', { reread: { kind: 'range', from: 4, to: 9 } }) });
			expect(visibleText(screen.getByText(/You have/))).toContain('Re-read ¶4–9, then try again.');
			const link = screen.getByRole('link', { name: 'Paragraphs 4–9' });
			expect(link).toHaveAttribute('href', '#p-4');
		});

		it('holds back the rationales of a multiple-choice answer until the question is done', () => {
			render(Feedback, {
				view: view('retry', { rationales: [], rationalesWithheld: true, outcome: 'partial' })
			});
			expect(
				screen.queryByRole('list', { name: 'Why that choice is not right' })
			).not.toBeInTheDocument();
			expect(screen.getByText(/once you have finished this question/)).toBeInTheDocument();
		});

		it('gives away no explanation, answer, evidence or points', () => {
			const { container } = render(Feedback, { view: view('retry') });
			expect(screen.queryByRole('heading', { name: 'Why' })).not.toBeInTheDocument();
			expect(
				screen.queryByRole('heading', { name: 'Evidence in the article' })
			).not.toBeInTheDocument();
			expect(screen.queryByText(/The answer:/)).not.toBeInTheDocument();
			expect(screen.queryByText(/Points:/)).not.toBeInTheDocument();
			expect(container).not.toHaveTextContent(EXPLANATION);
			expect(container).not.toHaveTextContent('Salt');
			expect(container.querySelector('q')).toBeNull();
		});
	});

	describe('after the last wrong try', () => {
		it('says it was the last try and offers the answer without showing it', () => {
			const { container } = render(Feedback, { view: view('exhausted') });
			expect(screen.getByRole('heading', { name: 'Not quite' })).toBeInTheDocument();
			expect(screen.getByText(/last try/)).toHaveTextContent(
				'That was your last try. You can see the answer and why, or move on.'
			);
			expect(screen.queryByText(/tries? left/)).not.toBeInTheDocument();
			expect(screen.getByText(/Points:/)).toHaveTextContent('Points: 0 of 2');
			expect(screen.queryByRole('heading', { name: 'Why' })).not.toBeInTheDocument();
			expect(
				screen.queryByRole('heading', { name: 'Evidence in the article' })
			).not.toBeInTheDocument();
			expect(screen.queryByText(/The answer:/)).not.toBeInTheDocument();
			expect(container).not.toHaveTextContent(EXPLANATION);
			expect(screen.queryByRole('link')).not.toBeInTheDocument();
		});
	});

	describe('after "show answer"', () => {
		it('shows the answer, the explanation and the evidence', () => {
			render(Feedback, { view: view('revealed') });
			expect(screen.getByText(/The answer:/)).toHaveTextContent('The answer: Salt');
			expect(screen.getByRole('heading', { name: 'Why' }).nextElementSibling).toHaveTextContent(
				EXPLANATION
			);
			const list = screen.getByRole('list', { name: 'Evidence in the article' });
			const link = within(list).getByRole('link', { name: `Paragraph 3: “${QUOTE}”` });
			expect(url(link).searchParams.get('cite')).toBe('0');
			expect(screen.queryByText(/tries? left/)).not.toBeInTheDocument();
		});

		it('still tells the learner their own answer was wrong', () => {
			render(Feedback, { view: view('revealed') });
			expect(screen.getByRole('heading', { name: 'Not quite' })).toBeInTheDocument();
			expect(screen.getByText(/Your answer:/)).toHaveTextContent('Your answer: Gold');
		});

		it('joins an answer of several parts with semicolons', () => {
			render(Feedback, { view: view('revealed', { answer: ['Salt', 'Water'] }) });
			expect(screen.getByText(/The answer:/)).toHaveTextContent('The answer: Salt; Water');
		});
	});

	describe('after a partly right answer', () => {
		it('says "Partly right" in a heading, with a half-filled symbol hidden from assistive technology', () => {
			render(Feedback, {
				view: view('exhausted', {
					outcome: 'partial',
					yourAnswer: ['Salt', 'Silk'],
					earned: 0.5,
					rationales: ['Silk came by sea, not across the desert.']
				})
			});
			const heading = screen.getByRole('heading', { name: 'Partly right' });
			expect(heading.querySelector('[aria-hidden="true"]')).toHaveTextContent('◐');
			expect(screen.getByText(/Your answer:/)).toHaveTextContent('Your answer: Salt; Silk');
			expect(screen.getByText(/Points:/)).toHaveTextContent('Points: 0.5 of 2');
		});
	});

	it('words every outcome differently, so right and wrong never rest on colour alone', () => {
		const outcomes = (['correct', 'partial', 'incorrect'] as const).map((outcome) => {
			const { unmount } = render(Feedback, {
				view: view(outcome === 'correct' ? 'correct' : 'exhausted', { outcome })
			});
			const heading = screen.getByRole('heading', { level: 3 });
			const words = heading.textContent!.replace(/\s+/g, ' ').trim();
			unmount();
			return words;
		});
		expect(outcomes).toEqual(['✓ Correct', '◐ Partly right', '✗ Not quite']);
		expect(new Set(outcomes.map((w) => w.slice(2))).size).toBe(3);
	});

	it('renders the actions it is given', () => {
		const actions = createRawSnippet(() => ({
			render: () => '<button type="submit">Next question</button>'
		}));
		render(Feedback, { view: view('correct'), actions });
		const region = screen.getByRole('region', { name: 'Correct' });
		expect(within(region).getByRole('button', { name: 'Next question' })).toBeInTheDocument();
	});

	it('renders no buttons without actions', () => {
		render(Feedback, { view: view('correct') });
		expect(screen.queryByRole('button')).not.toBeInTheDocument();
	});
});
