/**
 * The assessment panel, from views the real machine and `assessmentView` produce: a saved answer
 * is shown again, the question list says which are answered, review names the unanswered ones,
 * and a submitted attempt shows results only as far as the reveal rule allows.
 */
import { render, screen, within } from '@testing-library/svelte';
import { waitFor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { assessmentView, type AssessmentView } from '$lib/quiz/view.ts';
import Assessment from '../../src/routes/join/[code]/quiz/Assessment.svelte';
import { correctResponse, fourTypes, startQuiz } from '../quiz/fixtures.ts';

const [singleChoice, , , shortAnswer] = fourTypes;

async function assessing(): Promise<{
	view: AssessmentView;
	submitted: (reveal: boolean) => Promise<AssessmentView>;
}> {
	const actor = startQuiz(fourTypes, { settings: { mode: 'assessment', shuffleChoices: false } });
	actor.send({ type: 'quiz.start' });
	actor.send({
		type: 'answer.record',
		questionId: singleChoice!.id,
		response: correctResponse(singleChoice!)
	});
	actor.send({
		type: 'answer.record',
		questionId: shortAnswer!.id,
		response: { type: 'short-answer', text: 'my own words' }
	});
	const hidden = { score: false, answers: false };
	return {
		view: assessmentView(actor.getSnapshot(), 3, hidden),
		submitted: async (reveal) => {
			actor.send({ type: 'quiz.submit' });
			const done = await waitFor(actor, (s) => s.matches('summary'));
			return assessmentView(done, 4, reveal ? { score: true, answers: true } : hidden);
		}
	};
}

const props = { lessonOf: {}, revealWords: 'Your teacher will show results after the due date.' };

describe('the assessment panel', () => {
	it('shows the saved answer and which questions are answered', async () => {
		const { view } = await assessing();
		render(Assessment, { view, reviewing: false, ...props });
		expect(
			screen.getByRole('heading', { name: `Question 1 of ${fourTypes.length}` })
		).toBeInTheDocument();
		expect(screen.getByText('Answer saved')).toBeInTheDocument();
		const chosen = screen.getByRole('radio', { checked: true });
		expect(chosen).toHaveAttribute(
			'value',
			(correctResponse(singleChoice!) as { choice: string }).choice
		);
		const nav = screen.getByRole('navigation', { name: 'Questions' });
		expect(within(nav).getByRole('button', { name: /question 1, answered/ })).toHaveAttribute(
			'aria-current',
			'step'
		);
		expect(
			within(nav).getByRole('button', { name: /question 2, not answered/ })
		).toBeInTheDocument();
		expect(within(nav).getByRole('button', { name: /question 4, answered/ })).toBeInTheDocument();
		expect(
			screen.getByText(`Answered 2 of ${fourTypes.length}.`, { exact: false })
		).toBeInTheDocument();
		// The button Enter presses moves forward and saves.
		const first = screen
			.getAllByRole('button')
			.find((b) => b.closest('form')?.id === 'answer-form');
		expect(first).toHaveTextContent('Save and next');
	});

	it('review names the unanswered questions and offers to submit', async () => {
		const { view } = await assessing();
		render(Assessment, { view, reviewing: true, ...props });
		const review = screen.getByRole('region', { name: 'Review and submit' });
		expect(review).toHaveTextContent(`You have answered 2 of ${fourTypes.length} questions.`);
		expect(review).toHaveTextContent('Not answered: questions 2, 3.');
		expect(
			within(review).getByRole('button', { name: 'Submit the assessment' })
		).toBeInTheDocument();
	});

	it('a submitted attempt without reveal shows no score, no key and says when results come', async () => {
		const { submitted } = await assessing();
		const view = await submitted(false);
		const { container } = render(Assessment, { view, reviewing: false, ...props });
		expect(screen.getByRole('heading', { name: 'Submitted' })).toBeInTheDocument();
		expect(screen.getByText(props.revealWords)).toBeInTheDocument();
		expect(container.textContent).not.toMatch(/points/);
		for (const q of fourTypes) expect(container.textContent).not.toContain(q.explanation);
		const answer = [...container.querySelectorAll('.your-answer')].find((el) =>
			el.textContent?.includes('my own words')
		);
		expect(answer).toHaveTextContent('Your answer: my own words');
		// The learner's own words are isolated, so their direction cannot reorder the page's.
		expect(answer!.querySelector('bdi')).toHaveTextContent('my own words');
	});

	it('with reveal, shows the score, each answer right or wrong, explanations and citations', async () => {
		const { submitted } = await assessing();
		const view = await submitted(true);
		const { container } = render(Assessment, { view, reviewing: false, ...props });
		expect(container.querySelector('.score')).toHaveTextContent(/of \d+ points/);
		expect(container.textContent).toContain(singleChoice!.explanation);
		expect(screen.getAllByRole('list', { name: /Evidence for question/ }).length).toBeGreaterThan(
			0
		);
		expect(screen.getAllByText('✓').length).toBeGreaterThan(0);
		expect(screen.getAllByText('✗').length).toBeGreaterThan(0);
	});
});
