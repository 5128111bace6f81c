import { redirect } from '@sveltejs/kit';
import {
	checkSignUp,
	createSession,
	MIN_PASSWORD,
	setSessionCookie,
	signUp,
	type AccountProblem
} from '$lib/server/accounts.ts';
import { database } from '$lib/server/db.ts';
import { takeToken } from '$lib/server/rateLimit.ts';
import { currentTeacher } from '$lib/server/teacherSession.ts';
import { badForm, field, formOf, refuse, setFlash, waitWords } from '../forms.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies }) => {
	// Already signed in: the account exists, go to it.
	if (await currentTeacher(cookies)) redirect(303, '/teacher');
	return { minPassword: MIN_PASSWORD };
};

export interface SignUpFailure {
	message?: string;
	values?: { name: string; email: string };
	problems?: AccountProblem;
	/** The email address already has an account: the page links to sign in. */
	emailTaken?: boolean;
}

export const actions = {
	default: async (event) => {
		const form = await formOf(event.request);
		if (!(form instanceof FormData)) return badForm(event, form);
		const input = {
			name: field(form, 'name', 200),
			email: field(form, 'email', 300),
			// Passwords are taken as typed (spaces included), one character over the limit at most.
			password: field(form, 'password', 201, true)
		};
		const values = { name: input.name, email: input.email };
		const problems = checkSignUp(input);
		if (Object.keys(problems).length) {
			return refuse(event, 400, 'sign-up invalid', {
				values,
				problems
			} satisfies SignUpFailure);
		}
		const db = await database();
		const now = new Date();
		const limited = await takeToken(db, 'signup-address', event.getClientAddress(), now);
		if (limited) {
			return refuse(event, 429, 'rate limited: signup-address', {
				values,
				message: `Too many accounts were created from this network just now. Please wait ${waitWords(limited.retryAfter)} and try again.`
			} satisfies SignUpFailure);
		}
		const teacher = await signUp(db, input, now);
		if (!teacher) {
			return refuse(event, 409, 'email taken', {
				values,
				emailTaken: true,
				problems: { email: 'An account with this email address already exists.' }
			} satisfies SignUpFailure);
		}
		setSessionCookie(event.cookies, event.url, await createSession(db, teacher.id, now));
		setFlash(event, 'Your account is ready. Start by creating a class.');
		redirect(303, '/teacher');
	}
} satisfies Actions;
