import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db.ts';
import { findModule } from '$lib/server/modules.ts';
import { resultsOf, type StudentResult } from '$lib/server/results.ts';
import { FEW_ATTEMPTS } from '$lib/results/itemStatistics.ts';
import { assignmentOr404 } from '../../../scope.server.ts';
import type { PageServerLoad } from './$types';

export type SortKey = 'name' | 'score' | 'time';

const SORTS: Record<SortKey, (x: StudentResult, y: StudentResult) => number> = {
	name: () => 0,
	// Not submitted sorts last either way: it has no score or time to compare.
	score: (x, y) => (x.score ?? -Infinity) - (y.score ?? -Infinity),
	time: (x, y) => (x.seconds ?? Infinity) - (y.seconds ?? Infinity)
};

export const load: PageServerLoad = async (event) => {
	const { assignment: a } = await assignmentOr404(event);
	const module = findModule(a.moduleSlug);
	if (!module) error(404, 'This assignment’s module is no longer on this server.');
	const results = await resultsOf(await database(), a, module, new Date());
	const asked = event.url.searchParams.get('sort');
	const sort: SortKey = asked === 'score' || asked === 'time' ? asked : 'name';
	const descending = event.url.searchParams.get('order') === 'desc';
	// The rows come alphabetical; a stable sort keeps names in order within ties.
	const students = results.students.slice().sort(SORTS[sort]);
	if (descending) students.reverse();
	return {
		assignment: { id: a.id, className: a.className, moduleTitle: module.title, mode: a.mode },
		...results,
		students,
		sort,
		descending,
		fewAttempts: FEW_ATTEMPTS
	};
};
