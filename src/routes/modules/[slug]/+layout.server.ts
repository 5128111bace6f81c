import { error } from '@sveltejs/kit';
import { EXPORT_FORMATS, FORMAT_INFO, summarize } from '$lib/export/common.ts';
import { practiceMinutes } from '$lib/content/estimate.ts';
import { findModule } from '$lib/server/modules.ts';
import type { LayoutServerLoad } from './$types';

/**
 * The module itself: the same for every learner and every step, so it is loaded once per visit
 * and not sent again after each answer (only the page's own load, the learner's state, re-runs).
 */
export const load: LayoutServerLoad = async ({ params }) => {
	const module = findModule(params.slug);
	if (!module) error(404, `There is no module called “${params.slug}”.`);
	return {
		module: {
			slug: module.slug,
			title: module.title,
			summary: module.summary,
			readingMinutes: module.readingMinutes,
			objectives: module.objectives,
			/** The intro's estimate for the questions, beside the reading time. */
			questions: module.questions.length,
			practiceMinutes: practiceMinutes(module.questions.length),
			article: module.article,
			glossary: module.glossary
		},
		lessonOf: Object.fromEntries(
			module.lessons.flatMap((l) => l.questions.map((q) => [q, l.title]))
		) as Record<string, string>,
		/** The LMS exports: what a teacher can download, in a line each. */
		exports: EXPORT_FORMATS.map((format) => {
			const { exported, questions } = summarize(format, module);
			return {
				format,
				label: FORMAT_INFO[format].label,
				platforms: FORMAT_INFO[format].platforms,
				exported,
				questions
			};
		})
	};
};
