import { error, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { Module } from '$lib/content/schema.ts';
import { rawInputFrom, type InvalidReason, type RawInput } from '$lib/quiz/questions.ts';
import { current, type QuizEvent } from '$lib/quiz/quizMachine.ts';
import { reviewView, type ReviewView } from '$lib/quiz/view.ts';
import { stateOf, type PracticeState } from '$lib/practice/state.ts';
import {
	eventOf,
	isRefusal,
	LAST_IN_LESSON,
	MOVED_ON,
	NOT_NOW,
	type Step,
	type StepRefusal
} from '$lib/practice/steps.ts';
import { startAttempt } from '$lib/server/attempts.ts';
import { database } from '$lib/server/db.ts';
import { highlightFor } from '$lib/server/highlight.ts';
import { attemptKeyOf, ensureLearnerId, learnerId } from '$lib/server/learner.ts';
import { liveAttempt, recordEvent, type LiveAttempt } from '$lib/server/liveAttempts.ts';
import { findModule } from '$lib/server/modules.ts';
import { introView, keyOf, viewOf } from '$lib/server/practice.ts';
import { formOf, isEnhanced, refuse } from '$lib/server/forms.ts';
import { readingMode, setReadingMode } from '$lib/server/preferences.ts';
import { takeToken } from '$lib/server/rateLimit.ts';
import type { Actions, PageServerLoad } from './$types';

function moduleOr404(slug: string): Module {
	const module = findModule(slug);
	if (!module) error(404, `There is no module called “${slug}”.`);
	return module;
}

export type { PracticeState };

async function practiceState(
	module: Module,
	attempt: LiveAttempt | undefined,
	cookies: Cookies
): Promise<PracticeState> {
	const replayed = attempt?.state ?? null;
	const view = replayed ? viewOf(module, replayed) : await introView(module);
	return stateOf(
		keyOf(module),
		view,
		replayed,
		readingMode(cookies),
		attempt ? attemptKeyOf(attempt.id) : null
	);
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
export type Failure = {
	message: string;
	invalid?: InvalidReason;
	values?: RawInput;
	state?: PracticeState;
};

type ActionEvent = RequestEvent<{ slug: string }>;

/** Every quiz action: find the attempt, check the form is for the state on screen, record the event. */
async function record(event: ActionEvent, toStep: (form: FormData) => Step) {
	const { request, params, cookies } = event;
	const module = moduleOr404(params.slug);
	const form = await formOf(request);
	if (form === 'too-large') {
		return refuse(event, 413, 'body too large', {
			message: 'That answer was too large to accept. Nothing was counted; please shorten it.'
		});
	}
	if (!form) {
		return refuse(event, 400, 'not a form', {
			message: 'That request was not a form submission. Nothing was counted.'
		});
	}
	const learner = learnerId(cookies);
	const db = await database();
	const attempt = learner ? await liveAttempt(db, learner, module) : undefined;
	const enhanced = isEnhanced(request);
	const stateOf = async (a: LiveAttempt | undefined) =>
		enhanced ? { state: await practiceState(module, a, cookies) } : {};
	if (!attempt) {
		return refuse(event, 409, 'no attempt', {
			message: 'This practice session has not started yet. Press “Start practice”.',
			...(await stateOf(undefined))
		});
	}
	const seqField = form.get('seq');
	const seq = typeof seqField === 'string' && /^\d{1,9}$/.test(seqField) ? Number(seqField) : NaN;
	if (Number.isNaN(seq)) {
		return refuse(event, 400, 'malformed seq', {
			message:
				'That form was malformed (its step number was missing or not a number). Nothing was counted; reload the page and try again.',
			...(await stateOf(attempt))
		});
	}
	if (seq !== attempt.state.seq) {
		return refuse(event, 409, 'stale seq', { message: MOVED_ON, ...(await stateOf(attempt)) });
	}
	const quizEvent: QuizEvent | StepRefusal = eventOf(
		toStep(form),
		current(attempt.state.snapshot.context)
	);
	if (isRefusal(quizEvent)) {
		return refuse(event, 400, `invalid answer: ${quizEvent.invalid ?? 'wrong question'}`, {
			...quizEvent,
			...(await stateOf(attempt))
		});
	}
	const recorded = await recordEvent(db, module, attempt, quizEvent, new Date());
	if (recorded.kind === 'refused') {
		const lastInLesson =
			quizEvent.type === 'question.skip' && attempt.state.snapshot.matches('answering');
		return refuse(event, 409, `not now: ${quizEvent.type}`, {
			message: lastInLesson ? LAST_IN_LESSON : NOT_NOW,
			...(await stateOf(attempt))
		});
	}
	if (recorded.kind === 'conflict') {
		// Someone else recorded this step: read the attempt again to show where it is now.
		const now = await liveAttempt(db, learner!, module);
		return refuse(event, 409, 'conflict', { message: MOVED_ON, ...(await stateOf(now)) });
	}
	if (enhanced) {
		return { state: await practiceState(module, { ...attempt, state: recorded.state }, cookies) };
	}
	const next = recorded.state.snapshot;
	const anchor =
		quizEvent.type === 'hint.request'
			? 'hints'
			: next.matches('feedback')
				? 'feedback'
				: next.matches('summary')
					? 'summary'
					: 'question';
	redirect(303, `/modules/${module.slug}#${anchor}`);
}

function simple(action: 'hint' | 'retry' | 'reveal' | 'next') {
	return (async (event) => record(event, () => ({ action }))) satisfies Actions[string];
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
			now
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
	answer: async (event) =>
		record(event, (form) => ({
			action: 'answer',
			question: String(form.get('question') ?? ''),
			raw: rawInputFrom(form)
		})),
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
	hint: simple('hint'),
	/**
	 * "Skip for now": the question on screen (named by the form, like an answer) moves to the end
	 * of its lesson. No try is spent and nothing is shown; the machine refuses it for the last
	 * question left in a lesson.
	 */
	skip: async (event) =>
		record(event, (form) => ({ action: 'skip', question: String(form.get('question') ?? '') })),
	retry: simple('retry'),
	reveal: simple('reveal'),
	next: simple('next')
} satisfies Actions;

function randomSeed(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
