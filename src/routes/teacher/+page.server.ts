import { redirect } from '@sveltejs/kit';
import {
	assignmentsOfClass,
	classesOf,
	classNameProblem,
	createClass,
	MAX_CLASS_NAME
} from '$lib/server/assignments.ts';
import { database } from '$lib/server/db.ts';
import { requireTeacher } from '$lib/server/teacherSession.ts';
import { badForm, field, formOf, refuse, setFlash, takeFlash } from './forms.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const teacher = await requireTeacher(event);
	const db = await database();
	const classes = await classesOf(db, teacher.id);
	return {
		name: teacher.name,
		maxClassName: MAX_CLASS_NAME,
		classes: await Promise.all(
			classes.map(async (c) => ({
				id: c.id,
				name: c.name,
				assignments: (await assignmentsOfClass(db, teacher.id, c.id)).length
			}))
		),
		flash: takeFlash(event)
	};
};

export interface CreateClassFailure {
	message?: string;
	values?: { name: string };
	problems?: { name?: string };
}

export const actions = {
	create: async (event) => {
		const teacher = await requireTeacher(event);
		const form = await formOf(event.request);
		if (!(form instanceof FormData)) return badForm(event, form);
		const name = field(form, 'name', 400);
		const problem = classNameProblem(name);
		if (problem) {
			return refuse(event, 400, 'class name invalid', {
				values: { name },
				problems: { name: problem }
			} satisfies CreateClassFailure);
		}
		const created = await createClass(await database(), teacher.id, name, new Date());
		setFlash(event, `Class “${created.name}” created. Next, assign it a module.`);
		redirect(303, `/teacher/classes/${created.id}`);
	}
} satisfies Actions;
