import { database } from '$lib/server/db.ts';
import { now } from '$lib/server/clock.ts';
import { learnerId } from '$lib/server/learner.ts';
import { allModules, findModule } from '$lib/server/modules.ts';
import { hasPractised } from '$lib/server/progress.ts';
import { queueLines, type QueueLine } from '$lib/server/review.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies, setHeaders }) => {
	// With a learner's cookie the page is theirs (it may offer their progress): never kept by a proxy.
	setHeaders({ 'cache-control': 'private, no-store' });
	const learner = learnerId(cookies);
	const db = learner ? await database() : null;
	/** The review queue of each module the learner has practised (none for a new learner). */
	const queue: Record<string, QueueLine> =
		learner && db ? await queueLines(db, learner, findModule, now(cookies)) : {};
	return {
		/** Whether to offer "Your progress": only to a learner with a practice session. */
		practised: learner && db ? await hasPractised(db, learner) : false,
		queue,
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
