import { database } from '$lib/server/db.ts';
import { learnerId } from '$lib/server/learner.ts';
import { allModules } from '$lib/server/modules.ts';
import { hasPractised } from '$lib/server/progress.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies, setHeaders }) => {
	// With a learner's cookie the page is theirs (it may offer their progress): never kept by a proxy.
	setHeaders({ 'cache-control': 'private, no-store' });
	const learner = learnerId(cookies);
	return {
		/** Whether to offer "Your progress": only to a learner with a practice session. */
		practised: learner ? await hasPractised(await database(), learner) : false,
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
	};
};
