import { database } from '$lib/server/db.ts';
import { learnerId } from '$lib/server/learner.ts';
import { findModule } from '$lib/server/modules.ts';
import { learnerProgress, type Progress } from '$lib/server/progress.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies, setHeaders }) => {
	// A learner's own page: a shared school proxy must never keep or hand it to someone else.
	setHeaders({ 'cache-control': 'private, no-store' });
	const learner = learnerId(cookies);
	const progress: Progress = learner
		? await learnerProgress(await database(), learner, findModule)
		: { sessions: [], missed: [] };
	return { progress };
};
