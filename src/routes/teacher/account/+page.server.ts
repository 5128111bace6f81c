import { redirect } from '@sveltejs/kit';
import {
	changePassword,
	MIN_PASSWORD,
	passwordProblem,
	SESSION_COOKIE
} from '$lib/server/accounts.ts';
import { database } from '$lib/server/db.ts';
import { peekToken, takeToken } from '$lib/server/rateLimit.ts';
import { requireTeacher } from '$lib/server/teacherSession.ts';
import { badForm, field, formOf, refuse, setFlash, takeFlash, waitWords } from '../forms.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const teacher = await requireTeacher(event);
	return { email: teacher.email, minPassword: MIN_PASSWORD, flash: takeFlash(event) };
};

export interface PasswordFailure {
	message?: string;
	problems?: { current?: string; password?: string };
}

export const actions = {
	password: async (event) => {
		const teacher = await requireTeacher(event);
		const form = await formOf(event.request);
		if (!(form instanceof FormData)) return badForm(event, form);
		const current = field(form, 'current', 201, true);
		const next = field(form, 'password', 201, true);
		const problems: PasswordFailure['problems'] = {};
		if (!current) problems.current = 'Enter your current password.';
		const weak = passwordProblem(next);
		if (weak) problems.password = weak;
		if (problems.current || problems.password) {
			return refuse(event, 400, 'password change invalid', { problems } satisfies PasswordFailure);
		}
		const db = await database();
		const now = new Date();
		// Wrong current passwords spend the same bucket as wrong sign-ins: a borrowed session cannot
		// be used to guess the password.
		const limited = await peekToken(db, 'signin-account', teacher.email, now);
		if (limited) {
			return refuse(event, 429, 'rate limited: signin-account', {
				message: `Too many tries; wait ${waitWords(limited.retryAfter)} and try again.`
			} satisfies PasswordFailure);
		}
		const token = event.cookies.get(SESSION_COOKIE) ?? '';
		const result = await changePassword(db, teacher, current, next, token);
		if (result === 'wrong') {
			await takeToken(db, 'signin-account', teacher.email, now);
			return refuse(event, 400, 'wrong password', {
				problems: { current: 'That is not your current password.' }
			} satisfies PasswordFailure);
		}
		setFlash(event, 'Your password is changed. You were signed out everywhere else.');
		redirect(303, '/teacher/account');
	}
} satisfies Actions;
