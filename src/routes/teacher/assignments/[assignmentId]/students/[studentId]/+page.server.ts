import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db.ts';
import { findModule } from '$lib/server/modules.ts';
import { resultsOf } from '$lib/server/results.ts';
import { assignmentOr404 } from '../../../../scope.server.ts';
import type { PageServerLoad } from './$types';

/** One student's answers, each beside the key and its cited explanation (the teacher always sees). */
export const load: PageServerLoad = async (event) => {
	const { assignment: a } = await assignmentOr404(event);
	const module = findModule(a.moduleSlug);
	if (!module) error(404, 'This assignment’s module is no longer on this server.');
	const results = await resultsOf(await database(), a, module, new Date());
	const student = results.students.find((s) => s.id === event.params.studentId);
	if (!student) error(404, 'There is no such student in this assignment.');
	return {
		assignment: { id: a.id, className: a.className, moduleTitle: module.title },
		student,
		questions: results.questions
	};
};
