import { error, redirect } from '@sveltejs/kit';
import { createAssignment, parseSettings, timeZone } from '$lib/server/assignments.ts';
import { database } from '$lib/server/db.ts';
import { allModules, findModule } from '$lib/server/modules.ts';
import type { AssignmentFormFailure } from '../../../assignmentForm.ts';
import { defaultValues, moduleChoices, valuesFromForm } from '../../../assignmentForm.server.ts';
import { badForm, formOf, refuse, setFlash } from '../../../forms.server.ts';
import { classOr404 } from '../../../scope.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { found } = await classOr404(event);
	const modules = allModules();
	if (!modules.length) error(404, 'This server has no modules to assign yet.');
	return {
		class: { id: found.id, name: found.name },
		modules: moduleChoices(modules),
		values: defaultValues(modules[0]!),
		zone: timeZone()
	};
};

export const actions = {
	default: async (event) => {
		const { teacher, found } = await classOr404(event);
		const form = await formOf(event.request);
		if (!(form instanceof FormData)) return badForm(event, form);
		const values = valuesFromForm(form);
		const module = findModule(values.module);
		if (!module) {
			return refuse(event, 400, 'unknown module', {
				values,
				problems: { module: 'Choose a module from the list.' }
			} satisfies AssignmentFormFailure);
		}
		const parsed = parseSettings(form, module);
		if ('problems' in parsed) {
			return refuse(event, 400, 'assignment invalid', {
				values,
				problems: parsed.problems
			} satisfies AssignmentFormFailure);
		}
		const db = await database();
		const created = await createAssignment(
			db,
			teacher.id,
			found.id,
			module,
			parsed.settings,
			new Date()
		);
		if (!created) error(404, 'There is no such class among yours.');
		setFlash(event, `Assigned. Share the join code ${created.code} with ${found.name}.`);
		redirect(303, `/teacher/assignments/${created.id}`);
	}
} satisfies Actions;
