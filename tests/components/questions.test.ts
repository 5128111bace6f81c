import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { renderInForm } from './helpers.ts';
import { describe, expect, it } from 'vitest';
import MultipleChoice from '$lib/components/questions/MultipleChoice.svelte';
import QuestionFields from '$lib/components/questions/QuestionFields.svelte';
import ShortAnswer from '$lib/components/questions/ShortAnswer.svelte';
import SingleChoice from '$lib/components/questions/SingleChoice.svelte';
import TrueFalseNotStated from '$lib/components/questions/TrueFalseNotStated.svelte';
import type { PublicQuestion } from '$lib/quiz/questions.ts';

type Of<T extends PublicQuestion['type']> = Extract<PublicQuestion, { type: T }>;

const singleChoice: Of<'single-choice'> = {
	id: 'main-cargo',
	skill: 'recall',
	prompt: 'What did the caravans mainly carry?',
	points: 1,
	hintCount: 1,
	type: 'single-choice',
	choices: [
		{ id: 'salt', text: 'Salt' },
		{ id: 'gold', text: 'Gold' },
		{ id: 'spices', text: 'Spices' }
	]
};

const multipleChoice: Of<'multiple-choice'> = {
	id: 'carried-goods',
	skill: 'recall',
	prompt: 'Which two things did the drivers carry?',
	points: 2,
	hintCount: 0,
	type: 'multiple-choice',
	choices: [
		{ id: 'salt', text: 'Salt' },
		{ id: 'silk', text: 'Silk' },
		{ id: 'water', text: 'Water' }
	]
};

const trueFalse: Of<'true-false-not-stated'> = {
	id: 'left-at-dawn',
	skill: 'inference',
	prompt: 'The caravans left at dawn.',
	points: 1,
	hintCount: 0,
	type: 'true-false-not-stated'
};

const shortAnswer: Of<'short-answer'> = {
	id: 'worth-weight',
	skill: 'vocabulary',
	prompt: 'Salt was once worth its weight in what?',
	points: 1,
	hintCount: 2,
	type: 'short-answer'
};

const ERROR = 'Choose an answer before checking it.';

/** Nothing that hints at which choice is right: no "correct", no ticks, nothing pre-selected. */
function expectNoAnswerLeak(form: HTMLFormElement) {
	expect(form.innerHTML).not.toMatch(/correct|right answer|✓|✔/i);
	for (const input of form.querySelectorAll('input')) {
		expect(input.checked).toBe(false);
		expect(input.defaultChecked).toBe(false);
		expect(Object.keys(input.dataset)).toEqual([]);
	}
}

describe('SingleChoice', () => {
	it('renders a group named by the prompt with one radio per choice', () => {
		renderInForm(SingleChoice, { question: singleChoice });
		const group = screen.getByRole('group', { name: singleChoice.prompt });
		expect(group.tagName).toBe('FIELDSET');
		const radios = within(group).getAllByRole('radio');
		expect(radios).toHaveLength(3);
		for (const choice of singleChoice.choices) {
			const radio = within(group).getByRole('radio', { name: choice.text });
			expect(radio).toHaveAttribute('type', 'radio');
			expect(radio).toHaveAttribute('name', 'choice');
			expect(radio).toHaveAttribute('value', choice.id);
		}
	});

	it('lets the learner choose with the keyboard and posts the chosen id', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(SingleChoice, { question: singleChoice });
		expect(posted('choice')).toEqual([]);

		await user.tab();
		const salt = screen.getByRole('radio', { name: 'Salt' });
		expect(salt).toHaveFocus();
		expect(salt).not.toBeChecked();

		await user.keyboard(' ');
		expect(salt).toBeChecked();
		expect(posted('choice')).toEqual(['salt']);

		await user.keyboard('{ArrowDown}');
		const gold = screen.getByRole('radio', { name: 'Gold' });
		expect(gold).toHaveFocus();
		expect(gold).toBeChecked();
		expect(salt).not.toBeChecked();
		expect(posted('choice')).toEqual(['gold']);
	});

	it('is described by the error message it is given', () => {
		renderInForm(SingleChoice, { question: singleChoice, describedBy: 'answer-error' }, ERROR);
		const group = screen.getByRole('group', { name: singleChoice.prompt });
		expect(group).toHaveAttribute('aria-describedby', 'answer-error');
		expect(group).toHaveAccessibleDescription(ERROR);
	});

	it('has no description when there is no error', () => {
		renderInForm(SingleChoice, { question: singleChoice });
		expect(screen.getByRole('group')).not.toHaveAttribute('aria-describedby');
	});

	it('reveals nothing about the answer', () => {
		const { form } = renderInForm(SingleChoice, { question: singleChoice });
		expectNoAnswerLeak(form);
	});
});

