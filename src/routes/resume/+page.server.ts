import { redirect, type RequestEvent } from '@sveltejs/kit';
import { database } from '$lib/server/db.ts';
import { setFlash } from '$lib/server/flash.ts';
import { formOf, refuse } from '$lib/server/forms.ts';
import { learnerId, setLearnerId } from '$lib/server/learner.ts';
import { learnerByCode } from '$lib/server/learnerCodes.ts';
import { hasPractised } from '$lib/server/progress.ts';
import { peekToken, takeToken } from '$lib/server/rateLimit.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	const learner = learnerId(cookies);
	return {
		/** Whether this browser has practice of its own, which continuing elsewhere leaves behind. */
		hasOwnPractice: learner ? await hasPractised(await database(), learner) : false
	};
};

type ResumeEvent = RequestEvent<Record<string, never>, '/resume'>;

export const actions = {
	/**
	 * A resume code from another device in: this browser becomes that learner's. Wrong codes cost
	 * the address a token of the same bucket wrong join and resume codes spend (guessing is slow).
	 */
	continue: async (event: ResumeEvent) => {
		const { request, cookies, url, getClientAddress } = event;
		const form = await formOf(request);
		const typed = form instanceof FormData ? String(form.get('code') ?? '') : '';
		const kept = typed.slice(0, 40);
		const db = await database();
		const now = new Date();
		const address = getClientAddress();
		const limited = await peekToken(db, 'wrong-code', address, now);
		if (limited) {
			return refuse(event, 429, 'rate limited: learner code', {
				code: kept,
				codeProblem: `Too many wrong codes were tried from this network. Wait ${limited.retryAfter} seconds and try again. Nothing was changed.`
			});
		}
		const learner = await learnerByCode(db, typed);
		if (!learner) {
			await takeToken(db, 'wrong-code', address, now);
			return refuse(event, 400, 'wrong learner code', {
				code: kept,
				codeProblem:
					'That code does not match any practice here. A resume code is 10 letters and digits, like ABCDE-23456: the device you practised on shows it under “Continue on another device” on Your progress. Nothing was changed.'
			});
		}
		const current = learnerId(cookies);
		if (current === learner) {
			setFlash(cookies, url, '/progress', {
				status: 'This browser already continues that practice.'
			});
			redirect(303, '/progress');
		}
		const leave = form instanceof FormData && form.get('leave') === 'yes';
		if (current && !leave && (await hasPractised(db, current))) {
			return refuse(event, 409, 'would leave practice behind', {
				code: kept,
				leaveBehind: true
			});
		}
		setLearnerId(cookies, url, learner);
		setFlash(cookies, url, '/progress', {
			status: 'This browser now continues your practice from the other device.'
		});
		redirect(303, '/progress');
	}
} satisfies Actions;
