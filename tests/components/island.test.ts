/**
 * The module page without SvelteKit's client: the JSON it carries for its island, and the
 * island's `use:enhance`, which must post and answer as SvelteKit's does.
 */
import { stringify } from 'devalue';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enhance } from '$lib/island/forms.ts';
import { props } from '$lib/island/props.svelte.ts';
import { ISLAND_DATA, islandDataScript } from '../../src/routes/modules/[slug]/island-data.ts';

describe('the data the page carries for its island', () => {
	it('cannot be closed or commented out by what it carries, and reads back unchanged', () => {
		const answer = '</script><script>alert(1)</script><!-- </SCRIPT > ¶3 “quoted” \u2028';
		const value = { data: { answer, n: 3, list: [null, true] }, form: null };
		const html = islandDataScript(value);
		document.body.innerHTML = `<main>${html}<p id="after">after</p></main>`;
		const scripts = document.querySelectorAll('script');
		expect(scripts).toHaveLength(1);
		expect(scripts[0]!.id).toBe(ISLAND_DATA);
		expect(scripts[0]!.type).toBe('application/json');
		expect(document.getElementById('after')?.textContent).toBe('after');
		expect(JSON.parse(scripts[0]!.textContent!)).toEqual(value);
	});
});

describe('use:enhance in the island', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		document.body.innerHTML = '';
		props.form = null;
	});

	function formWith(action: string) {
		document.body.innerHTML = `<form method="POST" action="${action}">
			<input name="answer" value="b" />
			<button type="submit">Check answer</button>
			<button type="submit" formaction="?/hint">Show a hint</button>
		</form>`;
		return document.querySelector('form')!;
	}

	const answering = (body: unknown) =>
		vi.fn(async () => new Response(JSON.stringify(body), { status: 200 }));

	it('posts the fields and the button pressed to its action as SvelteKit does, and hands over the result', async () => {
		const fetch = answering({ type: 'success', status: 200, data: stringify({ seq: 4 }) });
		vi.stubGlobal('fetch', fetch);
		const form = formWith('?/answer');
		const results: unknown[] = [];
		enhance(form, ({ action, formData }) => {
			expect(action.search).toBe('?/hint');
			expect(formData.get('answer')).toBe('b');
			return async ({ result }) => void results.push(result);
		});
		form.requestSubmit(form.querySelectorAll('button')[1]!);
		await vi.waitFor(() => expect(results).toHaveLength(1));
		expect(results[0]).toEqual({ type: 'success', status: 200, data: { seq: 4 } });
		const [url, init] = fetch.mock.calls[0] as unknown as [URL, RequestInit];
		expect(String(url)).toMatch(/\?\/hint$/);
		expect(init.method).toBe('POST');
		expect(new Headers(init.headers).get('x-sveltekit-action')).toBe('true');
		expect(String(init.body)).toBe('answer=b');
	});

	it('sends nothing when the page takes the step itself (cancel)', async () => {
		const fetch = answering({ type: 'success', status: 200 });
		vi.stubGlobal('fetch', fetch);
		const form = formWith('?/answer');
		let asked = false;
		enhance(form, ({ cancel }) => {
			asked = true;
			cancel();
		});
		form.requestSubmit();
		await vi.waitFor(() => expect(asked).toBe(true));
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(fetch).not.toHaveBeenCalled();
	});

	it('a refusal reaches the page as its form result', async () => {
		const refusal = { message: 'Choose an answer first.', seq: 2 };
		vi.stubGlobal('fetch', answering({ type: 'failure', status: 400, data: stringify(refusal) }));
		const form = formWith('?/answer');
		let done = false;
		enhance(form, () => async ({ update }) => {
			await update({ reset: false });
			done = true;
		});
		form.requestSubmit();
		await vi.waitFor(() => expect(done).toBe(true));
		expect(props.form).toEqual(refusal);
		expect((form.querySelector('input') as HTMLInputElement).value).toBe('b');
	});
});
