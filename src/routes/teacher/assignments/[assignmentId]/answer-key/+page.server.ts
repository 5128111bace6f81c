import { answerInWords } from '$lib/quiz/questions.ts';
import { questionsOf } from '$lib/server/assignments.ts';
import { assignmentWithModuleOr404 } from '../../../scope.server.ts';
import type { PageServerLoad } from './$types';

/** The answer key to the worksheet: each answer, its explanation and the cited words. */
export const load: PageServerLoad = async (event) => {
	const { assignment: a, module } = await assignmentWithModuleOr404(event);
	return {
		assignment: { id: a.id, className: a.className },
		module: { title: module.title },
		questions: questionsOf(a, module).map((q, i) => ({
			id: q.id,
			number: i + 1,
			prompt: q.prompt,
			points: q.points,
			answer: answerInWords(q),
			explanation: q.explanation,
			cites: q.cites
		}))
	};
};
