/**
 * What every quiz form action needs, practice and assignments alike: reading the body (too large,
 * or not a form), telling an enhanced request from a plain one, and refusing a bad answer without
 * losing what was typed.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';

export async function formOf(request: Request): Promise<FormData | 'too-large' | null> {
	try {
		return await request.formData();
	} catch (e) {
		// adapter-node refuses a body over BODY_SIZE_LIMIT with a 413 error.
		if ((e as { status?: unknown } | null)?.status === 413) return 'too-large';
		return null;
	}
}

/**
 * With JavaScript the page posts in the background and wants the new state in the same round
 * trip (one request per step, not a post and then a reload: on a slow school network that halves
 * the wait). Without it, the browser gets the usual redirect (post/redirect/get), so reloading
 * never re-posts.
 */
export function isEnhanced(request: Request): boolean {
	return request.headers.get('x-sveltekit-action') === 'true';
}

export { invalidMessage, keptValues } from '$lib/quiz/messages.ts';

/** Refuses a request: logs why (the request's log line), and answers with the failure. */
export function refuse<F extends Record<string, unknown>>(
	event: Pick<RequestEvent, 'locals'>,
	status: 400 | 403 | 404 | 409 | 413 | 429,
	reason: string,
	failure: F
) {
	event.locals.refusal = { status, reason };
	return fail(status, failure);
}
