/**
 * The log endpoints of the browser's own quiz engine: `/modules/<slug>/events` (the learner's
 * practice) and `/modules/<slug>/review/events` (their latest review session). GET reads the
 * attempt's log for the browser to rebuild; POST records a step the browser has already shown
 * the feedback for. Both attempts get exactly the same checks, answers and exactly-once
 * recording; every refusal is JSON with a sentence, never a 500.
 */
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import { now } from './clock.ts';
import { database } from './db.ts';
import { learnerId } from './learner.ts';
import { attemptLog, parseSentStep, recordSentStep, type LocalKind } from './localPractice.ts';
import { findModule } from './modules.ts';

/** A step is a few form fields; anything much bigger is not one. */
const MAX_BODY = 64 * 1024;
const PRIVATE = { 'cache-control': 'private, no-store' };

type Params = { slug: string };

function refusal(
	event: RequestEvent<Params>,
	status: number,
	reason: string,
	body: Record<string, unknown>
) {
	event.locals.refusal = { status, reason };
	return json(body, { status, headers: PRIVATE });
}

export function stepEndpoint(kind: LocalKind): {
	GET: RequestHandler<Params>;
	POST: RequestHandler<Params>;
} {
	/** The learner's attempt at the module, for the browser's own engine to rebuild. */
	const GET: RequestHandler<Params> = async (event) => {
		const module = findModule(event.params.slug);
		if (!module) {
			return refusal(event, 404, 'unknown module', {
				message: `There is no module called “${event.params.slug}”.`
			});
		}
		const log = await attemptLog(await database(), learnerId(event.cookies), module, kind);
		return json(log, { headers: PRIVATE });
	};

	/**
	 * A step the browser has already shown the feedback for (at once, or from its offline queue).
	 * The server replays it as it replays a form post; its answer says whether it is now in the
	 * log and with what result (`digest`), so the browser can tell if the two disagree.
	 */
	const POST: RequestHandler<Params> = async (event) => {
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
			now(cookies),
			kind
		);
		if (result.result === 'recorded' || result.result === 'duplicate') {
			return json(result, { headers: PRIVATE });
		}
		return refusal(event, 409, result.result, result);
	};

	return { GET, POST };
}
