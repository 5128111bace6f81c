import { error, redirect } from '@sveltejs/kit';
import {
	hasAttempts,
	LOCKED_ONCE_STARTED,
	parseSettings,
	timeZone,
	updateAssignment,
	type Assignment
} from '$lib/server/assignments.ts';
import { database } from '$lib/server/db.ts';
import { findModule } from '$lib/server/modules.ts';
import type { AssignmentFormFailure, AssignmentFormValues } from '../../../assignmentForm.ts';
import { moduleChoices, valuesFromForm, valuesOfSettings } from '../../../assignmentForm.server.ts';
import { badForm, formOf, refuse, setFlash } from '../../../forms.server.ts';
import { assignmentOr404 } from '../../../scope.server.ts';
import type { Actions, PageServerLoad } from './$types';

const FIELD_WORDS: Record<(typeof LOCKED_ONCE_STARTED)[number], string> = {
	lessons: 'the lessons',
	mode: 'the mode',
	shuffleQuestions: 'shuffling questions',
	shuffleChoices: 'shuffling choices'
};

function moduleOr404(a: Assignment) {
	const module = findModule(a.moduleSlug);
	if (!module) error(404, 'This assignment’s module is no longer on this server.');
	return module;
}

export const load: PageServerLoad = async (event) => {
	const { assignment: a } = await assignmentOr404(event);
	const module = moduleOr404(a);
	return {
		assignment: { id: a.id, className: a.className, moduleTitle: module.title },
		modules: moduleChoices([module]),
		values: valuesOfSettings(module.slug, a),
		locked: await hasAttempts(await database(), a.id),
		zone: timeZone()
	};
};

/** Once students have started, the locked fields are the assignment's own, whatever was posted. */
function withLockedFrom(form: FormData, a: Assignment): FormData {
	const kept = new FormData();
	for (const [name, value] of form) {
		if (!(LOCKED_ONCE_STARTED as readonly string[]).includes(name)) kept.append(name, value);
	}
	for (const lesson of a.lessons) kept.append('lessons', lesson);
	kept.set('mode', a.mode);
	if (a.shuffleQuestions) kept.set('shuffleQuestions', 'on');
	if (a.shuffleChoices) kept.set('shuffleChoices', 'on');
	return kept;
}

function lockedValues(values: AssignmentFormValues, a: Assignment): AssignmentFormValues {
	return {
		...values,
		lessons: [...a.lessons],
		mode: a.mode,
		shuffleQuestions: a.shuffleQuestions,
		shuffleChoices: a.shuffleChoices
	};
}

export const actions = {
	default: async (event) => {
		const { teacher, assignment: a } = await assignmentOr404(event);
		const module = moduleOr404(a);
		const posted = await formOf(event.request);
		if (!(posted instanceof FormData)) return badForm(event, posted);
		const db = await database();
		const started = await hasAttempts(db, a.id);
		const form = started ? withLockedFrom(posted, a) : posted;
		const values = valuesFromForm(form);
		values.module = module.slug;
		const parsed = parseSettings(form, module);
		if ('problems' in parsed) {
			return refuse(event, 400, 'assignment invalid', {
				values,
				problems: parsed.problems,
				locked: started
			} satisfies AssignmentFormFailure);
		}
		const result = await updateAssignment(db, teacher.id, a.id, parsed.settings, new Date());
		if (result.kind === 'not-found') error(404, 'There is no such assignment among yours.');
		if (result.kind === 'locked') {
			// A student started between loading the form and saving it.
			const fields = result.fields.map((f) => FIELD_WORDS[f as keyof typeof FIELD_WORDS]);
			return refuse(event, 409, 'locked since started', {
				values: lockedValues(values, a),
				locked: true,
				message: `A student started while you were editing, so ${fields.join(' and ')} can no longer change. Nothing was saved: check the form and save again.`
			} satisfies AssignmentFormFailure);
		}
		setFlash(event, 'Settings saved.');
		redirect(303, `/teacher/assignments/${a.id}`);
	}
} satisfies Actions;
