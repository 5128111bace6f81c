import { error, redirect } from '@sveltejs/kit';
import {
	applyComfortForm,
	COMFORT_COOKIE,
	parseComfort,
	safeReturnPath,
	serializeComfort
} from '$lib/comfort.ts';
import type { RequestHandler } from './$types';

const YEAR = 60 * 60 * 24 * 365;

/**
 * The reading settings form posts here (it works without JavaScript): the settings go in a cookie
 * and the learner goes back to the page they were on, now drawn with them.
 */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		locals.refusal = { status: 400, reason: 'not-a-form' };
		error(400, 'Reading settings are saved from the settings form. Nothing was changed.');
	}
	const update = applyComfortForm(parseComfort(cookies.get(COMFORT_COOKIE)), form);
	if (!update.ok) {
		locals.refusal = { status: 400, reason: 'bad-setting' };
		error(400, update.message);
	}
	const value = serializeComfort(update.settings);
	if (value) {
		cookies.set(COMFORT_COOKIE, value, {
			path: '/',
			maxAge: YEAR,
			sameSite: 'lax',
			httpOnly: true
		});
	} else {
		cookies.delete(COMFORT_COOKIE, { path: '/' });
	}
	redirect(303, safeReturnPath(form.get('return')));
};
