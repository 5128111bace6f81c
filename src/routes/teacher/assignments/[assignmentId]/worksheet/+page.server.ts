import { toPublic } from '$lib/quiz/questions.ts';
import { questionsOf } from '$lib/server/assignments.ts';
import { assignmentWithModuleOr404 } from '../../../scope.server.ts';
import type { PageServerLoad } from './$types';

/** A printable worksheet for students without a device: the article and the questions, no key. */
export const load: PageServerLoad = async (event) => {
	const { assignment: a, module } = await assignmentWithModuleOr404(event);
	return {
		assignment: { id: a.id, className: a.className },
		module: { title: module.title, article: module.article },
		// The public view only: nothing of the key is on this page.
		questions: questionsOf(a, module).map((q) => toPublic(q, module.article.paragraphs))
	};
};
