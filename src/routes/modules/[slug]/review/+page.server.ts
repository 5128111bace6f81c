/**
 * Review (issue 9): the questions of this module that FSRS says are due, asked through the same
 * quiz machine in review mode, with the same feedback and cited explanations as practice. The
 * actions are practice's (start, answer, hint, retry, reveal, next; see quizActions.ts), against
 * the learner's latest review session instead of their practice.
 */
import { error, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { Module } from '$lib/content/schema.ts';
import { reviewView, type ReviewView } from '$lib/quiz/view.ts';
import { reviewedIn, reviewPhase, type ReviewState } from '$lib/review/session.ts';
import { startAttempt } from '$lib/server/attempts.ts';
import { now as clock } from '$lib/server/clock.ts';
import { database } from '$lib/server/db.ts';
import { isEnhanced, refuse } from '$lib/server/forms.ts';
import { highlightFor } from '$lib/server/highlight.ts';
import { attemptKeyOf, learnerId } from '$lib/server/learner.ts';
import { liveReviewAttempt, type LiveAttempt } from '$lib/server/liveAttempts.ts';
import { findModule } from '$lib/server/modules.ts';
import { viewOf } from '$lib/server/practice.ts';
import {
	randomSeed,
	recordAction,
	type QuizFailure,
	type QuizRoute
} from '$lib/server/quizActions.ts';
import { takeToken } from '$lib/server/rateLimit.ts';
import { learnerQueue, queueLine } from '$lib/server/review.ts';
import type { Actions, PageServerLoad } from './$types';

function moduleOr404(slug: string): Module {
	const module = findModule(slug);
	if (!module) error(404, `There is no module called “${slug}”.`);
	return module;
}

export type { ReviewState };

async function reviewState(
	module: Module,
	attempt: LiveAttempt | undefined,
	cookies: Cookies
): Promise<ReviewState> {
	const learner = learnerId(cookies);
	const now = clock(cookies);
	const queue = learner
		? queueLine(await learnerQueue(await database(), learner, findModule, now, module.slug), now)
		: ({ kind: 'none' } as const);
	const snapshot = attempt?.state.snapshot;
	const phase = reviewPhase(snapshot, queue);
	const shown = phase === 'active' || phase === 'finished';
	return {
		phase,
		view: shown && attempt ? viewOf(module, attempt.state) : null,
		attemptKey: shown && attempt ? attemptKeyOf(attempt.id) : null,
		reviewed: shown && snapshot ? reviewedIn(snapshot) : 0,
		queue
	};
}

export const load: PageServerLoad = async ({ params, cookies, url, setHeaders }) => {
	const module = moduleOr404(params.slug);
	setHeaders({ 'cache-control': 'private, no-store' });
	const learner = learnerId(cookies);
	const attempt = learner ? await liveReviewAttempt(await database(), learner, module) : undefined;
	const state = await reviewState(module, attempt, cookies);
	const snapshot = state.phase === 'active' ? attempt!.state.snapshot : null;
	const revisit = url.searchParams.get('revisit');
	const review = revisit && snapshot ? reviewView(snapshot, revisit) : null;
	return {
		state,
		highlight: highlightFor(module, url, attempt?.state.snapshot ?? null),
		review: review satisfies ReviewView | null,
		reviewRefused: revisit !== null && !review
	};
};

export type Failure = QuizFailure<ReviewState>;

type ActionEvent = RequestEvent<{ slug: string }>;

function reviewRoute(module: Module): QuizRoute<ReviewState> {
	return {
		module,
		attempt: (db, learner) => liveReviewAttempt(db, learner, module),
		state: (attempt, cookies) => reviewState(module, attempt, cookies),
		path: `/modules/${module.slug}/review`,
		notStarted: 'This review has not started yet. Press “Start review”.'
	};
}

function step(action: 'answer' | 'hint' | 'retry' | 'reveal' | 'next') {
	return (async (event: ActionEvent) =>
		recordAction(
			event,
			reviewRoute(moduleOr404(event.params.slug)),
			action
		)) satisfies Actions[string];
}

export const actions = {
	/**
	 * Starts a review of the questions due now (continuing one under way instead). Rate-limited
	 * like starting practice: it creates an attempt.
	 */
	start: async (event) => {
		const { params, cookies, request } = event;
		const module = moduleOr404(params.slug);
		const db = await database();
		const learner = learnerId(cookies);
		let attempt = learner ? await liveReviewAttempt(db, learner, module) : undefined;
		const enhanced = isEnhanced(request);
		if (!attempt || attempt.state.snapshot.matches('summary')) {
			const now = clock(cookies);
			const queue = learner
				? await learnerQueue(db, learner, findModule, now, module.slug)
				: { due: [] };
			if (!learner || !queue.due.length) {
				return refuse(event, 409, 'nothing due', {
					message: 'Nothing is due for review now; nothing was started.',
					...(enhanced ? { state: await reviewState(module, attempt, cookies) } : {})
				});
			}
			const real = new Date();
			const limited =
				(await takeToken(db, 'learner', learner, real)) ??
				(await takeToken(db, 'address', event.getClientAddress(), real));
			if (limited) {
				return refuse(event, 429, `rate limited: ${limited.scope}`, {
					message: `Too many new sessions were started from here just now. Please wait ${limited.retryAfter} seconds and try again; nothing was lost.`,
					...(enhanced ? { state: await reviewState(module, attempt, cookies) } : {})
				});
			}
			const due = new Set(queue.due.map((c) => c.questionId));
			await startAttempt(db, {
				learnerId: learner,
				moduleSlug: module.slug,
				seed: randomSeed(),
				now,
				reviewOf: module.questions.filter((q) => due.has(q.id)).map((q) => q.id)
			});
			attempt = await liveReviewAttempt(db, learner, module);
		}
		if (enhanced) return { state: await reviewState(module, attempt, cookies) };
		redirect(303, `/modules/${module.slug}/review#question`);
	},
	answer: step('answer'),
	hint: step('hint'),
	retry: step('retry'),
	reveal: step('reveal'),
	next: step('next')
} satisfies Actions;
