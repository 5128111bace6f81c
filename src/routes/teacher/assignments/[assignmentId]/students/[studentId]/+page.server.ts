import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db.ts';
import { studentAnswersOf } from '$lib/server/results.ts';
import { assignmentWithModuleOr404 } from '../../../../scope.server.ts';
import type { PageServerLoad } from './$types';

/** One student's answers, each beside the key and its cited explanation (the teacher always sees). */
export const load: PageServerLoad = async (event) => {
	const { teacher, assignment: a, module } = await assignmentWithModuleOr404(event);
	const found = await studentAnswersOf(
		await database(),
		teacher.id,
		a,
		module,
		event.params.studentId,
		new Date()
	);
	if (!found) error(404, 'There is no such student in this assignment.');
	return {
		assignment: { id: a.id, className: a.className, moduleTitle: module.title },
		...found
	};
};
