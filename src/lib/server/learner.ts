/**
 * A self-study learner has no account: a random id in a long-lived cookie ties their practice
 * attempts together, so a reload (or a return next week) resumes where they were.
 */
import { createHash } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';

const COOKIE = 'cw_learner';
const ONE_YEAR = 60 * 60 * 24 * 365;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The learner id from the cookie, if there is a well-formed one. */
export function learnerId(cookies: Cookies): string | undefined {
	const id = cookies.get(COOKIE);
	return id && UUID.test(id) ? id : undefined;
}

/** The learner id, creating (and setting) one when there is none. */
export function ensureLearnerId(cookies: Cookies, url: URL): string {
	const existing = learnerId(cookies);
	if (existing) return existing;
	const id = crypto.randomUUID();
	setLearnerId(cookies, url, id);
	return id;
}

/** Makes this browser `id`'s: a new learner, or one continued here with their resume code. */
export function setLearnerId(cookies: Cookies, url: URL, id: string): void {
	cookies.set(COOKIE, id, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		// Plain http is how many school servers run; a secure-only cookie would be dropped there.
		secure: url.protocol === 'https:',
		maxAge: ONE_YEAR
	});
}

/**
 * A short, stable name for an attempt that does not give its id away: names a tab's drafts and
 * the browser's copy of the attempt, and is checked when the browser sends its answers on.
 */
export function attemptKeyOf(attemptId: string): string {
	return createHash('sha256').update(`draft:${attemptId}`).digest('base64url').slice(0, 16);
}
