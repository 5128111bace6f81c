/**
 * What the browser's own quiz engine needs from the server, and how its answers come back:
 * the practice key, the attempt's log, and a step sent on after the browser has already shown
 * its feedback. The server replays every step as it always has; its replay is the record, and it
 * answers each step with its digest so the browser can tell if the two ever disagree.
 *
 * The same for both of a learner's self-study attempts at a module: their practice, and their
 * latest review session (its questions and review settings come with its log).
 */
import { createHash } from 'node:crypto';
import type { Module } from '$lib/content/schema.ts';
import { digestOf } from '$lib/quiz/engine.ts';
import type { Question } from '$lib/quiz/questions.ts';
import { current, type QuizEvent } from '$lib/quiz/quizMachine.ts';
import {
	eventOf,
	isRefusal,
	isStepAction,
	MOVED_ON,
	NOT_NOW,
	type AttemptLog,
	type Step
} from '$lib/practice/steps.ts';
import { eventsFrom } from './attempts.ts';
import type { Db } from './db.ts';
import { attemptKeyOf } from './learner.ts';
import { liveAttempt, liveReviewAttempt, recordEvent, type LiveAttempt } from './liveAttempts.ts';
import { replay } from './practice.ts';
import { findModule } from './modules.ts';
import { learnerQueue, queueLine, type QueueLine } from './review.ts';

export interface PracticeKey {
	/** Changes whenever the questions or lessons do, so a browser knows its copy is current. */
	version: string;
	questions: Question[];
	lessons: Module['lessons'];
}

const practiceKeys = new WeakMap<Module, PracticeKey>();

export function practiceKeyOf(module: Module): PracticeKey {
	let key = practiceKeys.get(module);
	if (!key) {
		const body = { questions: module.questions, lessons: module.lessons };
		const version = createHash('sha256')
			.update(JSON.stringify([body, module.article.paragraphs]))
			.digest('base64url')
			.slice(0, 16);
		key = { version, ...body };
		practiceKeys.set(module, key);
	}
	return key;
}

/**
 * Which of the learner's attempts at a module the browser runs: their practice (the module
 * page's), or their latest review session (the review page's).
 */
export type LocalKind = 'practice' | 'review';

const WORDS: Record<LocalKind, { noAttempt: string; restarted: string }> = {
	practice: {
		noAttempt: 'This practice session is not on the server. Press “Start practice”.',
		restarted: 'This practice was started again in another tab or window. Here is where it is now.'
	},
	review: {
		noAttempt: 'This review session is not on the server. Press “Start review”.',
		restarted: 'A new review was started in another tab or window. Here is where it is now.'
	}
};

async function attemptOf(
	db: Db,
	learner: string | undefined,
	module: Module,
	kind: LocalKind
): Promise<(LiveAttempt & { questionIds?: string[] }) | undefined> {
	if (!learner) return undefined;
	return kind === 'review'
		? liveReviewAttempt(db, learner, module)
		: liveAttempt(db, learner, module);
}

export async function attemptLog(
	db: Db,
	learner: string | undefined,
	module: Module,
	kind: LocalKind = 'practice'
): Promise<AttemptLog> {
	const keyVersion = practiceKeyOf(module).version;
	const attempt = await attemptOf(db, learner, module, kind);
	if (!attempt) return { attemptKey: null, keyVersion };
	return {
		attemptKey: attemptKeyOf(attempt.id),
		keyVersion,
		seed: attempt.seed,
		events: await eventsFrom(db, attempt.id),
		...(attempt.questionIds ? { questionIds: attempt.questionIds } : {})
	};
}

/** A step as the browser sends it: which attempt, which step number, the step and its event. */
export interface SentStep {
	attempt: string;
	seq: number;
	step: Step;
	/** The event the browser made of the step: how a step already recorded is recognised. */
	event: QuizEvent;
}

