import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { HighlightState } from '$lib/citations.ts';
import {
	checkInput,
	isBlank,
	rawInputFrom,
	type InvalidReason,
	type RawInput
} from '$lib/quiz/questions.ts';
import { current, type QuizEvent } from '$lib/quiz/quizMachine.ts';
import { assessmentView, reviewView, type AssessmentView, type QuizView } from '$lib/quiz/view.ts';
import {
	openAttempt,
	recordStudentEvent,
	type OpenAttempt
} from '$lib/server/assignmentAttempts.ts';
import {
	attemptsAllowed,
	availability,
	describeSettings,
	formatTime,
	latestAttemptOf,
	revealFor,
	showResumeCode,
	startAssignmentAttempt,
	type Availability
} from '$lib/server/assignments.ts';
import { formOf, invalidMessage, isEnhanced, keptValues, refuse } from '$lib/server/forms.ts';
import { highlightFor } from '$lib/server/highlight.ts';
import { viewOf } from '$lib/server/practice.ts';
import { requireStudent, type StudentContext } from '$lib/server/studentSession.ts';
import type { Actions, PageServerLoad } from './$types';

/** Everything about the student's place in the assignment that changes as they answer. */
export interface StudentState {
	mode: 'practice' | 'assessment';
	availability: Availability;
	attempt: {
		number: number;
		/** ISO time the attempt stops taking answers, if it has a limit or due date. */
		deadline: string | null;
		deadlineWords: string | null;
		deadlineReason: 'time-up' | 'due' | null;
		finished: boolean;
		overdue: boolean;
	} | null;
	attemptsUsed: number;
	/** Null for unlimited. */
	attemptsAllowed: number | null;
	canStart: boolean;
	/** The server's clock when this state was made, so the page can count down from it. */
	serverNow: string;
	practice: QuizView | null;
	assessment: AssessmentView | null;
}

export type Failure = {
	message: string;
	invalid?: InvalidReason;
	values?: RawInput;
	state?: StudentState;
};

async function currentOpen(ctx: StudentContext, now: Date): Promise<OpenAttempt | null> {
	const latest = await latestAttemptOf(ctx.db, ctx.assignment, ctx.module, ctx.student);
	return latest ? openAttempt(ctx.db, ctx.assignment, ctx.module, latest, now) : null;
}

function stateOf(ctx: StudentContext, open: OpenAttempt | null, now: Date): StudentState {
	const a = ctx.assignment;
	const allowed = attemptsAllowed(a, ctx.student);
	const used = open?.attempt.number ?? 0;
	const avail = availability(a, now);
	const snapshot = open?.live.state.snapshot;
	return {
		mode: a.mode,
		availability: avail,
		attempt: open && {
			number: open.attempt.number,
			deadline: open.deadline?.at.toISOString() ?? null,
			deadlineWords: open.deadline ? formatTime(open.deadline.at) : null,
			deadlineReason: open.deadline?.reason ?? null,
			finished: open.finished,
			overdue: open.overdue
		},
		attemptsUsed: used,
		attemptsAllowed: Number.isFinite(allowed) ? allowed : null,
		canStart: avail === 'open' && used < allowed && (!open || open.finished),
		serverNow: now.toISOString(),
		practice: open && a.mode === 'practice' ? viewOf(ctx.module, open.live.state) : null,
		assessment:
			open && snapshot && a.mode === 'assessment'
				? assessmentView(snapshot, open.live.state.seq, revealFor(a, open.finished, now))
				: null
	};
}

export const load: PageServerLoad = async (event) => {
	const ctx = await requireStudent(event);
	const now = new Date();
	const open = await currentOpen(ctx, now);
	const state = stateOf(ctx, open, now);
	const { module, assignment } = ctx;
	const snapshot = open?.live.state.snapshot ?? null;
	// Citation links highlight only what this attempt has earned, and in an assessment only once
	// the reveal rule shows answers (a summary alone would unlock them).
	const shown =
		assignment.mode === 'practice' ||
		(state.assessment?.status === 'submitted' && revealFor(assignment, true, now).answers);
	let highlight: HighlightState = shown
		? highlightFor(module, event.url, snapshot)
		: { kind: 'none' };
	const asked = event.url.searchParams.get('q');
	if (asked && snapshot && !(asked in snapshot.context.progress)) highlight = { kind: 'missing' };
	// Practice's question list reopens a finished question, read-only: `?revisit=<question id>`.
	const revisit = event.url.searchParams.get('revisit');
	const review =
		revisit && snapshot && assignment.mode === 'practice' ? reviewView(snapshot, revisit) : null;
	return {
		state,
		highlight,
		review,
		reviewRefused: revisit !== null && !review,
		reviewing: event.url.searchParams.has('review'),
		assignment: {
			code: assignment.code,
			className: assignment.className,
			settings: describeSettings(assignment, module)
		},
		student: { displayName: ctx.student.displayName, resumeCode: showResumeCode(ctx.resumeCode) },
		module: {
			slug: module.slug,
			title: module.title,
			summary: module.summary,
			article: module.article,
			glossary: module.glossary
		},
		lessonOf: Object.fromEntries(
			module.lessons.flatMap((l) => l.questions.map((q) => [q, l.title]))
		) as Record<string, string>
	};
};

