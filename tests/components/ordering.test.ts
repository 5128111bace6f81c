import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import Ordering from '$lib/components/questions/Ordering.svelte';
import QuestionFields from '$lib/components/questions/QuestionFields.svelte';
import { checkInput, rawInputFrom, type PublicQuestion } from '$lib/quiz/questions.ts';
import { renderInForm, visibleText } from './helpers.ts';

// jsdom runs onMount, so these tests see the enhanced list with move buttons. The select-per-item
// form a browser gets before JavaScript runs is tested in ordering-server.test.ts.

const question: Extract<PublicQuestion, { type: 'ordering' }> = {
	id: 'salt-steps',
	skill: 'sequence',
	prompt: 'Put the steps of the salt trade in order.',
	points: 3,
	hintCount: 0,
	type: 'ordering',
	items: [
		{ id: 'cut', text: 'Cut slabs from the lake bed' },
		{ id: 'dry', text: 'Dry the slabs in the sun' },
		{ id: 'load', text: 'Load the camels' },
		{ id: 'sell', text: 'Sell the salt in Timbuktu' }
	]
};

const INSTRUCTION =
	'Use the Move up and Move down buttons to put the items in order, first at the top.';

const text = (id: string) => question.items.find((item) => item.id === id)!.text;
const up = (id: string) => screen.getByRole('button', { name: `Move up: “${text(id)}”` });
const down = (id: string) => screen.getByRole('button', { name: `Move down: “${text(id)}”` });

/** The items' words as the list shows them, top to bottom, without the position numbers. */
function shownOrder(): string[] {
	return within(screen.getByRole('list'))
		.getAllByRole('listitem')
		.map((li) => li.querySelector('.ordering-text')!.textContent!.replace(/^\d+\.\s*/, ''));
}

