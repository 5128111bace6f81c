import { currentTeacher } from '$lib/server/teacherSession.ts';
import type { LayoutServerLoad } from './$types';

/**
 * Who is signed in, for the teacher pages' header. It never redirects (the sign-in and sign-up
 * pages live under it); each page's own load and every action call `requireTeacher` themselves.
 */
export const load: LayoutServerLoad = async ({ cookies }) => {
	const teacher = await currentTeacher(cookies);
	return { teacher: teacher ? { name: teacher.name, email: teacher.email } : null };
};
