import type { ActionResult } from '@sveltejs/kit';

/**
 * The bridge between enhanced quiz actions and the page (self-study practice, and assignments in
 * both modes). With JavaScript each action answers with the state it leaves the quiz in (a refusal
 * too), so the page shows that state without reloading its data. The page's load data stays the truth whenever it is newer: a state received here
 * counts only while the load data it was received on top of is still the page's (any navigation
 * or reload that re-runs the load replaces it).
 */
export class ActionSession<State, Failure extends { message: string } = { message: string }> {
	// Raw: the states are replaced whole, never changed in place, and `on` is compared by identity.
	#received = $state.raw<{
		on: State;
		state: State;
		failure: Failure | null;
	} | null>(null);

	/** Takes an action's result if it carries the quiz's state; returns whether it did. */
	receive(result: ActionResult, on: State): boolean {
		if (result.type !== 'success' && result.type !== 'failure') return false;
		const data = result.data as (Partial<Failure> & { state?: State }) | undefined;
		if (!data?.state) return false;
		this.#received = {
			on,
			state: data.state,
			failure: result.type === 'failure' && data.message ? (data as Failure) : null
		};
		return true;
	}

	#current(loaded: State) {
		return this.#received?.on === loaded ? this.#received : null;
	}

	/** The state to show, given the page's load data. */
	state(loaded: State): State {
		return this.#current(loaded)?.state ?? loaded;
	}

	/** The refusal to show: the latest action's, or (without JavaScript) the server-rendered one. */
	failure(loaded: State, rendered: Failure | null): Failure | null {
		const current = this.#current(loaded);
		return current ? current.failure : rendered;
	}
}