describe('Ordering (with JavaScript)', () => {
	it('renders a group named by the prompt and the instruction for the buttons', () => {
		renderInForm(Ordering, { question });
		const group = screen.getByRole('group', { name: `${question.prompt} ${INSTRUCTION}` });
		expect(group.tagName).toBe('FIELDSET');
		expect(within(group).getByRole('list')).toBeInTheDocument();
	});

	it('lists the items in the given order, numbered from 1', () => {
		renderInForm(Ordering, { question });
		const list = screen.getByRole('list');
		expect(list.tagName).toBe('OL');
		const items = within(list).getAllByRole('listitem');
		expect(items.map((li) => visibleText(li.querySelector('.ordering-text')!))).toEqual([
			'1. Cut slabs from the lake bed',
			'2. Dry the slabs in the sun',
			'3. Load the camels',
			'4. Sell the salt in Timbuktu'
		]);
	});

	it('gives every item a move up and a move down button named by the item', () => {
		renderInForm(Ordering, { question });
		for (const [i, item] of question.items.entries()) {
			const li = within(screen.getByRole('list')).getAllByRole('listitem')[i]!;
			const buttons = within(li).getAllByRole('button');
			expect(buttons).toEqual([up(item.id), down(item.id)]);
			for (const button of buttons) expect(button).toHaveAttribute('type', 'button');
		}
	});

	it('posts the item ids in the order shown, and no positions', () => {
		const { form, posted } = renderInForm(Ordering, { question });
		expect(posted('order')).toEqual(['cut', 'dry', 'load', 'sell']);
		const names = [...new FormData(form).keys()];
		expect(names.every((name) => name === 'order')).toBe(true);
		expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
	});

	it('disables moving the first item up and the last item down, and nothing else', () => {
		renderInForm(Ordering, { question });
		expect(up('cut')).toBeDisabled();
		expect(down('sell')).toBeDisabled();
		for (const button of screen.getAllByRole('button')) {
			if (button !== up('cut') && button !== down('sell')) expect(button).toBeEnabled();
		}
	});

	it('moves an item down with Enter, posts the new order and keeps focus on the moved item', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(Ordering, { question });

		// The first item's "Move up" is disabled, so Tab lands on its "Move down".
		await user.tab();
		expect(down('cut')).toHaveFocus();
		await user.keyboard('{Enter}');

		expect(posted('order')).toEqual(['dry', 'cut', 'load', 'sell']);
		expect(shownOrder()).toEqual([text('dry'), text('cut'), text('load'), text('sell')]);
		expect(down('cut')).toHaveFocus();
		// The item now at the top can no longer go up; the moved one can.
		expect(up('dry')).toBeDisabled();
		expect(up('cut')).toBeEnabled();
	});

	it('moves an item up with the space bar and keeps focus on its Move up button', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(Ordering, { question });

		// Tab order: cut↓, dry↑, dry↓, load↑.
		await user.tab();
		await user.tab();
		await user.tab();
		await user.tab();
		expect(up('load')).toHaveFocus();
		await user.keyboard(' ');

		expect(posted('order')).toEqual(['cut', 'load', 'dry', 'sell']);
		expect(up('load')).toHaveFocus();
	});

	it('moves focus to the other button when an item reaches the bottom or the top', async () => {
		const user = userEvent.setup();
		const { posted } = renderInForm(Ordering, { question });

		await user.tab();
		expect(down('cut')).toHaveFocus();
		await user.keyboard('{Enter}{Enter}');
		expect(posted('order')).toEqual(['dry', 'load', 'cut', 'sell']);
		expect(down('cut')).toHaveFocus();

		// To the bottom: "Move down" is now disabled, so focus goes to "Move up".
		await user.keyboard('{Enter}');
		expect(posted('order')).toEqual(['dry', 'load', 'sell', 'cut']);
		expect(down('cut')).toBeDisabled();
		expect(up('cut')).toHaveFocus();

		// And back up, then all the way to the top, where focus goes to "Move down".
		await user.keyboard('{Enter}{Enter}{Enter}');
		expect(posted('order')).toEqual(['cut', 'dry', 'load', 'sell']);
		expect(up('cut')).toBeDisabled();
		expect(down('cut')).toHaveFocus();
	});

	it('announces each move in a polite status message', async () => {
		const user = userEvent.setup();
		renderInForm(Ordering, { question });
		const status = screen.getByRole('status');
		expect(status).toHaveAttribute('aria-live', 'polite');
		expect(status.textContent).toBe('');

		await user.tab();
		await user.keyboard('{Enter}');
		expect(status).toHaveTextContent('“Cut slabs from the lake bed” is now number 2 of 4.');

		await user.keyboard('{Shift>}{Tab}{/Shift}');
		expect(up('cut')).toHaveFocus();
		await user.keyboard('{Enter}');
		expect(status).toHaveTextContent('“Cut slabs from the lake bed” is now number 1 of 4.');
	});

	it('keeps the same status element between moves so screen readers hear each change', async () => {
		const user = userEvent.setup();
		renderInForm(Ordering, { question });
		const status = screen.getByRole('status');
		await user.click(down('load'));
		await user.click(up('dry'));
		expect(screen.getByRole('status')).toBe(status);
		expect(status).toHaveTextContent('“Dry the slabs in the sun” is now number 1 of 4.');
	});

	it('posts an order the server accepts', async () => {
		const user = userEvent.setup();
		const { form } = renderInForm(Ordering, { question });
		await user.click(down('load'));
		expect(checkInput(question, rawInputFrom(new FormData(form)))).toEqual({
			kind: 'valid',
			response: { type: 'ordering', order: ['cut', 'dry', 'sell', 'load'] }
		});
	});

	it('is described by the error message it is given', () => {
		renderInForm(Ordering, { question, describedBy: 'answer-error' }, 'Put every item in order.');
		const group = screen.getByRole('group');
		expect(group).toHaveAttribute('aria-describedby', 'answer-error');
		expect(group).toHaveAccessibleDescription('Put every item in order.');
	});

	it('is what QuestionFields shows for an ordering question', () => {
		const { posted } = renderInForm(QuestionFields, { question });
		expect(screen.getByRole('group', { name: new RegExp(`^${question.prompt}`) })).toBeVisible();
		expect(posted('order')).toEqual(['cut', 'dry', 'load', 'sell']);
	});
});
