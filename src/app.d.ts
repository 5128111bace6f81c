// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** The reference of an unexpected error: in its log line and on the error page. */
			errorId?: string;
		}
		interface Locals {
			/** This request's random id: in its log line and its `X-Request-Id` header. */
			requestId: string;
			/**
			 * Why an action refused the request, set just before it returns `fail(status, …)` so the
			 * request's log line says why. `reason` is a short code, never the learner's input.
			 */
			refusal?: { status: number; reason: string };
			/** The reader's comfort settings, from their cookie (defaults without one). */
			comfort: import('$lib/comfort.ts').Comfort;
		}
	}
}

export {};
