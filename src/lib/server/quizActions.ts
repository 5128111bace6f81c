/**
 * The steps every self-study quiz form takes, shared by the module page's practice and its review
 * (`/modules/[slug]/review`): read the form, find the learner's attempt, check the form is for the
 * step on screen (`seq`), record the event, and answer with the new state (with JavaScript) or a
 * redirect to it (post/redirect/get, without).
 */
import { redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { Module } from '$lib/content/schema.ts';
import { rawInputFrom, type InvalidReason, type RawInput } from '$lib/quiz/questions.ts';
import { current } from '$lib/quiz/quizMachine.ts';
import {
	eventOf,
	isRefusal,
	LAST_IN_LESSON,
	MOVED_ON,
	NOT_NOW,
	type Step,
	type StepAction
} from '$lib/practice/steps.ts';
import { now } from './clock.ts';
import { database, type Db } from './db.ts';
import { formOf, isEnhanced, refuse } from './forms.ts';
import { learnerId } from './learner.ts';
import { recordEvent, type LiveAttempt } from './liveAttempts.ts';

/** A refusal: what the learner is told, and, with JavaScript, where the quiz now is. */
export type QuizFailure<State> = {
	message: string;
	invalid?: InvalidReason;
	values?: RawInput;
	state?: State;
};

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
	action: StepAction
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
	// The same step, checked the same way, as the browser's own engine takes it (steps.ts).
	const quizEvent = eventOf(stepOf(action, form), current(attempt.state.snapshot.context));
	if (isRefusal(quizEvent)) {
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
			message: lastInLesson ? LAST_IN_LESSON : NOT_NOW,
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

/** A quiz form as the step it stands for: its button, its question and (an answer's) fields. */
export function stepOf(action: StepAction, form: FormData): Step {
	const question = form.get('question');
	return {
		action,
		...(typeof question === 'string' ? { question } : {}),
		...(action === 'answer' ? { raw: rawInputFrom(form) } : {})
	};
}

export function randomSeed(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
