import { redirect } from '@sveltejs/kit';
import { endSession, SESSION_COOKIE } from '$lib/server/accounts.ts';
import { database } from '$lib/server/db.ts';
import { currentTeacher } from '$lib/server/teacherSession.ts';
import { setFlash } from '../forms.server.ts';
import type { Actions, PageServerLoad } from './$types';

/** Signing out is a POST (a link or an image on another page cannot sign anyone out). */
export const load: PageServerLoad = async ({ cookies }) => {
	if (!(await currentTeacher(cookies))) redirect(303, '/teacher/signin');
	return {};
};

export const actions = {
	default: async (event) => {
		await endSession(await database(), event.cookies.get(SESSION_COOKIE));
		event.cookies.delete(SESSION_COOKIE, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:'
		});
		setFlash(event, 'You are signed out.');
		redirect(303, '/teacher/signin');
	}
} satisfies Actions;