type ActionEvent = RequestEvent<{ code: string }>;

const MOVED_ON =
	'This attempt moved on in another tab or device. Here is where it is now; nothing was lost.';

function lateMessage(open: OpenAttempt): string {
	const when = open.deadline ? formatTime(open.deadline.at) : '';
	return open.deadline?.reason === 'time-up'
		? `The time limit ended at ${when}, so that was not recorded. Your answers saved before then were submitted.`
		: `This assignment was due ${when}, so that was not recorded. Your answers saved before then were submitted.`;
}

type Built = { events: QuizEvent[]; then?: 'review' } | Failure;

/**
 * Every quiz action: find the student's attempt, check the form is for the state on screen and
 * the clock allows it, then record the events in order.
 */
async function act(
	event: ActionEvent,
	build: (form: FormData, open: OpenAttempt, ctx: StudentContext) => Built
) {
	const form = await formOf(event.request);
	if (form === 'too-large') {
		return refuse(event, 413, 'body too large', {
			message: 'That answer was too large to accept. Nothing was recorded; please shorten it.'
		});
	}
	if (!form) {
		return refuse(event, 400, 'not a form', {
			message: 'That request was not a form submission. Nothing was recorded.'
		});
	}
	const ctx = await requireStudent(event);
	const enhanced = isEnhanced(event.request);
	const now = new Date();
	let open = await currentOpen(ctx, now);
	const withState = async (o: OpenAttempt | null) =>
		enhanced ? { state: stateOf(ctx, o, new Date()) } : {};
	if (!open) {
		return refuse(event, 409, 'no attempt', {
			message: 'You have not started yet. Press “Start”.',
			...(await withState(open))
		});
	}
	if (open.finished) {
		return refuse(event, 409, 'finished', {
			message:
				ctx.assignment.mode === 'assessment'
					? 'This attempt has been submitted, so it cannot change.'
					: 'This attempt is finished.',
			...(await withState(open))
		});
	}
	if (open.overdue) {
		return refuse(event, 409, 'late', { message: lateMessage(open), ...(await withState(open)) });
	}
	const seqField = form.get('seq');
	const seq = typeof seqField === 'string' && /^\d{1,9}$/.test(seqField) ? Number(seqField) : NaN;
	if (Number.isNaN(seq)) {
		return refuse(event, 400, 'malformed seq', {
			message:
				'That form was malformed (its step number was missing or not a number). Nothing was recorded; reload the page and try again.',
			...(await withState(open))
		});
	}
	if (seq !== open.live.state.seq) {
		return refuse(event, 409, 'stale seq', { message: MOVED_ON, ...(await withState(open)) });
	}
	const built = build(form, open, ctx);
	if (!('events' in built)) {
		return refuse(event, 400, `invalid answer: ${built.invalid ?? 'wrong question'}`, {
			...built,
			...(await withState(open))
		});
	}
	for (const quizEvent of built.events) {
		const result = await recordStudentEvent(
			ctx.db,
			ctx.assignment,
			ctx.module,
			open.attempt,
			open.live,
			quizEvent,
			new Date()
		);
		if (result.kind === 'late') {
			return refuse(event, 409, 'late', {
				message: lateMessage(result.open),
				...(await withState(result.open))
			});
		}
		if (result.kind === 'refused') {
			return refuse(event, 409, `not now: ${quizEvent.type}`, {
				message: 'That can’t be done at this point.',
				...(await withState(await currentOpen(ctx, new Date())))
			});
		}
		if (result.kind === 'conflict') {
			return refuse(event, 409, 'conflict', {
				message: MOVED_ON,
				...(await withState(await currentOpen(ctx, new Date())))
			});
		}
		open = {
			...open,
			live: { ...open.live, state: result.state },
			// Submitting (or finishing practice) is what the reveal rule looks at.
			finished: open.finished || result.state.snapshot.matches('summary')
		};
	}
	const base = `/join/${ctx.assignment.code}/quiz`;
	if (built.then === 'review') redirect(303, `${base}?review#review`);
	if (enhanced) return { state: stateOf(ctx, open, new Date()) };
	const snapshot = open.live.state.snapshot;
	const anchor = snapshot.matches('summary')
		? 'results'
		: snapshot.matches('feedback')
			? 'feedback'
			: 'question';
	redirect(303, `${base}#${anchor}`);
}

