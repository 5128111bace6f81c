/**
 * The server's idea of "now" for self-study practice and review: the real time, always, except in
 * the browser tests. A server started with `CITEWISE_TEST_CLOCK=1` (only playwright.config.ts does)
 * takes the time from a `cw_test_now` cookie (an ISO time) when a request has one, so each test's
 * browser has its own clock ("three days later") and tests running side by side never see each
 * other's time. Rate limits and sessions keep the real clock.
 */
import type { Cookies } from '@sveltejs/kit';

export const TEST_CLOCK_COOKIE = 'cw_test_now';

export function now(cookies: Pick<Cookies, 'get'>): Date {
	if (process.env.CITEWISE_TEST_CLOCK === '1') {
		const set = cookies.get(TEST_CLOCK_COOKIE);
		const at = set ? new Date(set) : null;
		if (at && !Number.isNaN(at.getTime())) return at;
	}
	return new Date();
}
