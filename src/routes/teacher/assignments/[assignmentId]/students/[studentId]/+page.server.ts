import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db.ts';
import { resultsOf } from '$lib/server/results.ts';
import { assignmentWithModuleOr404 } from '../../../../scope.server.ts';
import type { PageServerLoad } from './$types';

/** One student's answers, each beside the key and its cited explanation (the teacher always sees). */
export const load: PageServerLoad = async (event) => {
	const { assignment: a, module } = await assignmentWithModuleOr404(event);
	const results = await resultsOf(await database(), a, module, new Date());
	const student = results.students.find((s) => s.id === event.params.studentId);
	if (!student) error(404, 'There is no such student in this assignment.');
	return {
		assignment: { id: a.id, className: a.className, moduleTitle: module.title },
		student,
		questions: results.questions
	};
};
