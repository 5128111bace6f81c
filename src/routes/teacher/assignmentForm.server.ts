/** Reading and filling the assignment form on the server (see assignmentForm.ts). */
import type { Module } from '$lib/content/schema.ts';
import { toLocalInput, type AssignmentSettings } from '$lib/server/assignments.ts';
import { allModules } from '$lib/server/modules.ts';
import type { AssignmentFormValues, ModuleChoice } from './assignmentForm.ts';
import { field } from './forms.server.ts';

export function moduleChoices(modules: Module[] = allModules()): ModuleChoice[] {
	return modules.map((m) => ({
		slug: m.slug,
		title: m.title,
		lessons: m.lessons.map((l) => ({ id: l.id, title: l.title, questions: l.questions.length }))
	}));
}

/** A new assignment's form: every lesson, practice, one attempt, nothing shuffled. */
export function defaultValues(module: Module): AssignmentFormValues {
	return {
		module: module.slug,
		lessons: module.lessons.map((l) => l.id),
		mode: 'practice',
		maxAttempts: '1',
		opensAt: '',
		dueAt: '',
		timeLimitMinutes: '',
		shuffleQuestions: false,
		shuffleChoices: false,
		reveal: 'after-submit'
	};
}

export function valuesOfSettings(moduleSlug: string, s: AssignmentSettings): AssignmentFormValues {
	return {
		module: moduleSlug,
		lessons: [...s.lessons],
		mode: s.mode,
		maxAttempts: s.maxAttempts === 0 ? 'unlimited' : String(s.maxAttempts),
		opensAt: toLocalInput(s.opensAt),
		dueAt: toLocalInput(s.dueAt),
		timeLimitMinutes: s.timeLimitMinutes === null ? '' : String(s.timeLimitMinutes),
		shuffleQuestions: s.shuffleQuestions,
		shuffleChoices: s.shuffleChoices,
		// Practice always reveals after each question; the choice shown is the assessment default.
		reveal: s.reveal === 'each-question' ? 'after-submit' : s.reveal
	};
}

/** The form as posted, bounded, to show again when it is refused. */
export function valuesFromForm(form: FormData): AssignmentFormValues {
	return {
		module: field(form, 'module', 200),
		lessons: form
			.getAll('lessons')
			.filter((v): v is string => typeof v === 'string')
			.slice(0, 100)
			.map((v) => v.slice(0, 200)),
		mode: field(form, 'mode', 40),
		maxAttempts: field(form, 'maxAttempts', 40),
		opensAt: field(form, 'opensAt', 40),
		dueAt: field(form, 'dueAt', 40),
		timeLimitMinutes: field(form, 'timeLimitMinutes', 40),
		shuffleQuestions: form.get('shuffleQuestions') === 'on',
		shuffleChoices: form.get('shuffleChoices') === 'on',
		reveal: field(form, 'reveal', 40)
	};
}
