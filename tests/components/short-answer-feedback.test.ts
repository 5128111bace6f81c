/**
 * What the short-answer matcher adds to feedback, through the real path: the grader's note, the
 * practice view (which keeps a listed wrong answer's quotes until the question is resolved) and
 * the Feedback component.
 */
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Feedback from '$lib/components/Feedback.svelte';
import type { ShortAnswerQuestion } from '$lib/content/schema.ts';
import { quizView, type QuizView } from '$lib/quiz/view.ts';
import { hintsFrom, shortAnswer, startQuiz, submit } from '../quiz/fixtures.ts';

type FeedbackView = Extract<QuizView, { status: 'feedback' }>;

const QUOTE = 'about 2,000 ethnic Kazakhs';
const WRONG_FEEDBACK = 'That is the number of Kazakhs in China, not the number allowed to leave.';

const question: ShortAnswerQuestion = {
	...shortAnswer,
	prompt: 'Which news agency did the Kazakh Foreign Ministry confirm its news to?',
	accepted: ['Kazinform', '2,000'],
	wrong: [
		{
			answer: '1.46 million',
			feedback: WRONG_FEEDBACK,
			cites: [{ paragraph: 1, quote: QUOTE }]
		}
	]
};

async function feedbackAfter(...answers: string[]): Promise<FeedbackView> {
	const actor = startQuiz([question]);
	actor.send({ type: 'quiz.start' });
	for (const text of answers) {
		if (actor.getSnapshot().matches('feedback')) actor.send({ type: 'answer.retry' });
		await submit(actor, { type: 'short-answer', text });
	}
	const view = quizView(actor.getSnapshot(), 1, hintsFrom([question]));
	if (view.status !== 'feedback') throw new Error(`expected feedback, got ${view.status}`);
	return view;
}

describe('short-answer feedback', () => {
	it('accepts a spelling slip and shows the right spelling', async () => {
		const view = await feedbackAfter('Kazinfrom');
		expect(view.note).toEqual({ kind: 'spelling', spelling: 'Kazinform' });
		render(Feedback, { view });
		expect(screen.getByRole('heading', { name: 'Correct' })).toBeInTheDocument();
		expect(screen.getByText(/Accepted — the spelling is/)).toHaveTextContent(
			'Accepted — the spelling is “Kazinform”.'
		);
	});

	it('says nothing about spelling for an exact answer', async () => {
		const view = await feedbackAfter('kazinform');
		expect(view).not.toHaveProperty('note');
		render(Feedback, { view });
		expect(screen.queryByText(/the spelling is/)).toBeNull();
	});

	it('shows a listed wrong answer’s own feedback, its paragraph but not yet its quote', async () => {
		const view = await feedbackAfter('about 1,460,000');
		expect(view.result).toBe('retry');
		expect(JSON.stringify(view)).not.toContain(QUOTE);
		render(Feedback, { view });
		const group = screen.getByRole('group', { name: 'About that answer' });
		expect(within(group).getByText(WRONG_FEEDBACK)).toBeInTheDocument();
		const link = within(group).getByRole('link');
		expect(link).toHaveAccessibleName('Paragraph 1');
		expect(link).toHaveAttribute('href', '#p-1');
	});

	it('gives the wrong answer’s citation with its quote once the answer is shown', async () => {
		const actor = startQuiz([question], { settings: { maxTries: 1 } });
		actor.send({ type: 'quiz.start' });
		await submit(actor, { type: 'short-answer', text: '1.46m' });
		actor.send({ type: 'answer.reveal' });
		const view = quizView(actor.getSnapshot(), 1, hintsFrom([question]));
		if (view.status !== 'feedback') throw new Error(`expected feedback, got ${view.status}`);
		expect(view.result).toBe('revealed');
		render(Feedback, { view });
		const group = screen.getByRole('group', { name: 'About that answer' });
		expect(within(group).getByText(WRONG_FEEDBACK)).toBeInTheDocument();
		expect(within(group).getByRole('link')).toHaveAccessibleName(`Paragraph 1: “${QUOTE}”`);
	});
});
