import { error } from '@sveltejs/kit';
import { quizConfigOf } from '$lib/server/assignments.ts';
import { findModule } from '$lib/server/modules.ts';
import { toPublic } from '$lib/quiz/questions.ts';
import { assignmentOr404 } from '../../../scope.server.ts';
import type { PageServerLoad } from './$types';

/** A printable worksheet for students without a device: the article and the questions, no key. */
export const load: PageServerLoad = async (event) => {
	const { assignment: a } = await assignmentOr404(event);
	const module = findModule(a.moduleSlug);
	if (!module) error(404, 'This assignment’s module is no longer on this server.');
	const ids = quizConfigOf(a, module).questionIds;
	const byId = new Map(module.questions.map((q) => [q.id, q]));
	return {
		assignment: { id: a.id, className: a.className },
		module: { title: module.title, article: module.article },
		// The public view only: nothing of the key is on this page.
		questions: ids.map((id) => toPublic(byId.get(id)!, module.article.paragraphs))
	};
};
