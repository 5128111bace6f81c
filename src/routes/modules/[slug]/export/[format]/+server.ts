import { error } from '@sveltejs/kit';
import { EXPORT_FORMATS, exportModule, isExportFormat } from '$lib/export/index.ts';
import { findModule } from '$lib/server/modules.ts';
import { requireTeacher } from '$lib/server/teacherSession.ts';
import type { RequestHandler } from './$types';

/**
 * A module as a file for a learning platform. Teachers only: the file holds every answer key,
 * the same keys an assignment keeps from students.
 */
export const GET: RequestHandler = async (event) => {
	const { params } = event;
	const module = findModule(params.slug);
	if (!module) error(404, `There is no module called “${params.slug}”.`);
	if (!isExportFormat(params.format)) {
		error(
			404,
			`There is no export format called “${params.format}”. Choose one of: ${EXPORT_FORMATS.join(', ')}.`
		);
	}
	await requireTeacher(event);
	const file = exportModule(module, params.format);
	const body = typeof file.body === 'string' ? file.body : new Uint8Array(file.body);
	return new Response(body, {
		headers: {
			'content-type': file.mediaType + (typeof file.body === 'string' ? '; charset=utf-8' : ''),
			'content-disposition': `attachment; filename="${file.fileName}"`,
			// The answer key: never kept by a shared cache.
			'cache-control': 'private, no-store',
			'x-citewise-questions': `${file.summary.exported} of ${file.summary.questions}`
		}
	});
};
