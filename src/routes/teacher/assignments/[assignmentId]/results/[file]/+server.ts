/** The results as CSV files (see $lib/server/resultsCsv.ts), for this assignment's teacher only. */
import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db.ts';
import { resultsOf } from '$lib/server/results.ts';
import { isCsvFile, resultsCsv } from '$lib/server/resultsCsv.ts';
import { assignmentWithModuleOr404 } from '../../../../scope.server.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const file = event.params.file;
	if (!isCsvFile(file))
		error(404, 'There is no such file. The results come as totals.csv, marks.csv and items.csv.');
	const { assignment: a, module } = await assignmentWithModuleOr404(event);
	const results = await resultsOf(await database(), a, module, new Date());
	const body = resultsCsv(file, results);
	const name = `${a.className}-${module.slug}-${event.params.file}`
		.normalize('NFKD')
		.replace(/[^\w.-]+/g, '-')
		.replace(/-+/g, '-');
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
