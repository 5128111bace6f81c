/**
 * `$app/forms` for the module page hydrated on its own: `use:enhance` posts a form with `fetch`
 * to the same SvelteKit action, which answers as it does SvelteKit's client, and the page takes
 * the result. Where SvelteKit's client would load the page's data again or show its error page, a
 * page without that client loads itself again: the server draws what is now true.
 */
import type { ActionResult, SubmitFunction } from '@sveltejs/kit';
import { parse } from 'devalue';
import { loadAgain } from './navigation.ts';
import { props } from './props.svelte.ts';

/** An action's answer, as SvelteKit's `deserialize` reads it (its data is devalue's format). */
export function deserialize(text: string): ActionResult {
	const parsed = JSON.parse(text);
	if (parsed.data) parsed.data = parse(parsed.data);
	return parsed;
}

export async function applyAction(result: ActionResult): Promise<void> {
	if (result.type === 'redirect') loadAgain(new URL(result.location, location.href));
	else if (result.type === 'error') location.reload();
	else props.form = (result.data ?? null) as typeof props.form;
}

export function enhance(form: HTMLFormElement, submit: SubmitFunction = () => {}) {
	async function onSubmit(event: SubmitEvent) {
		const submitter = event.submitter as HTMLButtonElement | HTMLInputElement | null;
		// A field named "action" would shadow the form's own property: read it from a bare copy.
		const bare = HTMLFormElement.prototype.cloneNode.call(form) as HTMLFormElement;
		// The pressed button's own form* attributes win over the form's, as in a native post.
		const own = (name: string) => submitter?.getAttribute(name) ?? null;
		const method = (own('formmethod') ?? bare.method).toLowerCase();
		if (method !== 'post') return;
		event.preventDefault();
		const action = new URL(own('formaction') ?? bare.action, document.baseURI);
		const enctype = own('formenctype') ?? bare.enctype;
		const formData = new FormData(form, submitter);
		const controller = new AbortController();
		let cancelled = false;
		const callback = await submit({
			action,
			cancel: () => (cancelled = true),
			controller,
			formData,
			formElement: form,
			submitter
		});
		if (cancelled) return;

		let result: ActionResult;
		try {
			const multipart = enctype === 'multipart/form-data';
			const headers: Record<string, string> = {
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			};
			// A multipart body sets its own content type, with its boundary.
			if (!multipart) headers['content-type'] = 'application/x-www-form-urlencoded';
			const response = await fetch(action, {
				method: 'POST',
				headers,
				cache: 'no-store',
				body: multipart
					? formData
					: new URLSearchParams(formData as unknown as Record<string, string>),
				signal: controller.signal
			});
			result = deserialize(await response.text());
		} catch (error) {
			result = { type: 'error', error };
		}

		const update = async ({ reset = true, invalidateAll = true } = {}) => {
			if (result.type === 'success') {
				if (reset) HTMLFormElement.prototype.reset.call(form);
				if (invalidateAll) return location.reload();
			}
			await applyAction(result);
		};
		if (typeof callback === 'function')
			await callback({ action, formData, formElement: form, result, update });
		else await update();
	}
	form.addEventListener('submit', onSubmit);
	return { destroy: () => form.removeEventListener('submit', onSubmit) };
}