describe('MultipleChoice', () => {
	it('renders a group named by the prompt with one checkbox per choice', () => {
		renderInForm(MultipleChoice, { question: multipleChoice });
		const group = screen.getByRole('group', { name: new RegExp(`^${multipleChoice.prompt}`) });
		expect(group.tagName).toBe('FIELDSET');
		expect(group).toHaveAccessibleName(`${multipleChoice.prompt} Choose all that apply.`);
		expect(within(group).getAllByRole('checkbox')).toHaveLength(3);
		for (const choice of multipleChoice.choices) {
			const box = within(group).getByRole('checkbox', { name: choice.text });
			expect(box).toHaveAttribute('name', 'choice');
			expect(box).toHaveAttribute('value', choice.id);
		}
	});

	it('lets the learner tick and untick choices with the space bar and posts every ticked id', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(MultipleChoice, { question: multipleChoice });
		const salt = screen.getByRole('checkbox', { name: 'Salt' });
		const silk = screen.getByRole('checkbox', { name: 'Silk' });
		const water = screen.getByRole('checkbox', { name: 'Water' });

		await user.tab();
		expect(salt).toHaveFocus();
		await user.keyboard(' ');
		expect(salt).toBeChecked();

		await user.tab();
		expect(silk).toHaveFocus();
		await user.keyboard(' ');
		await user.tab();
		expect(water).toHaveFocus();
		await user.keyboard(' ');
		expect(posted('choice')).toEqual(['salt', 'silk', 'water']);

		await user.tab({ shift: true });
		expect(silk).toHaveFocus();
		await user.keyboard(' ');
		expect(silk).not.toBeChecked();
		expect(posted('choice')).toEqual(['salt', 'water']);
	});

	it('is described by the error message it is given', () => {
		renderInForm(MultipleChoice, { question: multipleChoice, describedBy: 'answer-error' }, ERROR);
		const group = screen.getByRole('group');
		expect(group).toHaveAttribute('aria-describedby', 'answer-error');
		expect(group).toHaveAccessibleDescription(ERROR);
	});

	it('reveals nothing about the answer', () => {
		const { form } = renderInForm(MultipleChoice, { question: multipleChoice });
		expectNoAnswerLeak(form);
	});
});

