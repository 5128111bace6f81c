import '@testing-library/jest-dom/vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import Evidence from '$lib/components/questions/Evidence.svelte';
import Matching from '$lib/components/questions/Matching.svelte';
import QuestionFields from '$lib/components/questions/QuestionFields.svelte';
import TwoPart from '$lib/components/questions/TwoPart.svelte';
import { checkInput, rawInputFrom, type PublicQuestion } from '$lib/quiz/questions.ts';
import { fields, renderInForm, visibleText } from './helpers.ts';

type Of<T extends PublicQuestion['type']> = Extract<PublicQuestion, { type: T }>;

const ERROR = 'Answer every part before checking.';

const matching: Of<'matching'> = {
	id: 'who-did-what',
	skill: 'recall',
	prompt: 'Match each person to what they did.',
	points: 3,
	hintCount: 0,
	type: 'matching',
	items: [
		{ id: 'driver', text: 'The driver' },
		{ id: 'miner', text: 'The miner' },
		{ id: 'merchant', text: 'The merchant' }
	],
	// Deliberately not alphabetical: the view must keep the order it is given.
	options: [
		{ id: 'cut', text: 'Cut the salt' },
		{ id: 'sold', text: 'Sold the salt' },
		{ id: 'led', text: 'Led the caravan' }
	]
};

const twoPart: Of<'two-part'> = {
	id: 'why-salt',
	skill: 'inference',
	prompt: 'Why was salt so valuable?',
	points: 2,
	hintCount: 1,
	type: 'two-part',
	choices: [
		{ id: 'preserve', text: 'It kept food from spoiling' },
		{ id: 'rare', text: 'It was found everywhere' }
	],
	partB: {
		prompt: 'Which words from the article support your answer to Part A?',
		choices: [
			{ id: 'q1', text: 'meat and fish would keep for months' },
			{ id: 'q2', text: 'worth its weight in gold' }
		]
	}
};

const evidence: Of<'evidence'> = {
	id: 'hot-noon',
	skill: 'sourcing',
	prompt: 'The journey was hardest in the middle of the day.',
	points: 1,
	hintCount: 0,
	type: 'evidence',
	select: 'sentence',
	within: [2, 4],
	options: ['2.1', '2.2', '3.1', '4.1']
};

