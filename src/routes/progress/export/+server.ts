import { database } from '$lib/server/db.ts';
import { learnerId } from '$lib/server/learner.ts';
import { preferencesOf } from '$lib/server/preferences.ts';
import { exportFileName, exportProgress } from '$lib/server/progressFile.ts';
import type { RequestHandler } from './$types';

/**
 * "Download all your progress": this browser's practice sessions (never an assignment's) and
 * preferences, as one JSON file to import on another device. A browser with no practice gets a
 * file with no sessions, not an error: that is what it has.
 */
export const GET: RequestHandler = async ({ cookies }) => {
	const now = new Date();
	const learner = learnerId(cookies);
	const preferences = preferencesOf(cookies);
	const file = await exportProgress(learner ? await database() : null, learner, preferences, now);
	// Compact: the file must come back in under the server's upload limit (BODY_SIZE_LIMIT).
	return new Response(JSON.stringify(file), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName(now)}"`,
			// One learner's record: never kept by a shared proxy or the browser's cache.
			'cache-control': 'private, no-store'
		}
	});
};
