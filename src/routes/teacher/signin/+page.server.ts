import { redirect } from '@sveltejs/kit';
import { createSession, setSessionCookie, signIn } from '$lib/server/accounts.ts';
import { database } from '$lib/server/db.ts';
import { currentTeacher, safeNext } from '$lib/server/teacherSession.ts';
import { badForm, field, formOf, refuse, takeFlash, waitWords } from '../forms.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const next = safeNext(event.url.searchParams.get('next'));
	// Already signed in: straight on to where they were going.
	if (await currentTeacher(event.cookies)) redirect(303, next);
	return { next, flash: takeFlash(event) };
};

export interface SignInFailure {
	message: string;
	values?: { email: string };
	/** The email and password themselves are the problem (not, say, a rate limit). */
	invalid?: boolean;
}

export const actions = {
	default: async (event) => {
		const form = await formOf(event.request);
		if (!(form instanceof FormData)) return badForm(event, form);
		const email = field(form, 'email', 300);
		const password = field(form, 'password', 201, true);
		const next = safeNext(field(form, 'next', 2000) || event.url.searchParams.get('next'));
		const values = { email };
		if (!email || !password) {
			return refuse(event, 400, 'sign-in incomplete', {
				values,
				invalid: true,
				message: 'Enter your email address and your password.'
			} satisfies SignInFailure);
		}
		const db = await database();
		const now = new Date();
		const result = await signIn(db, { email, password }, event.getClientAddress(), now);
		if (result.kind === 'limited') {
			return refuse(event, 429, `rate limited: ${result.scope}`, {
				values,
				message: `Too many tries; wait ${waitWords(result.retryAfter)} and try again.`
			} satisfies SignInFailure);
		}
		if (result.kind === 'wrong') {
			return refuse(event, 400, 'wrong password', {
				values,
				invalid: true,
				message: 'That email and password do not match. Check both and try again.'
			} satisfies SignInFailure);
		}
		setSessionCookie(event.cookies, event.url, await createSession(db, result.teacher.id, now));
		redirect(303, next);
	}
} satisfies Actions;
