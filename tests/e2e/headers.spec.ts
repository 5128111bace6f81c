/**
 * The headers every response carries (a Content-Security-Policy, nosniff, a referrer policy, a
 * request id) and that a learner's pages never go into a shared cache: on pages, data requests,
 * action results and errors. Plain HTTP requests, no browser, except one check that the module
 * works under its policy with JavaScript on.
 */
import { expect, test, type APIResponse } from '@playwright/test';
import { MODULE_URL, answerWithMouse, feedbackHeading, practicePanel } from './helpers.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The policy's directives by name, each with its sources. */
function directives(response: APIResponse): Map<string, string[]> {
	const policy = response.headers()['content-security-policy'];
	expect(policy, 'a Content-Security-Policy header').toBeTruthy();
	return new Map(
		policy!.split(';').map((d) => {
			const [name, ...sources] = d.trim().split(/\s+/);
			return [name!, sources];
		})
	);
}

/**
 * The policy of a page SvelteKit rendered: scripts from this site or with this response's nonce.
 * The module page runs without SvelteKit's client (its island is a file from this site), so it
 * has no inline script and no nonce: `inline: false`.
 */
function expectPagePolicy(response: APIResponse, { inline = true } = {}) {
	const csp = directives(response);
	expect(csp.get('default-src')).toEqual(["'self'"]);
	expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
	expect(csp.get('object-src')).toEqual(["'none'"]);
	expect(csp.get('base-uri')).toEqual(["'self'"]);
	expect(csp.get('form-action')).toEqual(["'self'"]);
	const scripts = csp.get('script-src')!;
	expect(scripts).toContain("'self'");
	expect(scripts).not.toContain("'unsafe-inline'");
	expect(scripts).not.toContain("'unsafe-eval'");
	expect(scripts.filter((s) => /^'nonce-[A-Za-z0-9+/=]+'$/.test(s))).toHaveLength(inline ? 1 : 0);
	expect(csp.get('style-src-elem')).toEqual(["'self'"]);
	expect(csp.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
}

/** The policy of anything else: it loads nothing and no other site may frame it. */
function expectNonPagePolicy(response: APIResponse) {
	expect(response.headers()['content-security-policy']).toBe(
		"default-src 'none'; frame-ancestors 'self'"
	);
}

function expectCommonHeaders(response: APIResponse) {
	const headers = response.headers();
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('same-origin');
	expect(headers['x-request-id']).toMatch(UUID);
}

function expectPrivate(response: APIResponse) {
	expect(response.headers()['cache-control']).toBe('private, no-store');
}

/** A stack frame ("at load (/app/build/server/…/page.js:12:5)") or a file of ours. */
const STACK_TRACE = /\bat .*:\d+:\d+|node_modules|\/build\/server\//;

test('the home page sends its policy and headers, and each request its own id', async ({
	request
}) => {
	const first = await request.get('/');
	expect(first.status()).toBe(200);
	expectPagePolicy(first);
	expectCommonHeaders(first);
	const second = await request.get('/');
	expect(second.headers()['x-request-id']).not.toBe(first.headers()['x-request-id']);
	// A fresh nonce for every page.
	expect(second.headers()['content-security-policy']).not.toBe(
		first.headers()['content-security-policy']
	);
});

test('a module page is the learner’s own: never stored by a shared cache', async ({ request }) => {
	const response = await request.get(MODULE_URL);
	expect(response.status()).toBe(200);
	expectPagePolicy(response, { inline: false });
	// Every script on it is a file from this site or inert data.
	const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
	expect(scripts.length).toBeGreaterThan(0);
	for (const tag of scripts) expect(tag).toMatch(/\bsrc="\/island\/|type="application\/json"/);
	expectCommonHeaders(response);
	expectPrivate(response);
});

test('a module’s data request is never stored either', async ({ request }) => {
	const response = await request.get(`${MODULE_URL}/__data.json`);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('application/json');
	expectNonPagePolicy(response);
	expectCommonHeaders(response);
	expectPrivate(response);
});

test.describe('action responses', () => {
	test('starting practice redirects, with the headers and never stored', async ({
		request,
		baseURL
	}) => {
		const response = await request.post(`${MODULE_URL}?/start`, {
			form: {},
			// As a browser's own form post, which is answered with a redirect rather than JSON.
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
		expectNonPagePolicy(response);
		expectCommonHeaders(response);
		expectPrivate(response);
	});

	test('a refusal sent as a page (JavaScript off)', async ({ request, baseURL }) => {
		// No practice started in this request context: the answer is refused with a 409.
		const response = await request.post(`${MODULE_URL}?/answer`, {
			form: { seq: '0', question: 'any' },
			headers: { origin: baseURL!, accept: 'text/html' }
		});
		expect(response.status()).toBe(409);
		expectPagePolicy(response, { inline: false });
		expectCommonHeaders(response);
		expectPrivate(response);
	});

	test('a refusal sent as JSON (use:enhance)', async ({ request, baseURL }) => {
		const response = await request.post(`${MODULE_URL}?/answer`, {
			form: { seq: '0', question: 'any' },
			headers: { origin: baseURL!, accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		expect(response.status()).toBe(200);
		expect(await response.json()).toMatchObject({ type: 'failure', status: 409 });
		expectNonPagePolicy(response);
		expectCommonHeaders(response);
		expectPrivate(response);
	});
});

test.describe('errors', () => {
	test('a page that does not exist is a 404 page, with the headers and no stack trace', async ({
		request
	}) => {
		const response = await request.get('/no-such-page');
		expect(response.status()).toBe(404);
		expectPagePolicy(response);
		expectCommonHeaders(response);
		const body = await response.text();
		expect(body).toContain('Not found');
		expect(body).not.toMatch(STACK_TRACE);
	});

	test('an unknown module is a private 404 page, with no stack trace', async ({ request }) => {
		const response = await request.get('/modules/no-such-module');
		expect(response.status()).toBe(404);
		expectPagePolicy(response);
		expectCommonHeaders(response);
		expectPrivate(response);
		const body = await response.text();
		expect(body).toContain('There is no module called “no-such-module”.');
		expect(body).not.toContain('Something went wrong on our side');
		expect(body).not.toMatch(STACK_TRACE);
	});

	test('an unknown action is a 404 with the headers, and no stack trace', async ({
		request,
		baseURL
	}) => {
		const response = await request.post(`${MODULE_URL}?/nope`, {
			form: {},
			headers: { origin: baseURL!, accept: 'text/html' }
		});
		expect(response.status()).toBe(404);
		expectCommonHeaders(response);
		expectPrivate(response);
		expect(await response.text()).not.toMatch(STACK_TRACE);
	});
});

test('the module works under its policy with JavaScript on: practice starts and an answer is checked, with no violation', async ({
	page
}) => {
	const problems: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(`console: ${message.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	// Registered before any of the page's own scripts run, in every document the tab loads.
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
		});
	});

	const response = await page.goto(MODULE_URL);
	expect(response!.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
	await practicePanel(page).getByRole('button', { name: 'Start practice' }).click();
	await answerWithMouse(page, true);
	await expect(feedbackHeading(page, 'Correct')).toBeVisible();
	// app.html's wrapper is styled by an inline style attribute, which the policy allows.
	await expect(page.locator('body > div').first()).toHaveCSS('display', 'contents');
	expect(problems).toEqual([]);
});

test('pages and their data are gzipped for a client that takes it, and plain for one that does not', async ({
	request
}) => {
	const gzipped = await request.get(MODULE_URL, { headers: { 'accept-encoding': 'gzip' } });
	expect(gzipped.headers()['content-encoding']).toBe('gzip');
	expect(gzipped.headers()['vary']).toMatch(/accept-encoding/i);
	// Playwright unzips it: the page is whole.
	expect(await gzipped.text()).toContain('Fleeing Kazakhs and Puff Pieces');

	const plain = await request.get(MODULE_URL, { headers: { 'accept-encoding': 'identity' } });
	expect(plain.headers()['content-encoding']).toBeUndefined();
	expect(await plain.text()).toContain('Fleeing Kazakhs and Puff Pieces');
});
