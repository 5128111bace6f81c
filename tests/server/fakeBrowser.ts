/**
 * A learner's browser for tests that call page loads and form actions directly: a cookie jar, a
 * client address of its own (starts and wrong codes are rate-limited per address), and requests
 * shaped as SvelteKit hands them to a load, an action or an endpoint.
 */
import { isRedirect, type RequestEvent } from '@sveltejs/kit';

let browsers = 0;

export interface FakeBrowser {
	jar: Map<string, string>;
	/** The request event for `path` (with its query), as a load, action or endpoint gets it. */
	event<P extends Record<string, string> = Record<string, string>>(
		path: string,
		init?: RequestInit
	): RequestEvent<P>;
	/** A form action's answer: its result, or the redirect it threw. */
	act(action: (e: RequestEvent) => Promise<unknown>, event: RequestEvent): Promise<unknown>;
}

/** `subnet` keeps one test file's addresses apart from another's; `jar` holds starting cookies. */
export function fakeBrowser(
	subnet: number,
	params: Record<string, string> = {},
	jar = new Map<string, string>()
): FakeBrowser {
	const n = ++browsers;
	const ip = `10.${subnet}.${Math.floor(n / 250)}.${n % 250}`;
	const cookies = {
		get: (name: string) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name),
		serialize: () => ''
	};
	return {
		jar,
		event<P extends Record<string, string>>(path: string, init?: RequestInit) {
			const request = new Request(`http://localhost${path}`, init);
			return {
				request,
				url: new URL(request.url),
				params,
				cookies,
				locals: {},
				getClientAddress: () => ip,
				setHeaders: () => {}
			} as unknown as RequestEvent<P>;
		},
		async act(action, event) {
			try {
				return await action(event);
			} catch (thrown) {
				if (isRedirect(thrown)) return thrown;
				throw thrown;
			}
		}
	};
}

/** A form post's body and headers, as `enhance` sends it (or a plain form without JavaScript). */
export function formPost(fields: Record<string, string>, enhanced = true): RequestInit {
	return {
		method: 'POST',
		body: new URLSearchParams(fields),
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			...(enhanced ? { 'x-sveltekit-action': 'true' } : {})
		}
	};
}
