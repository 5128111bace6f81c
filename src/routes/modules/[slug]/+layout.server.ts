import { error } from '@sveltejs/kit';
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
			article: module.article,
			glossary: module.glossary
		},
		lessonOf: Object.fromEntries(
			module.lessons.flatMap((l) => l.questions.map((q) => [q, l.title]))
		) as Record<string, string>
	};
};
