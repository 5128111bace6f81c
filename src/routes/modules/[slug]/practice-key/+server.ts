import { json } from '@sveltejs/kit';
import { findModule } from '$lib/server/modules.ts';
import { practiceKeyOf } from '$lib/server/localPractice.ts';
import type { RequestHandler } from './$types';

/**
 * The module's practice key: its questions with their answers, hints and explanations, and its
 * lessons, so self-study practice can check an answer in the browser the moment it is given.
 * Practice keys are not secret (a learner sees every answer once they have tried); an
 * assignment's key never comes this way, since assignments never run in the browser.
 */
export const GET: RequestHandler = ({ params, request }) => {
	const module = findModule(params.slug);
	if (!module) {
		return json({ message: `There is no module called “${params.slug}”.` }, { status: 404 });
	}
	const key = practiceKeyOf(module);
	const etag = `"${key.version}"`;
	const headers = { etag, 'cache-control': 'no-cache' };
	if (request.headers.get('if-none-match') === etag)
		return new Response(null, { status: 304, headers });
	return json(key, { headers });
};
