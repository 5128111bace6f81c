import { error } from '@sveltejs/kit';
import { EXPORT_FORMATS, FORMAT_INFO, summarize } from '$lib/export/common.ts';
import { findModule } from '$lib/server/modules.ts';
import { currentTeacher } from '$lib/server/teacherSession.ts';
import type { PageServerLoad } from './$types';

/** What each export format keeps and loses for this module. The tables are public; the files are not. */
export const load: PageServerLoad = async ({ params, cookies }) => {
	const module = findModule(params.slug);
	if (!module) error(404, `There is no module called “${params.slug}”.`);
	return {
		signedIn: Boolean(await currentTeacher(cookies)),
		formats: EXPORT_FORMATS.map((format) => ({
			format,
			info: FORMAT_INFO[format],
			summary: summarize(format, module)
		}))
	};
};
