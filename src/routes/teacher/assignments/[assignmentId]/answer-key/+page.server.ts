import { error } from '@sveltejs/kit';
import { quizConfigOf } from '$lib/server/assignments.ts';
import { findModule } from '$lib/server/modules.ts';
import { answerInWords } from '$lib/quiz/questions.ts';
import { assignmentOr404 } from '../../../scope.server.ts';
import type { PageServerLoad } from './$types';

/** The answer key to the worksheet: each answer, its explanation and the cited words. */
export const load: PageServerLoad = async (event) => {
	const { assignment: a } = await assignmentOr404(event);
	const module = findModule(a.moduleSlug);
	if (!module) error(404, 'This assignment’s module is no longer on this server.');
	const ids = quizConfigOf(a, module).questionIds;
	const byId = new Map(module.questions.map((q) => [q.id, q]));
	return {
		assignment: { id: a.id, className: a.className },
		module: { title: module.title },
		questions: ids.map((id, i) => {
			const q = byId.get(id)!;
			return {
				id,
				number: i + 1,
				prompt: q.prompt,
				points: q.points,
				answer: answerInWords(q),
				explanation: q.explanation,
				cites: q.cites
			};
		})
	};
};
