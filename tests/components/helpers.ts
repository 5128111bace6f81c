import { render } from '@testing-library/svelte';
import type { Component } from 'svelte';
import { onTestFinished } from 'vitest';

/**
 * Renders a question view inside a real <form>, as the page does, so a test can read what the
 * form would post. With `error`, an error message (id "answer-error") sits in the form first.
 * The form is removed when the test ends.
 */
export function renderInForm<Props extends Record<string, unknown>>(
	component: Component<Props>,
	props: Props,
	error?: string
) {
	const form = document.createElement('form');
	form.setAttribute('aria-label', 'Answer');
	if (error) {
		const message = form.appendChild(document.createElement('p'));
		message.id = 'answer-error';
		message.textContent = error;
	}
	document.body.appendChild(form);
	onTestFinished(() => form.remove());
	const result = render(component, { target: form, props });
	return { ...result, form, posted: (name: string) => new FormData(form).getAll(name) };
}

/**
 * The text a sighted reader sees: without the visually hidden words meant for screen readers, and
 * without closed popovers (jsdom cannot open one, so every popover here is closed).
 */
export function visibleText(element: Element): string {
	return textWithout(element, '.visually-hidden, [popover]');
}

/** The text a screen reader reads in order: visually hidden words included, closed popovers not. */
export function spokenText(element: Element): string {
	return textWithout(element, '[popover]');
}

function textWithout(element: Element, selector: string): string {
	const copy = element.cloneNode(true) as Element;
	copy.querySelectorAll(selector).forEach((e) => e.remove());
	return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Every field the form would post, in document order, as [name, value] pairs. */
export function fields(form: HTMLFormElement): [string, string][] {
	return [...new FormData(form).entries()].map(([name, value]) => [name, String(value)]);
}
