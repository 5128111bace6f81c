/**
 * Every teacher page and action starts here: the signed-in teacher (or a redirect to sign in), and
 * the class or assignment in the URL only if it is theirs. Anyone else's, or none, is a 404: a
 * guessed id learns nothing, not even that it exists.
 */
import { error, type Cookies } from '@sveltejs/kit';
import { assignmentForTeacher, classOf } from '$lib/server/assignments.ts';
import { database } from '$lib/server/db.ts';
import { findModule } from '$lib/server/modules.ts';
import { requireTeacher } from '$lib/server/teacherSession.ts';

interface Scoped<P> {
	cookies: Cookies;
	url: URL;
	params: P;
}

export async function classOr404(event: Scoped<{ classId: string }>) {
	const teacher = await requireTeacher(event);
	const found = await classOf(await database(), teacher.id, event.params.classId);
	if (!found) error(404, 'There is no such class among yours.');
	return { teacher, found };
}

export async function assignmentOr404(event: Scoped<{ assignmentId: string }>) {
	const teacher = await requireTeacher(event);
	const assignment = await assignmentForTeacher(
		await database(),
		teacher.id,
		event.params.assignmentId
	);
	if (!assignment) error(404, 'There is no such assignment among yours.');
	return { teacher, assignment };
}

/** The assignment, as above, with its module: a 404 that says so if the module is gone. */
export async function assignmentWithModuleOr404(event: Scoped<{ assignmentId: string }>) {
	const scoped = await assignmentOr404(event);
	const module = findModule(scoped.assignment.moduleSlug);
	if (!module) error(404, 'This assignment’s module is no longer on this server.');
	return { ...scoped, module };
}
