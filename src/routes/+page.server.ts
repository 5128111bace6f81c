import { allModules } from '$lib/server/modules.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	modules: allModules().map((m) => ({
		slug: m.slug,
		title: m.title,
		summary: m.summary,
		author: m.article.author,
		publication: m.article.publication,
		readingMinutes: m.readingMinutes,
		questions: m.questions.length,
		lessons: m.lessons.length
	}))
});