describe('TrueFalseNotStated', () => {
	it('renders a group named by the instruction and the statement with True, False and Not stated radios', () => {
		renderInForm(TrueFalseNotStated, { question: trueFalse });
		const group = screen.getByRole('group', { name: new RegExp(`${trueFalse.prompt}$`) });
		expect(group.tagName).toBe('FIELDSET');
		expect(group).toHaveAccessibleName(
			`According to the article, is this true, false, or not stated? ${trueFalse.prompt}`
		);
		const radios = within(group).getAllByRole('radio');
		expect(radios.map((r) => r.getAttribute('value'))).toEqual(['true', 'false', 'not-stated']);
		for (const [name, value] of [
			['True', 'true'],
			['False', 'false'],
			['Not stated', 'not-stated']
		]) {
			const radio = within(group).getByRole('radio', { name });
			expect(radio).toHaveAttribute('name', 'choice');
			expect(radio).toHaveAttribute('value', value);
		}
	});

	it('lets the learner choose with the arrow keys and posts the chosen value', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(TrueFalseNotStated, { question: trueFalse });
		await user.tab();
		expect(screen.getByRole('radio', { name: 'True' })).toHaveFocus();

		await user.keyboard('{ArrowRight}');
		expect(screen.getByRole('radio', { name: 'False' })).toBeChecked();
		await user.keyboard('{ArrowRight}');
		const notStated = screen.getByRole('radio', { name: 'Not stated' });
		expect(notStated).toBeChecked();
		expect(notStated).toHaveFocus();
		expect(screen.getByRole('radio', { name: 'False' })).not.toBeChecked();
		expect(posted('choice')).toEqual(['not-stated']);
	});

	it('is described by the error message it is given', () => {
		renderInForm(TrueFalseNotStated, { question: trueFalse, describedBy: 'answer-error' }, ERROR);
		const group = screen.getByRole('group');
		expect(group).toHaveAttribute('aria-describedby', 'answer-error');
		expect(group).toHaveAccessibleDescription(ERROR);
	});

	it('reveals nothing about the answer', () => {
		const { form } = renderInForm(TrueFalseNotStated, { question: trueFalse });
		expectNoAnswerLeak(form);
	});
});

describe('ShortAnswer', () => {
	it('renders a text box labelled by the prompt and named "text", with no silent length cut', () => {
		renderInForm(ShortAnswer, { question: shortAnswer });
		const box = screen.getByRole('textbox', { name: shortAnswer.prompt });
		expect(box).toBe(screen.getByLabelText(shortAnswer.prompt));
		expect(box).toHaveAttribute('type', 'text');
		expect(box).toHaveAttribute('name', 'text');
		expect(box).not.toHaveAttribute('maxlength');
		expect(box).toHaveAttribute('autocomplete', 'off');
		expect(box).toHaveAccessibleDescription(
			'A few words are enough; capitals and punctuation don’t matter.'
		);
	});

	it('posts what the learner types, and counts characters only as the limit nears', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(ShortAnswer, { question: shortAnswer });
		await user.tab();
		const box = screen.getByRole('textbox', { name: shortAnswer.prompt });
		expect(box).toHaveFocus();
		await user.keyboard('gold');
		expect(posted('text')).toEqual(['gold']);
		expect(screen.queryByText(/characters/)).not.toBeInTheDocument();

		await user.clear(box);
		await user.click(box);
		await user.paste('x'.repeat(170));
		expect(screen.getByText('170 of 200 characters')).toBeInTheDocument();
		expect(box).not.toHaveAttribute('aria-invalid');
	});

	it('keeps a pasted answer over the limit whole and says by how much it is over', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(ShortAnswer, { question: shortAnswer });
		const box = screen.getByRole('textbox', { name: shortAnswer.prompt });
		await user.click(box);
		await user.paste('y'.repeat(250));
		expect(box).toHaveValue('y'.repeat(250));
		expect(posted('text')).toEqual(['y'.repeat(250)]);
		expect(box).toHaveAttribute('aria-invalid', 'true');
		expect(box).toHaveAccessibleDescription(
			expect.stringContaining(
				'250 characters: that is 50 over the limit of 200. Please shorten it.'
			)
		);
	});

	it('is described by its help text and then the error message it is given', () => {
		renderInForm(ShortAnswer, { question: shortAnswer, describedBy: 'answer-error' }, ERROR);
		const box = screen.getByRole('textbox');
		expect(box).toHaveAttribute('aria-describedby', 'answer-worth-weight-help answer-error');
		expect(box).toHaveAccessibleDescription(
			`A few words are enough; capitals and punctuation don’t matter. ${ERROR}`
		);
	});

	it('is marked invalid only when told so', () => {
		const { unmount } = renderInForm(ShortAnswer, { question: shortAnswer });
		expect(screen.getByRole('textbox')).not.toHaveAttribute('aria-invalid');
		expect(screen.getByRole('textbox')).toBeValid();
		unmount();

		renderInForm(
			ShortAnswer,
			{ question: shortAnswer, invalid: true, describedBy: 'answer-error' },
			ERROR
		);
		expect(screen.getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
		expect(screen.getByRole('textbox')).toBeInvalid();
	});

	it('reveals nothing about the answer', () => {
		const { form } = renderInForm(ShortAnswer, { question: shortAnswer });
		expectNoAnswerLeak(form);
		expect(screen.getByRole('textbox')).toHaveValue('');
		expect(screen.getByRole('textbox')).not.toHaveAttribute('placeholder');
	});
});

