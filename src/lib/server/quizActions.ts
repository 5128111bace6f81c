/**
 * The steps every self-study quiz form takes, shared by the module page's practice and its review
 * (`/modules/[slug]/review`): read the form, find the learner's attempt, check the form is for the
 * step on screen (`seq`), record the event, and answer with the new state (with JavaScript) or a
 * redirect to it (post/redirect/get, without).
 */
import { redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { Module } from '$lib/content/schema.ts';
import {
	checkInput,
	rawInputFrom,
	type InvalidReason,
	type PublicQuestion,
	type RawInput
} from '$lib/quiz/questions.ts';
import { current, type QuizEvent } from '$lib/quiz/quizMachine.ts';
import { now } from './clock.ts';
import { database, type Db } from './db.ts';
import { formOf, invalidMessage, isEnhanced, keptValues, refuse } from './forms.ts';
import { learnerId } from './learner.ts';
import { recordEvent, type LiveAttempt } from './liveAttempts.ts';

/** A refusal: what the learner is told, and, with JavaScript, where the quiz now is. */
export type QuizFailure<State> = {
	message: string;
	invalid?: InvalidReason;
	values?: RawInput;
	state?: State;
};

const MOVED_ON =
	'This quiz moved on in another tab or window. Here is where it is now; nothing was lost.';

export interface QuizRoute<State> {
	module: Module;
	/** The learner's attempt this page runs (their practice, or their review). */
	attempt: (db: Db, learner: string) => Promise<LiveAttempt | undefined>;
	/** The page's state for an attempt (or none), sent back with JavaScript. */
	state: (attempt: LiveAttempt | undefined, cookies: Cookies) => Promise<State>;
	/** The page, for the redirect without JavaScript: `${path}#anchor`. */
	path: string;
	/** What a form posted before the learner has started is told. */
	notStarted: string;
}

/** Every quiz action: find the attempt, check the form is for the state on screen, record the event. */
export async function recordAction<State>(
	event: RequestEvent,
	route: QuizRoute<State>,
	toEvent: (form: FormData, question: PublicQuestion) => QuizEvent | QuizFailure<State>
) {
	const { request, cookies } = event;
	const { module } = route;
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
	const attempt = learner ? await route.attempt(db, learner) : undefined;
	const enhanced = isEnhanced(request);
	const stateOf = async (a: LiveAttempt | undefined) =>
		enhanced ? { state: await route.state(a, cookies) } : {};
	if (!attempt) {
		return refuse(event, 409, 'no attempt', {
			message: route.notStarted,
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
	const quizEvent = toEvent(form, current(attempt.state.snapshot.context));
	if (!('type' in quizEvent)) {
		return refuse(event, 400, `invalid answer: ${quizEvent.invalid ?? 'wrong question'}`, {
			...quizEvent,
			...(await stateOf(attempt))
		});
	}
	const recorded = await recordEvent(db, module, attempt, quizEvent, now(cookies));
	if (recorded.kind === 'refused') {
		const lastInLesson =
			quizEvent.type === 'question.skip' && attempt.state.snapshot.matches('answering');
		return refuse(event, 409, `not now: ${quizEvent.type}`, {
			message: lastInLesson
				? 'This is the last question left in its lesson, so it cannot be skipped: answer it (a hint may help) to open the next lesson. Nothing was counted.'
				: 'That can’t be done at this point in the quiz.',
			...(await stateOf(attempt))
		});
	}
	if (recorded.kind === 'conflict') {
		// Someone else recorded this step: read the attempt again to show where it is now.
		const latest = await route.attempt(db, learner!);
		return refuse(event, 409, 'conflict', { message: MOVED_ON, ...(await stateOf(latest)) });
	}
	if (enhanced) {
		return { state: await route.state({ ...attempt, state: recorded.state }, cookies) };
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
	redirect(303, `${route.path}#${anchor}`);
}

/** The `answer` form as a quiz event, or why it cannot be one. */
export function answerEvent<State>(
	form: FormData,
	question: PublicQuestion
): QuizEvent | QuizFailure<State> {
	if (form.get('question') !== question.id) {
		return {
			message:
				'That answer was for a different question. Here is the current one; nothing was lost.'
		};
	}
	const raw = rawInputFrom(form);
	const check = checkInput(question, raw);
	if (check.kind === 'invalid') {
		return {
			message: invalidMessage(check.reason, 'counted'),
			invalid: check.reason,
			values: keptValues(raw)
		};
	}
	return { type: 'answer.submit', response: check.response };
}

export function randomSeed(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
