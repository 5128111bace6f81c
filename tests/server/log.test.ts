/**
 * Request logging and the headers every response carries: the log line's fields (route ids,
 * never URLs), refusals, SvelteKit's own errors without a stack, and unexpected errors logged
 * once with the reference the learner is shown.
 */
import type { RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handle, handleError } from '../../src/hooks.server.ts';
import {
	actionName,
	formatLine,
	newErrorId,
	requestLevel,
	requestLine,
	stackOf
} from '../../src/lib/server/log.ts';

const NOW = new Date('2025-03-01T09:30:00.000Z');

describe('log lines', () => {
	it('writes one JSON object with time, level and message first', () => {
		const line = formatLine('warn', 'request', { status: 404, route: null }, NOW);
		expect(line).not.toContain('\n');
		expect(Object.keys(JSON.parse(line))).toEqual(['time', 'level', 'msg', 'status', 'route']);
		expect(JSON.parse(line)).toEqual({
			time: '2025-03-01T09:30:00.000Z',
			level: 'warn',
			msg: 'request',
			status: 404,
			route: null
		});
	});

	it('keeps a multi-line stack on one line', () => {
		const line = formatLine('error', 'unexpected error', { stack: stackOf(new Error('boom')) });
		expect(line.split('\n')).toHaveLength(1);
		expect(JSON.parse(line).stack).toMatch(/^Error: boom\n\s+at /);
	});

	it('leaves out the fields that do not apply to a request', () => {
		const line = requestLine(
			{
				requestId: 'r1',
				method: 'GET',
				route: '/',
				action: undefined,
				status: 200,
				ms: 1.5,
				refused: undefined
			},
			NOW
		);
		expect(JSON.parse(line)).toEqual({
			time: '2025-03-01T09:30:00.000Z',
			level: 'info',
			msg: 'request',
			requestId: 'r1',
			method: 'GET',
			route: '/',
			status: 200,
			ms: 1.5
		});
	});

	it('warns on client errors and refusals, even a refusal sent as a 200, and errs on 5xx', () => {
		expect(requestLevel({ status: 200 })).toBe('info');
		expect(requestLevel({ status: 303 })).toBe('info');
		expect(requestLevel({ status: 200, refused: 409 })).toBe('warn');
		expect(requestLevel({ status: 404 })).toBe('warn');
		expect(requestLevel({ status: 500 })).toBe('error');
	});

	it('names the action of a form post, and nothing a client made up', () => {
		const url = (s: string) => new URL(`http://localhost/modules/m${s}`);
		expect(actionName('POST', url('?/answer'))).toBe('answer');
		expect(actionName('POST', url('?/answer&x=1'))).toBe('answer');
		expect(actionName('GET', url('?/answer'))).toBeUndefined();
		expect(actionName('POST', url(''))).toBeUndefined();
		expect(actionName('POST', url('?cite=3'))).toBeUndefined();
		expect(actionName('POST', url('?/my%20answer%20is%20Astana'))).toBeUndefined();
		expect(actionName('POST', url(`?/${'a'.repeat(41)}`))).toBeUndefined();
	});

	it('makes error references of 8 characters that cannot be misread', () => {
		const ids = Array.from({ length: 200 }, newErrorId);
		for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it("prints an error's cause, and values that are not errors", () => {
		const error = new Error('query failed', { cause: new Error('database is locked') });
		expect(stackOf(error)).toContain('database is locked');
		expect(stackOf('a string')).toBe("'a string'");
		expect(stackOf({ code: 'E1' })).toBe("{ code: 'E1' }");
	});
});

/** A request event with only what the hooks read. */
function fakeEvent(
	path: string,
	{ method = 'GET', route = '/modules/[slug]' as string | null, isDataRequest = false } = {}
): RequestEvent {
	const url = new URL(path, 'http://localhost');
	return {
		request: new Request(url, { method }),
		url,
		route: { id: route },
		isDataRequest,
		locals: {},
		// No reading settings: the hooks read their cookie.
		cookies: { get: () => undefined }
	} as unknown as RequestEvent;
}

type Resolve = (event: RequestEvent, opts?: ResolveOptions) => Promise<Response>;

function page(status = 200): Response {
	return new Response('<!doctype html>', {
		status,
		headers: { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'" }
	});
}

let written: string[];

beforeEach(() => {
	written = [];
	vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
		written.push(String(chunk));
		return true;
	});
});

afterEach(() => {
	vi.restoreAllMocks();
});

function loggedLines(): Record<string, unknown>[] {
	const text = written.join('');
	expect(text.endsWith('\n'), 'every line ends with a newline').toBe(true);
	return text
		.trimEnd()
		.split('\n')
		.map((line) => JSON.parse(line));
}

describe('handle', () => {
	it('gives every request an id, in locals and in the X-Request-Id header', async () => {
		const event = fakeEvent('/');
		const response = await handle({ event, resolve: async () => page() });
		expect(event.locals.requestId).toMatch(/^[0-9a-f-]{36}$/);
		expect(response.headers.get('x-request-id')).toBe(event.locals.requestId);

		const other = fakeEvent('/');
		await handle({ event: other, resolve: async () => page() });
		expect(other.locals.requestId).not.toBe(event.locals.requestId);
	});

	it('sends nosniff and the referrer policy, and keeps the CSP a page has', async () => {
		const response = await handle({
			event: fakeEvent('/', { route: '/' }),
			resolve: async () => page()
		});
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('referrer-policy')).toBe('same-origin');
		expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
		expect(response.headers.get('cache-control')).toBeNull();
	});

	it('gives responses that are not pages a policy that loads nothing and forbids framing', async () => {
		const response = await handle({
			event: fakeEvent('/modules/m', { isDataRequest: true }),
			resolve: async () => Response.json({ type: 'data' })
		});
		expect(response.headers.get('content-security-policy')).toBe(
			"default-src 'none'; frame-ancestors 'self'"
		);
	});

	it('keeps every response under /modules/ out of shared caches', async () => {
		for (const path of ['/modules/m', '/modules/m?/answer', '/modules/a/b']) {
			const response = await handle({ event: fakeEvent(path), resolve: async () => page() });
			expect(response.headers.get('cache-control'), path).toBe('private, no-store');
		}
		const home = await handle({ event: fakeEvent('/modulesque'), resolve: async () => page() });
		expect(home.headers.get('cache-control')).toBeNull();
	});

	it('adds headers to a response whose headers cannot be changed', async () => {
		const response = await handle({
			event: fakeEvent('/modules/m', { method: 'POST' }),
			resolve: async () => Response.redirect('http://localhost/modules/m#question', 303)
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('http://localhost/modules/m#question');
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('logs one line per request with the route id, never the URL', async () => {
		const event = fakeEvent('/modules/a-secret-slug?cite=4', { isDataRequest: true });
		await handle({ event, resolve: async () => page() });
		expect(written).toHaveLength(1);
		expect(written[0]).not.toContain('secret');
		expect(written[0]).not.toContain('cite');
		const [line] = loggedLines();
		expect(line).toMatchObject({
			level: 'info',
			msg: 'request',
			requestId: event.locals.requestId,
			method: 'GET',
			route: '/modules/[slug]',
			data: true,
			status: 200
		});
		expect(line!.ms).toBeTypeOf('number');
		expect(line).not.toHaveProperty('action');
		expect(line).not.toHaveProperty('refused');
	});

	it("logs an enhanced action's refusal and its reason, though it is sent as a 200", async () => {
		const event = fakeEvent('/modules/m?/answer', { method: 'POST' });
		const resolve: Resolve = async (event) => {
			event.locals.refusal = { status: 409, reason: 'stale-seq' };
			return Response.json({ type: 'failure', status: 409 });
		};
		const response = await handle({ event, resolve });
		expect(response.status).toBe(200);
		expect(loggedLines()).toEqual([
			expect.objectContaining({
				level: 'warn',
				method: 'POST',
				route: '/modules/[slug]',
				action: 'answer',
				status: 200,
				refused: 409,
				reason: 'stale-seq'
			})
		]);
	});

	it("logs SvelteKit's own 404 as one line, with its message and no stack", async () => {
		const event = fakeEvent('/no/such/page', { route: null });
		let body: App.Error | undefined;
		const resolve: Resolve = async (event) => {
			const error = new Error('Not found: /no/such/page');
			body = (await handleError({ error, event, status: 404, message: 'Not Found' })) ?? undefined;
			return page(404);
		};
		await handle({ event, resolve });
		expect(body).toEqual({ message: 'Not Found' });
		expect(written).toHaveLength(1);
		expect(written[0]).not.toContain('stack');
		expect(written[0]).not.toContain('/no/such/page');
		expect(loggedLines()[0]).toMatchObject({
			level: 'warn',
			route: null,
			status: 404,
			error: 'Not Found'
		});
	});

	it('logs an unexpected error once with its stack, and shows the learner its reference', async () => {
		const event = fakeEvent('/modules/m');
		let body: App.Error | undefined;
		const resolve: Resolve = async (event) => {
			const error = new TypeError("Cannot read properties of undefined (reading 'seed')");
			body =
				(await handleError({ error, event, status: 500, message: 'Internal Error' })) ?? undefined;
			return page(500);
		};
		await handle({ event, resolve });

		expect(body).toEqual({ message: 'Internal Error', errorId: expect.any(String) });
		const errorId = body!.errorId!;
		expect(errorId).toMatch(/^[0-9A-Z]{8}$/);
		const [errorLine, requestLine] = loggedLines();
		expect(errorLine).toMatchObject({
			level: 'error',
			msg: 'unexpected error',
			errorId,
			requestId: event.locals.requestId,
			method: 'GET',
			route: '/modules/[slug]',
			status: 500
		});
		expect(errorLine!.stack).toMatch(/^TypeError: Cannot read properties of undefined/);
		expect(errorLine!.stack).toContain('log.test.ts');
		// The request's own line points at the error line, without repeating the stack.
		expect(requestLine).toMatchObject({ level: 'error', status: 500, errorId });
		expect(requestLine).not.toHaveProperty('stack');
		expect(written).toHaveLength(2);
	});
});