describe('Matching', () => {
	it('renders a group named by the prompt with one select per item, labelled by the item', () => {
		renderInForm(Matching, { question: matching });
		const group = screen.getByRole('group', { name: new RegExp(`^${matching.prompt}`) });
		expect(group.tagName).toBe('FIELDSET');
		expect(group).toHaveAccessibleName(`${matching.prompt} Choose a match for each one.`);
		expect(within(group).getAllByRole('combobox')).toHaveLength(3);
		for (const item of matching.items) {
			const select = within(group).getByRole('combobox', { name: item.text });
			expect(select).toBe(screen.getByLabelText(item.text));
			expect(select).toHaveAttribute('name', `match-${item.id}`);
		}
	});

	it('starts every select on a blank "Choose…" followed by the options in the given order', () => {
		renderInForm(Matching, { question: matching });
		for (const select of screen.getAllByRole('combobox')) {
			expect(select).toHaveValue('');
			const options = within(select).getAllByRole<HTMLOptionElement>('option');
			expect(options.map((o) => [o.value, o.textContent])).toEqual([
				['', 'Choose…'],
				['cut', 'Cut the salt'],
				['sold', 'Sold the salt'],
				['led', 'Led the caravan']
			]);
			expect(options[0]!.selected).toBe(true);
		}
	});

	it('posts nothing chosen until the learner chooses', () => {
		const { form } = renderInForm(Matching, { question: matching });
		expect(fields(form)).toEqual([
			['match-driver', ''],
			['match-miner', ''],
			['match-merchant', '']
		]);
	});

	it('posts the id of the option chosen for each item', async () => {
		const user = userEvent.setup();
		const { form, posted } = renderInForm(Matching, { question: matching });
		await user.selectOptions(
			screen.getByRole('combobox', { name: 'The driver' }),
			'Led the caravan'
		);
		expect(posted('match-driver')).toEqual(['led']);

		await user.selectOptions(screen.getByRole('combobox', { name: 'The miner' }), 'Cut the salt');
		await user.selectOptions(
			screen.getByRole('combobox', { name: 'The merchant' }),
			'Sold the salt'
		);
		expect(fields(form)).toEqual([
			['match-driver', 'led'],
			['match-miner', 'cut'],
			['match-merchant', 'sold']
		]);
		expect(checkInput(matching, rawInputFrom(new FormData(form)))).toEqual({
			kind: 'valid',
			response: { type: 'matching', matches: { driver: 'led', miner: 'cut', merchant: 'sold' } }
		});
	});

	it('lets an option be chosen for more than one item', async () => {
		const user = userEvent.setup();
		const { form } = renderInForm(Matching, { question: matching });
		await user.selectOptions(screen.getByRole('combobox', { name: 'The driver' }), 'cut');
		await user.selectOptions(screen.getByRole('combobox', { name: 'The miner' }), 'cut');
		expect(fields(form).slice(0, 2)).toEqual([
			['match-driver', 'cut'],
			['match-miner', 'cut']
		]);
	});

	it('gives each select an id unique to the question, so two questions never share a label', () => {
		renderInForm(Matching, { question: matching });
		renderInForm(Matching, { question: { ...matching, id: 'other' } });
		const ids = screen.getAllByRole('combobox').map((s) => s.id);
		expect(new Set(ids).size).toBe(6);
		for (const label of screen.getAllByText('The driver')) {
			expect(document.getElementById(label.getAttribute('for')!)).not.toBeNull();
		}
	});

	it('is described by the error message it is given', () => {
		renderInForm(Matching, { question: matching, describedBy: 'answer-error' }, ERROR);
		expect(screen.getByRole('group')).toHaveAccessibleDescription(ERROR);
	});
});

describe('TwoPart', () => {
	it('renders a Part A group named by the prompt, with radios named "choice"', () => {
		renderInForm(TwoPart, { question: twoPart });
		const partA = screen.getByRole('group', { name: `Part A ${twoPart.prompt}` });
		const radios = within(partA).getAllByRole('radio');
		expect(radios).toHaveLength(2);
		for (const choice of twoPart.choices) {
			const radio = within(partA).getByRole('radio', { name: choice.text });
			expect(radio).toHaveAttribute('name', 'choice');
			expect(radio).toHaveAttribute('value', choice.id);
		}
	});

	it('renders a Part B group whose choices are the quotes in curly quotation marks, with radios named "part-b"', () => {
		renderInForm(TwoPart, { question: twoPart });
		const partB = screen.getByRole('group', { name: `Part B ${twoPart.partB.prompt}` });
		expect(within(partB).getAllByRole('radio')).toHaveLength(2);
		for (const choice of twoPart.partB.choices) {
			const radio = within(partB).getByRole('radio', { name: `“${choice.text}”` });
			expect(radio).toHaveAttribute('name', 'part-b');
			expect(radio).toHaveAttribute('value', choice.id);
		}
	});

	it('posts both parts', async () => {
		const user = userEvent.setup();
		const { form, posted } = renderInForm(TwoPart, { question: twoPart });
		await user.click(screen.getByRole('radio', { name: 'It kept food from spoiling' }));
		expect(posted('choice')).toEqual(['preserve']);
		expect(posted('part-b')).toEqual([]);

		await user.click(screen.getByRole('radio', { name: '“worth its weight in gold”' }));
		expect(fields(form)).toEqual([
			['choice', 'preserve'],
			['part-b', 'q2']
		]);
		expect(checkInput(twoPart, rawInputFrom(new FormData(form)))).toEqual({
			kind: 'valid',
			response: { type: 'two-part', partA: 'preserve', partB: 'q2' }
		});
	});

	it('keeps the two parts apart: choosing in one never clears the other', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(TwoPart, { question: twoPart });
		await user.click(screen.getByRole('radio', { name: '“meat and fish would keep for months”' }));
		await user.click(screen.getByRole('radio', { name: 'It was found everywhere' }));
		await user.click(screen.getByRole('radio', { name: 'It kept food from spoiling' }));
		expect(posted('choice')).toEqual(['preserve']);
		expect(posted('part-b')).toEqual(['q1']);
	});

	it('lets the learner answer both parts with the keyboard', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(TwoPart, { question: twoPart });
		await user.tab();
		expect(screen.getByRole('radio', { name: 'It kept food from spoiling' })).toHaveFocus();
		await user.keyboard('{ArrowDown}');
		await user.tab();
		expect(
			screen.getByRole('radio', { name: '“meat and fish would keep for months”' })
		).toHaveFocus();
		await user.keyboard(' ');
		expect(posted('choice')).toEqual(['rare']);
		expect(posted('part-b')).toEqual(['q1']);
	});

	it('has both parts described by the error message it is given', () => {
		renderInForm(TwoPart, { question: twoPart, describedBy: 'answer-error' }, ERROR);
		const groups = screen.getAllByRole('group');
		expect(groups).toHaveLength(2);
		for (const group of groups) expect(group).toHaveAccessibleDescription(ERROR);
	});
});

