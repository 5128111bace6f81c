/**
 * Structured logging: one JSON object per line on stdout, which journald, Docker and hosting
 * dashboards collect as they are, with no logging library. Lines name route ids and short codes,
 * never raw URLs, form values or cookies, so no learner's answers or identity reach the logs.
 */
import { inspect } from 'node:util';

export type Level = 'info' | 'warn' | 'error';

/** What the log line of one request says. Optional fields are left out when they do not apply. */
export interface RequestFields {
	requestId: string;
	method: string;
	/** SvelteKit's route id (`/modules/[slug]`), or null when no route matched. */
	route: string | null;
	/** The form action posted to (`answer`), when the request was one. */
	action?: string;
	/** Set for a client-side navigation's `__data.json` request. */
	data?: true;
	/** The HTTP status sent. */
	status: number;
	/** Time until the response's headers were ready. */
	ms: number;
	/**
	 * The status of an action's refusal. An enhanced (fetch) action's refusal is sent as a 200 whose
	 * JSON says `failure`, so `status` alone would hide it.
	 */
	refused?: number;
	/** The refusing code's reason, a short code. */
	reason?: string;
	/** The public message of an error SvelteKit raised (`Not Found`, `Internal Error`). */
	error?: string;
	/** The reference of an unexpected error, logged with its stack in its own line. */
	errorId?: string;
}

/** Warn on refusals and client errors, so a dashboard can count them apart from normal traffic. */
export function requestLevel(fields: Pick<RequestFields, 'status' | 'refused'>): Level {
	if (fields.status >= 500) return 'error';
	if (fields.status >= 400 || fields.refused !== undefined) return 'warn';
	return 'info';
}

/** One log line, without its newline: time, level and message first, for people reading raw logs. */
export function formatLine(
	level: Level,
	msg: string,
	fields: object,
	now: Date = new Date()
): string {
	return JSON.stringify({ time: now.toISOString(), level, msg, ...fields });
}

export function requestLine(fields: RequestFields, now?: Date): string {
	return formatLine(requestLevel(fields), 'request', fields, now);
}

export function writeLine(line: string): void {
	process.stdout.write(`${line}\n`);
}

/**
 * The action named in a form post's URL (`?/answer` → `answer`). Anything that does not look like
 * an action name is left out: the query string is the client's to write.
 */
export function actionName(method: string, url: URL): string | undefined {
	if (method !== 'POST' || !url.search.startsWith('?/')) return undefined;
	const name = url.search.slice(2).split('&')[0]!;
	return /^[a-z][a-z0-9_-]{0,39}$/i.test(name) ? name : undefined;
}

// Crockford's base 32: no I, L, O or U, so a reference read aloud or copied by hand survives.
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A short reference for an unexpected error, for a learner or teacher to quote: 8 characters,
 * 40 random bits, plenty to find one line among a school's logs.
 */
export function newErrorId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(8));
	// 32 symbols: five bits of each byte, with no bias towards any of them.
	return Array.from(bytes, (b) => REFERENCE_ALPHABET[b & 31]).join('');
}

/**
 * What was thrown, as Node prints an uncaught error: an Error's stack with its `cause` and own
 * properties (a database error's `code`), or any other value.
 */
export function stackOf(error: unknown): string {
	return inspect(error, { depth: 3, breakLength: Infinity });
}
