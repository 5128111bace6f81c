import { redirect } from '@sveltejs/kit';
import { JOIN_CODE_LENGTH, normalCode } from '$lib/server/assignments.ts';
import type { PageServerLoad } from './$types';

/**
 * "Enter the code": a GET form, so it works without JavaScript and the code can be bookmarked. A
 * code that could be one goes to its join page (which says if no assignment has it); anything
 * else is explained here, with what was typed kept in the field.
 */
export const load: PageServerLoad = async ({ url }) => {
	const typed = url.searchParams.get('code');
	if (typed === null) return { typed: '', problem: null };
	const code = normalCode(typed, JOIN_CODE_LENGTH);
	if (code) redirect(303, `/join/${code}`);
	return {
		typed: typed.slice(0, 40),
		problem: typed.trim()
			? `A join code is ${JOIN_CODE_LENGTH} letters and digits, like ABCD234 (there is no O, 0, I, 1 or L). Check it with your teacher.`
			: 'Enter the code your teacher gave you.'
	};
};