/** Checks the shape of a sent step; a message saying what is wrong otherwise. */
export function parseSentStep(body: unknown): SentStep | string {
	if (typeof body !== 'object' || body === null) return 'The request was not a step.';
	const { attempt, seq, step, event } = body as Record<string, unknown>;
	if (typeof attempt !== 'string' || attempt.length > 64) return 'The step named no attempt.';
	if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0 || seq > 1e6) {
		return 'The step number was missing or not a number.';
	}
	if (typeof step !== 'object' || step === null) return 'The step was missing.';
	const { action, question, raw } = step as Record<string, unknown>;
	if (!isStepAction(action)) return 'The step’s button was not one of the quiz’s.';
	if (question !== undefined && typeof question !== 'string')
		return 'The step’s question was not a name.';
	if (raw !== undefined && !isRawInput(raw)) return 'The answer’s fields were malformed.';
	if (
		typeof event !== 'object' ||
		event === null ||
		typeof (event as { type?: unknown }).type !== 'string'
	) {
		return 'The step’s event was missing.';
	}
	return {
		attempt,
		seq,
		step: { action, question: question as string | undefined, raw: raw as Step['raw'] },
		event: event as QuizEvent
	};
}

function isRawInput(value: unknown): boolean {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const entries = Object.entries(value);
	return (
		entries.length <= 100 &&
		entries.every(
			([name, values]) =>
				name.length <= 100 &&
				Array.isArray(values) &&
				values.length <= 100 &&
				values.every((v) => typeof v === 'string' && v.length <= 10_000)
		)
	);
}

export type StepResult =
	/** Recorded now, or recorded before (the same event at the same step): either way, once. */
	| {
			result: 'recorded' | 'duplicate';
			seq: number;
			digest: string;
			keyVersion: string;
			/**
			 * How many steps the log holds now. More than `seq` after a duplicate means another tab
			 * took the same step and went on: the browser then shows where the quiz is.
			 */
			head: number;
			/** The module's review queue after this step, for the line beside "Your progress". */
			queue: QueueLine;
	  }
	/** Another tab moved the quiz on, or restarted it: the browser rebuilds from the log. */
	| { result: 'conflict'; message: string; seq: number }
	/** The server's replay would not take this step: the record says otherwise. */
	| { result: 'refused'; message: string; seq: number }
	| { result: 'no-attempt'; message: string };

/**
 * Records a step the browser has already taken, in the learner's practice or their latest review
 * session (`kind`). Exactly once: a step number already in the log with the same event is
 * acknowledged again without writing; the same number with another event means another tab got
 * there first.
 */
export async function recordSentStep(
	db: Db,
	learner: string | undefined,
	module: Module,
	sent: SentStep,
	now: Date,
	kind: LocalKind = 'practice'
): Promise<StepResult> {
	const attempt = await attemptOf(db, learner, module, kind);
	if (!attempt) return { result: 'no-attempt', message: WORDS[kind].noAttempt };
	const keyVersion = practiceKeyOf(module).version;
	const seq = attempt.state.seq;
	if (attemptKeyOf(attempt.id) !== sent.attempt) {
		return { result: 'conflict', message: WORDS[kind].restarted, seq };
	}
	if (sent.seq < seq) {
		const [stored] = await eventsFrom(db, attempt.id, sent.seq);
		if (stored && canonical(stored) === canonical(sent.event)) {
			const upTo = await eventsFrom(db, attempt.id);
			const replayed = await replay(
				module,
				attempt.seed,
				upTo.slice(0, sent.seq + 1),
				attempt.config
			);
			return {
				result: 'duplicate',
				seq: sent.seq + 1,
				head: seq,
				digest: digestOf(replayed),
				keyVersion,
				queue: await queueOf(db, learner!, module, now)
			};
		}
		return { result: 'conflict', message: MOVED_ON, seq };
	}
	if (sent.seq > seq) {
		return {
			result: 'conflict',
			message: 'Some earlier answers from this device have not reached the server yet.',
			seq
		};
	}
	const event = eventOf(sent.step, current(attempt.state.snapshot.context));
	if (isRefusal(event)) return { result: 'refused', message: event.message, seq };
	const recorded = await recordEvent(db, module, attempt, event, now);
	if (recorded.kind === 'refused') return { result: 'refused', message: NOT_NOW, seq };
	if (recorded.kind === 'conflict') return { result: 'conflict', message: MOVED_ON, seq };
	return {
		result: 'recorded',
		seq: recorded.state.seq,
		head: recorded.state.seq,
		digest: digestOf(recorded.state),
		keyVersion,
		queue: await queueOf(db, learner!, module, now)
	};
}

async function queueOf(db: Db, learner: string, module: Module, now: Date): Promise<QueueLine> {
	return queueLine(await learnerQueue(db, learner, findModule, now, module.slug), now);
}

/** JSON with its keys sorted, so two writings of the same event compare equal. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
			: v
	);
}
