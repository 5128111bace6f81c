/**
 * The signed-in teacher of a request. Teacher pages call `requireTeacher`: without a live session
 * they redirect to sign-in (and back afterwards); with one they get the teacher, whose id then
 * scopes every query (a teacher only ever reads their own classes).
 */
import { redirect, type Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE, teacherForToken, type Teacher } from './accounts.ts';
import { database } from './db.ts';

export async function currentTeacher(cookies: Cookies): Promise<Teacher | undefined> {
	return teacherForToken(await database(), cookies.get(SESSION_COOKIE), new Date());
}

export async function requireTeacher(event: { cookies: Cookies; url: URL }): Promise<Teacher> {
	const teacher = await currentTeacher(event.cookies);
	if (!teacher) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/teacher/signin?next=${encodeURIComponent(next)}`);
	}
	return teacher;
}

/** A same-site path to go back to after signing in; anything else goes to the dashboard. */
export function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
		? next
		: '/teacher';
}
