/**
 * What the teacher pages' actions share: reading a form safely, refusing with a logged reason, and
 * the one-time message ("flash") a post/redirect/get shows on the page it lands on.
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { formOf, refuse } from '$lib/server/forms.ts';

export { formOf, refuse };

/** The refusal for a request whose body was not a usable form. */
export function badForm(event: Pick<RequestEvent, 'locals'>, form: 'too-large' | null) {
	return form === 'too-large'
		? refuse(event, 413, 'body too large', {
				message: 'That form was too large to accept. Nothing was changed.'
			})
		: refuse(event, 400, 'not a form', {
				message: 'That request was not a form submission. Nothing was changed.'
			});
}

/** A text field, trimmed unless `raw`, and never longer than `max` (the rest is not kept). */
export function field(form: FormData, name: string, max = 500, raw = false): string {
	const v = form.get(name);
	if (typeof v !== 'string') return '';
	return (raw ? v : v.trim()).slice(0, max);
}

/** "40 seconds", "1 minute", "3 minutes", "2 hours": how long a rate limit asks someone to wait. */
export function waitWords(seconds: number): string {
	if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 120) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
	const hours = Math.ceil(minutes / 60);
	return `${hours} hours`;
}

const FLASH_COOKIE = 'cw_flash';

/**
 * A message for the page a redirect lands on ("Aigerim can start attempt 2"), kept in a short-lived
 * cookie so the URL stays clean and a reload does not show it again.
 */
export function setFlash(event: { cookies: Cookies; url: URL }, message: string): void {
	event.cookies.set(FLASH_COOKIE, message.slice(0, 300), {
		path: '/teacher',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		maxAge: 60
	});
}

/** The message a redirect left for this page, once; then it is gone. */
export function takeFlash(event: { cookies: Cookies; url: URL }): string | null {
	const message = event.cookies.get(FLASH_COOKIE);
	if (message === undefined) return null;
	event.cookies.delete(FLASH_COOKIE, {
		path: '/teacher',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:'
	});
	return message.slice(0, 300) || null;
}
