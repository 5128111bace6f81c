import { json, type RequestEvent } from '@sveltejs/kit';
import { now } from '$lib/server/clock.ts';
import { database } from '$lib/server/db.ts';
import { learnerId } from '$lib/server/learner.ts';
import { attemptLog, parseSentStep, recordSentStep } from '$lib/server/localPractice.ts';
import { findModule } from '$lib/server/modules.ts';
import type { RequestHandler } from './$types';

/** A step is a few form fields; anything much bigger is not one. */
const MAX_BODY = 64 * 1024;
const PRIVATE = { 'cache-control': 'private, no-store' };

function refusal(
	event: RequestEvent,
	status: number,
	reason: string,
	body: Record<string, unknown>
) {
	event.locals.refusal = { status, reason };
	return json(body, { status, headers: PRIVATE });
}

/** The learner's current attempt at the module, for the browser's own engine to rebuild. */
export const GET: RequestHandler = async (event) => {
	const module = findModule(event.params.slug);
	if (!module) {
		return refusal(event, 404, 'unknown module', {
			message: `There is no module called “${event.params.slug}”.`
		});
	}
	const log = await attemptLog(await database(), learnerId(event.cookies), module);
	return json(log, { headers: PRIVATE });
};

/**
 * A step the browser has already shown the feedback for (at once, or from its offline queue).
 * The server replays it as it replays a form post; its answer says whether it is now in the log
 * and with what result (`digest`), so the browser can tell if the two disagree.
 */
export const POST: RequestHandler = async (event) => {
	const { request, params, cookies } = event;
	const module = findModule(params.slug);
	if (!module) {
		return refusal(event, 404, 'unknown module', {
			result: 'malformed',
			message: `There is no module called “${params.slug}”.`
		});
	}
	const length = Number(request.headers.get('content-length') ?? 0);
	let text: string;
	try {
		text = length > MAX_BODY ? '' : await request.text();
	} catch {
		text = '';
	}
	if (length > MAX_BODY || text.length > MAX_BODY) {
		return refusal(event, 413, 'body too large', {
			result: 'malformed',
			message: 'That answer was too large to accept. Nothing was counted; please shorten it.'
		});
	}
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return refusal(event, 400, 'not json', {
			result: 'malformed',
			message: 'That request was not a step of the quiz (not JSON). Nothing was counted.'
		});
	}
	const sent = parseSentStep(body);
	if (typeof sent === 'string') {
		return refusal(event, 400, 'malformed step', {
			result: 'malformed',
			message: `${sent} Nothing was counted.`
		});
	}
	const result = await recordSentStep(
		await database(),
		learnerId(cookies),
		module,
		sent,
		now(cookies)
	);
	if (result.result === 'recorded' || result.result === 'duplicate') {
		return json(result, { headers: PRIVATE });
	}
	return refusal(event, 409, result.result, result);
};
