// @vitest-environment node
/**
 * The ordering question as a browser gets it before (or without) JavaScript: the HTML the server
 * renders. Components here compile for the server; a jsdom window is set up by hand to read it.
 */
import '@testing-library/jest-dom/vitest';
import { within } from '@testing-library/svelte';
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { builtinEnvironments } from 'vitest/runtime';
import Ordering from '$lib/components/questions/Ordering.svelte';
import { checkInput, rawInputFrom, type PublicQuestion } from '$lib/quiz/questions.ts';

// The test project resolves `svelte` to its browser build, whose onMount refuses to run outside
// a mounted component. On the server onMount never runs, which is what this stands in for.
vi.mock('svelte', async (importOriginal) => ({
	...(await importOriginal<typeof import('svelte')>()),
	onMount: () => {}
}));

let teardown: (() => unknown) | undefined;
beforeAll(async () => {
	const environment = await builtinEnvironments.jsdom.setup(globalThis, {});
	teardown = () => environment.teardown(globalThis);
});
afterAll(() => teardown?.());

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
		{ id: 'load', text: 'Load the camels' }
	]
};

/** Parses the server's HTML for `component` into a fresh form in the document. */
function serverRender<Props extends Record<string, unknown>>(
	component: Component<Props>,
	props: Props
) {
	const { body } = render(component, { props });
	document.body.innerHTML = `<form aria-label="Answer">${body}</form>`;
	const form = document.querySelector('form')!;
	return { form, html: body, view: within(form) };
}

describe('Ordering (server render, before JavaScript)', () => {
	it('asks for a place for each item in a group named by the prompt and the instruction', () => {
		const { view } = serverRender(Ordering, { question });
		expect(
			view.getByRole('group', {
				name: `${question.prompt} Give each item its place in the order: 1 for first.`
			})
		).toBeInTheDocument();
	});

	it('has one select per item, labelled by the item and named position-<id>', () => {
		const { view } = serverRender(Ordering, { question });
		const selects = view.getAllByRole('combobox');
		expect(selects).toHaveLength(3);
		for (const item of question.items) {
			const select = view.getByRole('combobox', { name: item.text });
			expect(select).toBe(view.getByLabelText(item.text));
			expect(select).toHaveAttribute('name', `position-${item.id}`);
		}
	});

	it('offers a blank "Place…" and then 1 to n in each select', () => {
		const { view } = serverRender(Ordering, { question });
		for (const select of view.getAllByRole('combobox')) {
			const options = within(select).getAllByRole('option') as HTMLOptionElement[];
			expect(options.map((o) => [o.value, o.textContent])).toEqual([
				['', 'Place…'],
				['1', '1'],
				['2', '2'],
				['3', '3']
			]);
		}
	});

	it('preselects 1 to n in the order shown', () => {
		const { view } = serverRender(Ordering, { question });
		expect(view.getAllByRole('combobox').map((s) => (s as HTMLSelectElement).value)).toEqual([
			'1',
			'2',
			'3'
		]);
	});

	it('posts a position for each item and no order, in a shape the server accepts', () => {
		const { form } = serverRender(Ordering, { question });
		const data = new FormData(form);
		expect([...data.entries()]).toEqual([
			['position-cut', '1'],
			['position-dry', '2'],
			['position-load', '3']
		]);
		expect(data.getAll('order')).toEqual([]);

		within(form).getByRole<HTMLSelectElement>('combobox', { name: 'Load the camels' }).value = '1';
		within(form).getByRole<HTMLSelectElement>('combobox', {
			name: 'Cut slabs from the lake bed'
		}).value = '3';
		expect(checkInput(question, rawInputFrom(new FormData(form)))).toEqual({
			kind: 'valid',
			response: { type: 'ordering', order: ['load', 'dry', 'cut'] }
		});
	});

	it('has no move buttons, hidden order inputs or status message yet', () => {
		const { view, html } = serverRender(Ordering, { question });
		expect(view.queryByRole('button')).not.toBeInTheDocument();
		expect(view.queryByRole('status')).not.toBeInTheDocument();
		expect(html).not.toContain('name="order"');
	});
});
