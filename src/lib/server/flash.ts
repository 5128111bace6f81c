/**
 * A message for the next page load only, after a form post redirects (post/redirect/get works
 * without JavaScript, and reloading never posts again). Kept in a short-lived httpOnly cookie for
 * the one page that shows it, and deleted as that page reads it.
 */
import type { Cookies } from '@sveltejs/kit';

const COOKIE = 'cw_flash';

export interface Flash {
	/** What happened, for a status line. */
	status?: string;
	/** A resume code just made: shown this once, since only its hash is kept. */
	code?: string;
}

export function setFlash(cookies: Cookies, url: URL, path: string, flash: Flash): void {
	cookies.set(COOKIE, JSON.stringify(flash), {
		path,
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: 5 * 60
	});
}

/** The flash for this page, if any, now used up. Anything that is not one is ignored. */
export function takeFlash(cookies: Cookies, path: string): Flash {
	const value = cookies.get(COOKIE);
	if (value === undefined) return {};
	cookies.delete(COOKIE, { path });
	try {
		const parsed = JSON.parse(value) as unknown;
		if (typeof parsed !== 'object' || parsed === null) return {};
		const { status, code } = parsed as Record<string, unknown>;
		return {
			...(typeof status === 'string' ? { status: status.slice(0, 1000) } : {}),
			...(typeof code === 'string' ? { code: code.slice(0, 20) } : {})
		};
	} catch {
		return {};
	}
}
