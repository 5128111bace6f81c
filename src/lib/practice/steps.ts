/**
 * One step of self-study practice as the learner took it: which button (`action`), on which
 * question, with which form fields. The form actions, the browser's own engine and the events
 * endpoint (the browser's answers, sent on after it has shown the feedback) all turn a step into
 * a quiz event here, so an answer is checked the same way wherever it is checked first.
 */
import {
	checkInput,
	type InvalidReason,
	type PublicQuestion,
	type RawInput
} from '../quiz/questions.ts';
import type { QuizEvent } from '../quiz/quizMachine.ts';
import { invalidMessage, keptValues } from '../quiz/messages.ts';

export const STEP_ACTIONS = ['answer', 'hint', 'retry', 'reveal', 'next', 'skip'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export interface Step {
	action: StepAction;
	/** The question the form was for (answers and skips name it, so a stale form is caught). */
	question?: string;
	/** An answer's form fields. */
	raw?: RawInput;
}

/**
 * The learner's current attempt as the events endpoint gives it and the browser rebuilds it:
 * none yet, or its key, seed and log. A review session's log names its questions: the browser
 * asks them with the review settings (`reviewConfig`).
 */
export type AttemptLog =
	| { attemptKey: null; keyVersion: string }
	| {
			attemptKey: string;
			keyVersion: string;
			seed: number;
			events: QuizEvent[];
			questionIds?: string[];
	  };

/** A step that cannot be taken, with what the learner is told (what they typed is kept). */
export interface StepRefusal {
	message: string;
	invalid?: InvalidReason;
	values?: RawInput;
}

const SIMPLE = {
	hint: 'hint.request',
	retry: 'answer.retry',
	reveal: 'answer.reveal',
	next: 'question.next',
	skip: 'question.skip'
} as const;

export function isStepAction(value: unknown): value is StepAction {
	return typeof value === 'string' && (STEP_ACTIONS as readonly string[]).includes(value);
}

/** The quiz event a step stands for, given the question on screen, or why it is refused. */
export function eventOf(step: Step, current: PublicQuestion): QuizEvent | StepRefusal {
	if (step.action === 'answer') {
		if (step.question !== current.id) {
			return {
				message:
					'That answer was for a different question. Here is the current one; nothing was lost.'
			};
		}
		const raw = step.raw ?? {};
		const check = checkInput(current, raw);
		if (check.kind === 'invalid') {
			return {
				message: invalidMessage(check.reason, 'counted'),
				invalid: check.reason,
				values: keptValues(raw)
			};
		}
		return { type: 'answer.submit', response: check.response };
	}
	if (step.action === 'skip' && step.question !== current.id) {
		return {
			message: 'That skip was for a different question. Here is the current one; nothing was lost.'
		};
	}
	return { type: SIMPLE[step.action] };
}

export function isRefusal(value: QuizEvent | StepRefusal): value is StepRefusal {
	return !('type' in value);
}

export const LAST_IN_LESSON =
	'This is the last question left in its lesson, so it cannot be skipped: answer it (a hint may help) to open the next lesson. Nothing was counted.';
export const NOT_NOW = 'That can’t be done at this point in the quiz.';
export const MOVED_ON =
	'This quiz moved on in another tab or window. Here is where it is now; nothing was lost.';
