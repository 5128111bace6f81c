import { error, redirect } from '@sveltejs/kit';
import { applyComfortForm, COMFORT_COOKIE, parseComfort, safeReturnPath } from '$lib/comfort.ts';
import { setComfort } from '$lib/server/preferences.ts';
import type { RequestHandler } from './$types';

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
	setComfort(cookies, update.settings);
	redirect(303, safeReturnPath(form.get('return')));
};