describe('QuestionFields', () => {
	it('shows radios for a single-choice question and posts the chosen id', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(QuestionFields, { question: singleChoice });
		const group = screen.getByRole('group', { name: singleChoice.prompt });
		expect(within(group).getAllByRole('radio')).toHaveLength(3);
		expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
		await user.click(screen.getByRole('radio', { name: 'Spices' }));
		expect(posted('choice')).toEqual(['spices']);
	});

	it('shows checkboxes for a multiple-choice question and posts every ticked id in choice order', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(QuestionFields, { question: multipleChoice });
		const group = screen.getByRole('group', { name: /^Which two things did the drivers carry\?/ });
		expect(within(group).getAllByRole('checkbox')).toHaveLength(3);
		expect(screen.queryByRole('radio')).not.toBeInTheDocument();
		await user.click(screen.getByRole('checkbox', { name: 'Water' }));
		await user.click(screen.getByRole('checkbox', { name: 'Salt' }));
		expect(posted('choice')).toEqual(['salt', 'water']);
	});

	it('shows True, False and Not stated for a true/false/not-stated question', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(QuestionFields, { question: trueFalse });
		const group = screen.getByRole('group', { name: /The caravans left at dawn\.$/ });
		expect(within(group).getAllByRole('radio')).toHaveLength(3);
		for (const name of ['True', 'False', 'Not stated']) {
			expect(within(group).getByRole('radio', { name })).toBeInTheDocument();
		}
		await user.click(screen.getByRole('radio', { name: 'False' }));
		expect(posted('choice')).toEqual(['false']);
	});

	it('shows a text box for a short-answer question and posts the text', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(QuestionFields, { question: shortAnswer });
		expect(screen.queryByRole('group')).not.toBeInTheDocument();
		await user.type(screen.getByRole('textbox', { name: shortAnswer.prompt }), 'Gold');
		expect(posted('text')).toEqual(['Gold']);
		expect(posted('choice')).toEqual([]);
	});

	it.each([singleChoice, multipleChoice, trueFalse])(
		'passes describedBy on to the $type group',
		(question) => {
			renderInForm(QuestionFields, { question, describedBy: 'answer-error', invalid: true }, ERROR);
			expect(screen.getByRole('group')).toHaveAccessibleDescription(ERROR);
		}
	);

	it('passes describedBy and invalid on to the short-answer text box', () => {
		renderInForm(
			QuestionFields,
			{ question: shortAnswer, describedBy: 'answer-error', invalid: true },
			ERROR
		);
		const box = screen.getByRole('textbox', { name: shortAnswer.prompt });
		expect(box).toHaveAttribute('aria-invalid', 'true');
		expect(box).toHaveAccessibleDescription(new RegExp(`${ERROR}$`));
	});

	it.each([singleChoice, multipleChoice, trueFalse, shortAnswer])(
		'reveals nothing about the answer to a $type question',
		(question) => {
			const { form } = renderInForm(QuestionFields, { question });
			expectNoAnswerLeak(form);
		}
	);
});
