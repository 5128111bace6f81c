/**
 * How the teacher pages' forms behave with JavaScript: SvelteKit's usual `use:enhance` (apply the
 * result, follow the redirect), then focus goes where the person must look: the first field with a
 * problem, or the form's own message (a refused sign-in, a rate limit).
 */
import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

export const focusOnProblem: SubmitFunction =
	() =>
	async ({ result, update, formElement }) => {
		await update();
		if (result.type !== 'failure') return;
		await tick();
		formElement.querySelector<HTMLElement>('[data-problem], [aria-invalid="true"]')?.focus();
	};
