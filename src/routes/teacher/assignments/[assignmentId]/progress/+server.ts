/**
 * "Anything new?" for a teacher's live pages: polled every few seconds with the last ETag. A 304
 * costs three counting queries and no roster; a 200 tells the page to reload its data.
 *
 * Polling rather than server-sent events: it works through any school proxy that buffers or cuts
 * long responses, holds no connection per open tab, needs nothing shared between several app
 * servers behind a balancer (the database is the truth), and a few seconds' delay is live enough
 * for watching a class work.
 */
import { json } from '@sveltejs/kit';
import { progressVersion } from '$lib/server/assignmentAttempts.ts';
import { database } from '$lib/server/db.ts';
import { assignmentOr404 } from '../../../scope.server.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { assignment } = await assignmentOr404(event);
	const version = await progressVersion(await database(), assignment.id);
	const etag = `"${version}"`;
	const headers = { etag, 'cache-control': 'private, no-cache' };
	if (event.request.headers.get('if-none-match') === etag) {
		return new Response(null, { status: 304, headers });
	}
	return json({ version }, { headers });
};
