import { database } from '$lib/server/db.ts';
import { resultsOf, type StudentResult } from '$lib/server/results.ts';
import { MARK_LETTER } from '../../../marks.ts';
import { FEW_ATTEMPTS } from '$lib/results/itemStatistics.ts';
import { assignmentWithModuleOr404 } from '../../../scope.server.ts';
import type { PageServerLoad } from './$types';

export type SortKey = 'name' | 'score' | 'time';

/** Students per page of the grid. */
const PAGE_SIZE = 50;

const SORTS: Record<SortKey, (x: StudentResult, y: StudentResult) => number> = {
	name: () => 0,
	// Not submitted sorts last either way: it has no score or time to compare.
	score: (x, y) => (x.score ?? -Infinity) - (y.score ?? -Infinity),
	time: (x, y) => (x.seconds ?? Infinity) - (y.seconds ?? Infinity)
};

export const load: PageServerLoad = async (event) => {
	const { assignment: a, module } = await assignmentWithModuleOr404(event);
	const results = await resultsOf(await database(), a, module, new Date());
	const asked = event.url.searchParams.get('sort');
	const sort: SortKey = asked === 'score' || asked === 'time' ? asked : 'name';
	const descending = event.url.searchParams.get('order') === 'desc';
	// The rows come alphabetical; a stable sort keeps names in order within ties.
	const students = results.students.slice().sort(SORTS[sort]);
	if (descending) students.reverse();
	// The grid shows a page of students at a time, as Moodle's grading tables do: a class of 30
	// is one page, a year group of 500 stays a page a browser opens at once.
	const pages = Math.max(1, Math.ceil(students.length / PAGE_SIZE));
	const pageAsked = Number(event.url.searchParams.get('page') ?? '1');
	const page = Number.isInteger(pageAsked) ? Math.min(Math.max(1, pageAsked), pages) : 1;
	const shown = students.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
	// Score distribution: submitted totals in tenths of the maximum (the top one includes 100%).
	const bins = Array.from({ length: 10 }, (_, i) => ({
		label: `${i * 10}–${i * 10 + 10}%`,
		count: 0
	}));
	for (const s of results.students) {
		if (s.score === null || !s.maxScore) continue;
		bins[Math.min(9, Math.floor((s.score / s.maxScore) * 10))]!.count++;
	}
	return {
		distribution: bins,
		paragraphSort: event.url.searchParams.get('psort') === 'lost' ? 'lost' : 'paragraph',
		assignment: { id: a.id, className: a.className, moduleTitle: module.title, mode: a.mode },
		...results,
		// The grid needs only each cell's mark, one letter each (r, p, w, u): for a class of 500 on
		// 45 questions the page's data stays small, and the answers themselves are on each
		// student's own page.
		totalStudents: students.length,
		page,
		pages,
		firstShown: (page - 1) * PAGE_SIZE + 1,
		students: shown.map((s) => ({
			id: s.id,
			name: s.name,
			status: s.status,
			score: s.score,
			maxScore: s.maxScore,
			seconds: s.seconds,
			marks: s.cells.map((c) => MARK_LETTER[c.mark]).join('')
		})),
		sort,
		descending,
		fewAttempts: FEW_ATTEMPTS
	};
};
