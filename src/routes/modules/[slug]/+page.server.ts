import { error, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { Module } from '$lib/content/schema.ts';
import { reviewView, type ReviewView } from '$lib/quiz/view.ts';
import { stateOf, type PracticeState } from '$lib/practice/state.ts';
import type { StepAction } from '$lib/practice/steps.ts';
import { startAttempt } from '$lib/server/attempts.ts';
import { database } from '$lib/server/db.ts';
import { highlightFor } from '$lib/server/highlight.ts';
import { attemptKeyOf, ensureLearnerId, learnerId } from '$lib/server/learner.ts';
import { now as clock } from '$lib/server/clock.ts';
import { liveAttempt, type LiveAttempt } from '$lib/server/liveAttempts.ts';
import { findModule } from '$lib/server/modules.ts';
import { introView, keyOf, viewOf } from '$lib/server/practice.ts';
import { readingMode, setReadingMode } from '$lib/server/preferences.ts';
import { formOf, isEnhanced, refuse } from '$lib/server/forms.ts';
import {
	randomSeed,
	recordAction,
	type QuizFailure,
	type QuizRoute
} from '$lib/server/quizActions.ts';
import { takeToken } from '$lib/server/rateLimit.ts';
import { learnerQueue, queueLine, type QueueLine } from '$lib/server/review.ts';

export type { PracticeState };
import type { Actions, PageServerLoad } from './$types';

function moduleOr404(slug: string): Module {
	const module = findModule(slug);
	if (!module) error(404, `There is no module called “${slug}”.`);
	return module;
}

async function practiceState(
	module: Module,
	attempt: LiveAttempt | undefined,
	cookies: Cookies
): Promise<PracticeState> {
	const replayed = attempt?.state ?? null;
	const view = replayed ? viewOf(module, replayed) : await introView(module);
	const learner = learnerId(cookies);
	const at = clock(cookies);
	const queue: QueueLine = learner
		? queueLine(await learnerQueue(await database(), learner, findModule, at, module.slug), at)
		: { kind: 'none' };
	return {
		...stateOf(
			keyOf(module),
			view,
			replayed,
			readingMode(cookies),
			attempt ? attemptKeyOf(attempt.id) : null
		),
		queue
	};
}

export const load: PageServerLoad = async ({ params, cookies, url, setHeaders }) => {
	const module = moduleOr404(params.slug);
	// A learner's own page: a shared school proxy must never keep or hand it to someone else.
	setHeaders({ 'cache-control': 'private, no-store' });
	const learner = learnerId(cookies);
	const attempt = learner ? await liveAttempt(await database(), learner, module) : undefined;
	const replayed = attempt?.state ?? null;
	// The question list reopens a finished question, read-only: `?revisit=<question id>`.
	const revisit = url.searchParams.get('revisit');
	const review = revisit && replayed ? reviewView(replayed.snapshot, revisit) : null;
	return {
		state: await practiceState(module, attempt, cookies),
		highlight: highlightFor(module, url, replayed?.snapshot ?? null),
		review: review satisfies ReviewView | null,
		/** A revisit link for a question that cannot be reviewed (not finished, or no such one). */
		reviewRefused: revisit !== null && !review
	};
};

/** A refusal: what the learner is told, and, with JavaScript, where the quiz now is. */
export type Failure = QuizFailure<PracticeState>;

type ActionEvent = RequestEvent<{ slug: string }>;

/** The module page's practice, for the shared quiz actions. */
function practiceRoute(module: Module): QuizRoute<PracticeState> {
	return {
		module,
		attempt: (db, learner) => liveAttempt(db, learner, module),
		state: (attempt, cookies) => practiceState(module, attempt, cookies),
		path: `/modules/${module.slug}`,
		notStarted: 'This practice session has not started yet. Press “Start practice”.'
	};
}

/** Every quiz action: find the attempt, check the form is for the state on screen, record the event. */
function step(action: StepAction) {
	return (async (event: ActionEvent) =>
		recordAction(
			event,
			practiceRoute(moduleOr404(event.params.slug)),
			action
		)) satisfies Actions[string];
}

/**
 * `start` and `restart` create attempts, the one thing an anonymous client can make the server
 * store without limit; both are rate-limited per learner and per address.
 */
async function begin(event: ActionEvent, restart: boolean) {
	const { params, cookies, url, request } = event;
	const module = moduleOr404(params.slug);
	const db = await database();
	const existing = learnerId(cookies);
	// Pressing Start twice (or in two tabs) continues the attempt already under way.
	const attempt = existing ? await liveAttempt(db, existing, module) : undefined;
	let learner = existing;
	if (!attempt || restart) {
		const now = new Date();
		const limited =
			(existing ? await takeToken(db, 'learner', existing, now) : null) ??
			(await takeToken(db, 'address', event.getClientAddress(), now));
		if (limited) {
			return refuse(event, 429, `rate limited: ${limited.scope}`, {
				message: `Too many new practice sessions were started from here just now. Please wait ${limited.retryAfter} seconds and try again; nothing was lost.`,
				...(isEnhanced(request) ? { state: await practiceState(module, attempt, cookies) } : {})
			});
		}
		learner = ensureLearnerId(cookies, url);
		await startAttempt(db, {
			learnerId: learner,
			moduleSlug: module.slug,
			seed: randomSeed(),
			now: clock(cookies)
		});
	}
	if (isEnhanced(request)) {
		// The cookie may have been set by this very request: use the id, not the request's cookies.
		const started = learner ? await liveAttempt(db, learner, module) : undefined;
		return { state: await practiceState(module, started, cookies) };
	}
	redirect(303, `/modules/${module.slug}#question`);
}

export const actions = {
	start: (event) => begin(event, false),
	/** A fresh attempt with a new seed; earlier attempts stay in the log. */
	restart: (event) => begin(event, true),
	answer: step('answer'),
	/** Guided reading or the whole article: a preference, kept in a cookie, not part of the quiz. */
	reading: async (event) => {
		const { request, params, cookies, url } = event;
		const module = moduleOr404(params.slug);
		const form = await formOf(request);
		const mode = form instanceof FormData ? form.get('mode') : null;
		if (mode !== 'whole' && mode !== 'guided') {
			return refuse(event, 400, 'bad reading mode', {
				message: 'Choose “whole” or “guided” reading.'
			});
		}
		setReadingMode(cookies, url, mode);
		redirect(303, `/modules/${module.slug}${mode === 'whole' ? '#article-title' : '#practice'}`);
	},
	hint: step('hint'),
	/**
	 * "Skip for now": the question on screen (named by the form, like an answer) moves to the end
	 * of its lesson. No try is spent and nothing is shown; the machine refuses it for the last
	 * question left in a lesson.
	 */
	skip: step('skip'),
	retry: step('retry'),
	reveal: step('reveal'),
	next: step('next')
} satisfies Actions;