describe('Evidence', () => {
	it('states the claim', () => {
		render(Evidence, { question: evidence });
		expect(visibleText(screen.getByText(evidence.prompt))).toBe(`Claim ${evidence.prompt}`);
	});

	it('says what to find and where, by sentence or by paragraph', () => {
		const { unmount } = render(Evidence, { question: evidence });
		expect(screen.getByText(/^Find the/)).toHaveTextContent(
			'Find the sentence in ¶2–¶4 of the article that best supports this claim, and choose it there.'
		);
		unmount();
		render(Evidence, { question: { ...evidence, select: 'paragraph', within: [5, 7] } });
		expect(screen.getByText(/^Find the/)).toHaveTextContent(
			'Find the paragraph in ¶5–¶7 of the article'
		);
	});

	it('links to the choices in the article, where the claim is repeated above them', () => {
		render(Evidence, { question: evidence });
		const link = screen.getByRole('link', { name: 'Go to ¶2 to choose' });
		expect(link).toHaveAttribute('href', '#evidence-choices');
	});

	it('has no answer controls of its own: the choices are in the article', () => {
		const { container } = render(Evidence, { question: evidence });
		expect(screen.queryByRole('radio')).not.toBeInTheDocument();
		expect(container.querySelector('input, select, textarea')).toBeNull();
	});

	it('is described by the error message it is given', () => {
		renderInForm(Evidence, { question: evidence, describedBy: 'answer-error' }, ERROR);
		expect(document.querySelector('.evidence-task')).toHaveAttribute(
			'aria-describedby',
			'answer-error'
		);
	});
});

describe('QuestionFields for the newer types', () => {
	it('shows a select per item for a matching question', () => {
		renderInForm(QuestionFields, { question: matching });
		expect(screen.getAllByRole('combobox')).toHaveLength(3);
	});

	it('shows both parts for a two-part question', () => {
		renderInForm(QuestionFields, { question: twoPart });
		expect(screen.getByRole('group', { name: /^Part A/ })).toBeInTheDocument();
		expect(screen.getByRole('group', { name: /^Part B/ })).toBeInTheDocument();
	});

	it('shows the claim and a link into the article for an evidence question', () => {
		renderInForm(QuestionFields, { question: evidence });
		expect(screen.getByRole('link', { name: 'Go to ¶2 to choose' })).toBeInTheDocument();
		expect(screen.queryByRole('group')).not.toBeInTheDocument();
	});
});
