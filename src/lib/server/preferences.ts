/**
 * A learner's preferences, each kept in its own cookie: the reading settings (`comfort`, see
 * $lib/comfort.ts) and guided or whole-article reading (`cw_reading`, set on the module page).
 * Read and written here so the module page, /settings and the progress file agree on them.
 */
import type { Cookies } from '@sveltejs/kit';
import { COMFORT_COOKIE, parseComfort, serializeComfort, type Comfort } from '$lib/comfort.ts';
import type { ReadingMode } from '$lib/practice/state.ts';

export type { ReadingMode };

const READING_COOKIE = 'cw_reading';
const ONE_YEAR = 60 * 60 * 24 * 365;

/** Guided (lesson by lesson) unless the learner chose to see the whole article. */
export function readingMode(cookies: Cookies): ReadingMode {
	return cookies.get(READING_COOKIE) === 'whole' ? 'whole' : 'guided';
}

export function setReadingMode(cookies: Cookies, url: URL, mode: ReadingMode): void {
	cookies.set(READING_COOKIE, mode, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: ONE_YEAR
	});
}

/** What this browser has chosen: only the preferences it has a cookie for. */
export interface Preferences {
	comfort?: Comfort;
	reading?: ReadingMode;
}

export function preferencesOf(cookies: Cookies): Preferences {
	const prefs: Preferences = {};
	const comfort = cookies.get(COMFORT_COOKIE);
	if (comfort) prefs.comfort = parseComfort(comfort);
	if (cookies.get(READING_COOKIE) !== undefined) prefs.reading = readingMode(cookies);
	return prefs;
}

/**
 * Keeps the reading settings in their cookie (the defaults need none: the cookie goes). The one
 * place the cookie is written, for /settings and for an imported progress file alike.
 */
export function setComfort(cookies: Cookies, comfort: Comfort | undefined): void {
	const value = comfort && serializeComfort(comfort);
	if (value) {
		cookies.set(COMFORT_COOKIE, value, {
			path: '/',
			maxAge: ONE_YEAR,
			sameSite: 'lax',
			httpOnly: true
		});
	} else {
		cookies.delete(COMFORT_COOKIE, { path: '/' });
	}
}

/** Sets this browser's preferences to `prefs`; one it leaves out goes back to the default. */
export function setPreferences(cookies: Cookies, url: URL, prefs: Preferences): void {
	setComfort(cookies, prefs.comfort);
	if (prefs.reading) setReadingMode(cookies, url, prefs.reading);
	else cookies.delete(READING_COOKIE, { path: '/' });
}
