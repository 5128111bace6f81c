import type { ActionResult } from '@sveltejs/kit';
import { onMount } from 'svelte';
import { ActionSession } from '$lib/actionSession.svelte.ts';
import { Drafts } from '$lib/drafts.svelte.ts';
import { evidencePick } from '$lib/evidencePick.ts';
import type { LocalQuiz } from '$lib/practice/local.svelte.ts';
import type { StepRefusal } from '$lib/practice/steps.ts';
import { engineWhenIdle } from '$lib/practice/whenIdle.ts';
import type { QuizView } from '$lib/quiz/view.ts';
import { panels } from './panels.svelte.ts';

/** What a self-study page gives: the server's state, a refused form post, a reopened question. */
interface PageInput<State> {
	state: State;
	form: unknown;
	reviewing: boolean;
}

/**
 * What the module page (practice) and its review page share. Each shows a quiz in a panel beside
 * the article, and the state it shows comes from one of three places:
 *
 * - the page load (without JavaScript, and until anything happens);
 * - an enhanced form post's answer (with JavaScript, before the browser's engine is ready);
 * - the browser's own engine, once it has loaded after the page is interactive and the browser
 *   is idle (instant feedback, and offline). The forms post to the server until then.
 *
 * Create it while the page's component initialises (it starts the engine in `onMount`).
 */
export class SelfStudy<State extends { view: QuizView | null }, Engine extends LocalQuiz<State>> {
	/** The browser's engine, from the moment it exists (it reports its own state as it starts). */
	local = $state.raw<Engine | null>(null);
	/** Unsent answers kept in this tab, restored by the practice panel. */
	readonly drafts = new Drafts();
	readonly #session = new ActionSession<State, StepRefusal>();
	readonly #page: () => PageInput<State>;

	constructor(
		page: () => PageInput<State>,
		make: (local: typeof import('$lib/practice/local.svelte.ts')) => Engine
	) {
		this.#page = page;
		onMount(() =>
			engineWhenIdle(
				make,
				(engine) => (this.local = engine),
				() => panels.all()
			)
		);
	}

	/** The state the panel shows. */
	readonly state: State = $derived.by(
		() => this.local?.state ?? this.#session.state(this.#page().state)
	);

	/** The engine's refusals once it has acted; until then, a refusal the server showed stays. */
	readonly failure: StepRefusal | null = $derived.by(() => {
		const { state, form } = this.#page();
		if (this.local?.state && (this.local.acted || this.local.failure)) return this.local.failure;
		const rendered = (form as StepRefusal | null | undefined)?.message
			? (form as StepRefusal)
			: null;
		return this.#session.failure(state, rendered);
	});

	/** An evidence question's choices, made in the article itself while it is being answered. */
	readonly evidence = $derived.by(() => {
		const view = this.state.view;
		return evidencePick(
			view?.status === 'answering' && !this.#page().reviewing ? view.question : null,
			{
				describedBy: this.failure?.invalid ? 'practice-error' : undefined,
				chosen: this.failure?.values?.evidence?.[0] ?? this.drafts.current?.evidence?.[0]
			}
		);
	});

	/** Takes an enhanced form post's answer if it carries the quiz's state; false if it does not. */
	receive = (result: ActionResult): boolean => this.#session.receive(result, this.#page().state);
}
