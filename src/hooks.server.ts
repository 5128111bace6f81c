import { promisify } from 'node:util';
import { constants, gzip as gzipCallback } from 'node:zlib';

const gzip = promisify(gzipCallback);
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import {
	COMFORT_COOKIE,
	colorScheme,
	comfortClasses,
	parseComfort,
	type Comfort
} from '$lib/comfort.ts';
import {
	actionName,
	formatLine,
	newErrorId,
	requestLine,
	stackOf,
	writeLine
} from '$lib/server/log.ts';
import { database } from '$lib/server/db.ts';

/**
 * The database is created (and migrated) as the server starts, so a path it cannot write stops
 * the start with that error instead of failing the first learner's request.
 */
export const init: ServerInit = async () => {
	await database();
};

/**
 * Sent with every response SvelteKit serves. Files adapter-node serves itself (`/_app/…` and
 * `static/`, through sirv) never reach these hooks: a proxy in front, or a custom server around
 * `build/handler.js`, would have to add them there.
 */
const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	// No other site needs to learn which school's server, module or page a learner came from,
	// should a page ever link out (to an article's source, say).
	'referrer-policy': 'same-origin'
};

/**
 * The policy of responses that are not pages. Pages get theirs, with a nonce for SvelteKit's
 * inline script, from `kit.csp` in svelte.config.js, which SvelteKit sets only on the HTML it
 * renders. Data, action results and redirects load nothing, so they may load nothing, and may not
 * be framed by another site either. (Were `kit.csp` removed, pages would get this policy and their
 * scripts would stop: the header tests would say so first.)
 */
const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'self'";

/**
 * A learner's own quiz, a student's assignment, a teacher's classes: pages, `__data.json`, action
 * results, redirects. A school's shared proxy must never keep one person's page to serve to another.
 */
const LEARNER_PATH = /^\/(modules|join|teacher|progress|resume)(\/|$)/;

/**
 * What `handleError` saw during a request, for that request's line. Keyed by `locals`: SvelteKit
 * hands the hooks copies of the event, but keeps one `locals` object per request.
 */
const errorsSeen = new WeakMap<App.Locals, { error: string; errorId?: string }>();

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const requestId = crypto.randomUUID();
	event.locals.requestId = requestId;

	const headers: Record<string, string> = { ...SECURITY_HEADERS, 'x-request-id': requestId };
	if (LEARNER_PATH.test(event.url.pathname)) headers['cache-control'] = 'private, no-store';
	const comfort = parseComfort(event.cookies.get(COMFORT_COOKIE));
	event.locals.comfort = comfort;
	const response = withHeaders(
		await resolve(event, { transformPageChunk: ({ html }) => withComfort(html, comfort) }),
		headers
	);
	if (!response.headers.has('content-security-policy')) {
		response.headers.set('content-security-policy', NON_PAGE_CSP);
	}

	const sent = await compressed(event.request, response);

	const { method } = event.request;
	const { refusal } = event.locals;
	writeLine(
		requestLine({
			requestId,
			method,
			// The route id, never the URL: paths and query strings are the client's to write.
			route: event.route.id,
			action: actionName(method, event.url),
			data: event.isDataRequest || undefined,
			status: response.status,
			ms: Math.round((performance.now() - started) * 10) / 10,
			refused: refusal?.status,
			reason: refusal?.reason,
			...errorsSeen.get(event.locals)
		})
	);
	return sent;
};

/**
 * Pages and their data gzipped for a browser that takes it: the module page is about 48 KB of
 * HTML and 11 KB gzipped, a quarter of a second on a slow school network. (The built files are
 * compressed ahead of time by adapter-node; these are made per request.) Compressed off the event
 * loop, so a big page does not hold up other requests; a very big one (a teacher's results for a
 * large class) is compressed faster rather than smaller, since it is made on every request.
 */
/** Bytes above which a response is compressed for speed (level 1) rather than size (level 6). */
const BIG_PAGE = 256 * 1024;

async function compressed(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (
		request.method === 'HEAD' ||
		!response.body ||
		response.headers.has('content-encoding') ||
		!/^(text\/html|application\/json)/.test(type) ||
		!/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')
	) {
		return response;
	}
	const body = Buffer.from(await response.arrayBuffer());
	if (body.length < 1024) return withBody(response, body);
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.append('vary', 'accept-encoding');
	headers.delete('content-length');
	const level = body.length > BIG_PAGE ? constants.Z_BEST_SPEED : constants.Z_DEFAULT_COMPRESSION;
	return new Response(new Uint8Array(await gzip(body, { level })), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}

function withBody(response: Response, body: Buffer): Response {
	return new Response(new Uint8Array(body), {
		status: response.status,
		statusText: response.statusText,
		headers: response.headers
	});
}

/**
 * Puts the reading settings on the page's `<html>` (its classes, and the colour schemes it
 * supports), so its first paint is right: no flash of the default look before a script runs.
 */
function withComfort(html: string, comfort: Comfort): string {
	const classes = comfortClasses(comfort);
	return html
		.replace(
			'<html lang="en">',
			`<html lang="en"${classes.length ? ` class="${classes.join(' ')}"` : ''}>`
		)
		.replace(
			'<meta name="color-scheme" content="light" />',
			`<meta name="color-scheme" content="${colorScheme(comfort)}" />`
		);
}

/** Sets headers, copying the response first if its headers are immutable (one made by `fetch`). */
function withHeaders(response: Response, headers: Record<string, string>): Response {
	try {
		for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
		return copy;
	}
}

/**
 * Called for errors SvelteKit did not expect (a real 500) and for the ones it raises itself (no
 * such route or action, a body too large); not for `error(…)` or `fail(…)` in our own code.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status < 500) {
		// Any client can cause these at will: a word in the request's line, and no stack.
		errorsSeen.set(event.locals, { error: message });
		return { message };
	}
	const errorId = newErrorId();
	errorsSeen.set(event.locals, { error: message, errorId });
	writeLine(
		formatLine('error', 'unexpected error', {
			errorId,
			requestId: event.locals.requestId,
			method: event.request.method,
			route: event.route.id,
			status,
			stack: stackOf(error)
		})
	);
	// The stack stays in the log; the learner gets the reference to quote.
	return { message, errorId };
};