/** Where an assessment's answer form goes after saving: a question number, or a direction. */
function navigation(form: FormData, open: OpenAttempt): QuizEvent[] {
	const then = form.get('then');
	const { context } = open.live.state.snapshot;
	if (then === 'next')
		return context.index < context.questions.length - 1 ? [{ type: 'question.next' }] : [];
	if (then === 'prev') return context.index > 0 ? [{ type: 'question.prev' }] : [];
	if (typeof then === 'string' && /^\d{1,4}$/.test(then)) {
		const index = Number(then) - 1;
		return index >= 0 && index < context.questions.length && index !== context.index
			? [{ type: 'question.goto', index }]
			: [];
	}
	return [];
}

function simple(
	type: 'hint.request' | 'answer.retry' | 'answer.reveal' | 'question.next' | 'question.skip'
) {
	return ((event) => act(event, () => ({ events: [{ type }] }))) satisfies Actions[string];
}

/** Starts the next attempt, if one is allowed and the assignment is open. */
async function begin(event: ActionEvent) {
	const ctx = await requireStudent(event);
	const now = new Date();
	const open = await currentOpen(ctx, now);
	const state = stateOf(ctx, open, now);
	if (!state.canStart) {
		const message =
			state.availability === 'not-yet-open'
				? 'This assignment has not opened yet.'
				: state.availability === 'closed'
					? 'This assignment has closed.'
					: open && !open.finished
						? 'You already have an attempt under way; here it is.'
						: 'You have used every attempt this assignment allows. Your teacher can allow a retake.';
		return refuse(event, 409, 'cannot start', {
			message,
			...(isEnhanced(event.request) ? { state } : {})
		});
	}
	// Two tabs pressing Start at once: one attempt is created, the other request shows it.
	await startAssignmentAttempt(ctx.db, ctx.assignment, ctx.module, ctx.student, now);
	if (isEnhanced(event.request)) {
		return { state: stateOf(ctx, await currentOpen(ctx, new Date()), new Date()) };
	}
	redirect(303, `/join/${ctx.assignment.code}/quiz#question`);
}

export const actions = {
	/** Starts the next attempt, if one is allowed and the assignment is open. */
	start: (event) => begin(event),
	/** Practice's "Practise again": the next attempt, counted like any other. */
	restart: (event) => begin(event),
	/**
	 * Practice: check an answer. Assessment: save it (or clear it, when the field was emptied) and
	 * go where the button said, all in one post, so moving around never loses what was typed.
	 */
	answer: (event) =>
		act(event, (form, open, ctx) => {
			const snapshot = open.live.state.snapshot;
			const question = current(snapshot.context);
			if (form.get('question') !== question.id) {
				return {
					message:
						'That answer was for a different question. Here is the current one; nothing was lost.'
				};
			}
			const raw = rawInputFrom(form);
			const check = checkInput(question, raw);
			if (ctx.assignment.mode === 'practice') {
				if (check.kind === 'invalid') {
					return {
						message: invalidMessage(check.reason, 'saved'),
						invalid: check.reason,
						values: keptValues(raw)
					};
				}
				return { events: [{ type: 'answer.submit', response: check.response }] };
			}
			const recorded = snapshot.context.progress[question.id]?.response ?? null;
			const events: QuizEvent[] = [];
			if (check.kind === 'valid') {
				if (JSON.stringify(check.response) !== JSON.stringify(recorded)) {
					events.push({ type: 'answer.record', questionId: question.id, response: check.response });
				}
			} else if (check.reason === 'unanswered') {
				// What the page shows is what is saved: an emptied answer is no longer an answer.
				if (recorded && (form.get('then') === 'clear' || emptied(raw))) {
					events.push({ type: 'answer.clear', questionId: question.id });
				}
			} else {
				return {
					message: invalidMessage(check.reason, 'saved'),
					invalid: check.reason,
					values: keptValues(raw)
				};
			}
			if (form.get('then') === 'review') return { events, then: 'review' };
			return { events: [...events, ...navigation(form, open)] };
		}),
	/** Assessment: clear the current question's saved answer. */
	clear: (event) =>
		act(event, (_form, open) => {
			const question = current(open.live.state.snapshot.context);
			return { events: [{ type: 'answer.clear', questionId: question.id }] };
		}),
	/** Assessment: hand in. Everything is graded now, through the same grader as practice. */
	submit: (event) => act(event, () => ({ events: [{ type: 'quiz.submit', reason: 'student' }] })),
	hint: simple('hint.request'),
	/** Practice: "Skip for now" (the machine refuses it in an assessment, and for a lesson's last). */
	skip: simple('question.skip'),
	retry: simple('answer.retry'),
	reveal: simple('answer.reveal'),
	next: simple('question.next')
} satisfies Actions;

/** A text answer sent empty: the student erased it (a choice cannot be un-chosen in a form). */
function emptied(raw: RawInput): boolean {
	const text = raw.text;
	return text !== undefined && text.every((t) => isBlank(t));
}
