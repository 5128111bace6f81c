/**
 * What every quiz form action needs, practice and assignments alike: reading the body (too large,
 * or not a form), telling an enhanced request from a plain one, and refusing a bad answer without
 * losing what was typed.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { MAX_SHORT_ANSWER_LENGTH, type InvalidReason, type RawInput } from '$lib/quiz/questions.ts';

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

/** A refused answer's own fields, bounded, so the page can show them again (nothing is lost). */
export function keptValues(raw: RawInput): RawInput {
	const kept: RawInput = {};
	for (const [name, values] of Object.entries(raw).slice(0, 40)) {
		if (name === 'seq' || name === 'question' || name === 'then' || name.length > 100) continue;
		// Longer than an answer may be, so an over-long answer comes back whole to be shortened.
		kept[name] = values.slice(0, 20).map((v) => v.slice(0, 4 * MAX_SHORT_ANSWER_LENGTH));
	}
	return kept;
}

const INVALID: Record<InvalidReason, string> = {
	unanswered: 'Choose or type an answer first.',
	incomplete: 'Answer every part of the question first.',
	'duplicate-position': 'Give each item a different place in the order.',
	'unknown-choice': 'That choice is not one of this question’s options.',
	'too-long': `That answer is longer than ${MAX_SHORT_ANSWER_LENGTH} characters: a few words are enough.`,
	'wrong-type': 'That answer does not fit this question.'
};

/** Why an answer was refused, and that it did not count (practice) or was not saved (assessment). */
export function invalidMessage(reason: InvalidReason, outcome: 'counted' | 'saved'): string {
	return `${INVALID[reason]} Nothing was ${outcome}.`;
}

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
