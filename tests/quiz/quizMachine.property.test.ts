/**
 * Property tests: random event sequences over an eight-question quiz (one question of each type),
 * applied to a real actor with the real grader, keep the quiz's invariants after every step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from 'xstate';
import { QUESTION_TYPES } from '../../src/lib/content/terms.ts';
import type { QuestionType, Response } from '../../src/lib/quiz/questions.ts';
import { checkResponse } from '../../src/lib/quiz/questions.ts';
import {
	creditFor,
	current,
	maxScore,
	totalScore,
	type QuizEvent,
	type QuizMachine
} from '../../src/lib/quiz/quizMachine.ts';
import { quizView } from '../../src/lib/quiz/view.ts';
import { responses } from './arbitraries.ts';
import { eightTypes, hintsFrom, startQuiz, submit } from './fixtures.ts';

/**
 * An answer.submit carries a response for every question type and picks the current question's
 * when applied, so about half the submissions are of the right type; `otherType` sends another
 * type's response instead, which must be refused as wrong-type.
 */
type Step =
	| Exclude<QuizEvent, { type: 'answer.submit' }>
	| { type: 'answer.submit'; responses: Record<QuestionType, Response>; otherType: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
	{ arbitrary: fc.constant({ type: 'quiz.start' } as const), weight: 1 },
	{
		arbitrary: fc.record({
			type: fc.constant('answer.submit' as const),
			responses,
			otherType: fc.boolean()
		}),
		weight: 6
	},
	{ arbitrary: fc.constant({ type: 'hint.request' } as const), weight: 2 },
	{ arbitrary: fc.constant({ type: 'answer.retry' } as const), weight: 3 },
	{ arbitrary: fc.constant({ type: 'answer.reveal' } as const), weight: 1 },
	{ arbitrary: fc.constant({ type: 'question.next' } as const), weight: 3 }
);

const settings = fc.record({
	maxTries: fc.integer({ min: 1, max: 3 }),
	hintCost: fc.constantFrom(0, 0.25, 0.5),
	retryPenalty: fc.constantFrom(0, 0.25, 0.5),
	shuffleQuestions: fc.boolean(),
	shuffleChoices: fc.boolean()
});

function toEvent(actor: Actor<QuizMachine>, s: Step): QuizEvent {
	if (s.type !== 'answer.submit') return s;
	const type = current(actor.getSnapshot().context).type;
	const types: readonly QuestionType[] = QUESTION_TYPES;
	const other = types[(types.indexOf(type) + 1) % types.length]!;
	return { type: 'answer.submit', response: s.responses[s.otherType ? other : type] };
}

const hints = hintsFrom(eightTypes);

describe('quizMachine properties', () => {
	it('keeps its invariants under any sequence of events', async () => {
		await fc.assert(
			fc.asyncProperty(
				// Most sequences start the quiz; a few show that nothing happens before quiz.start.
				fc
					.tuple(fc.boolean(), fc.array(step, { maxLength: 60, size: 'max' }))
					.map(([start, rest]): Step[] => (start ? [{ type: 'quiz.start' }, ...rest] : rest)),
				fc.integer(),
				settings,
				async (steps, seed, quizSettings) => {
					const actor = startQuiz(eightTypes, { seed, settings: quizSettings });
					/** Valid submissions the machine accepted, per question: each must become one try. */
					const accepted = new Map<string, number>();
					/** Credit of each question when it was first seen resolved. */
					const settled = new Map<string, number>();

					for (const s of steps) {
						const event = toEvent(actor, s);
						const before = actor.getSnapshot();
						if (!before.can(event)) continue;

						if (event.type === 'answer.submit') {
							const question = current(before.context);
							if (checkResponse(question, event.response).kind === 'valid') {
								accepted.set(question.id, (accepted.get(question.id) ?? 0) + 1);
							}
							await submit(actor, event.response);
						} else {
							actor.send(event);
						}

						const snapshot = actor.getSnapshot();
						const { context } = snapshot;
						expect(snapshot.hasTag('busy')).toBe(false);

						const score = totalScore(context);
						expect(score).toBeGreaterThanOrEqual(0);
						expect(score).toBeLessThanOrEqual(maxScore(context));

						context.questions.forEach((question, position) => {
							const progress = context.progress[question.id]!;
							expect(progress.tries.length).toBeLessThanOrEqual(context.settings.maxTries);
							expect(progress.tries).toHaveLength(accepted.get(question.id) ?? 0);
							for (const { grade } of progress.tries) {
								expect(grade.questionId).toBe(question.id);
							}
							expect(progress.credit).toBeGreaterThanOrEqual(0);
							expect(progress.credit).toBeLessThanOrEqual(question.points);

							// Questions are resolved in order: every earlier one, and the current one
							// once its feedback is final.
							const isCurrent = position === context.index;
							const shouldBeResolved =
								position < context.index ||
								(isCurrent && (snapshot.hasTag('resolved') || snapshot.matches('summary')));
							expect(progress.resolved, question.id).toBe(shouldBeResolved);

							if (progress.resolved) {
								expect(progress.credit).toBe(creditFor(context.settings, progress));
								if (!settled.has(question.id)) settled.set(question.id, progress.credit);
								expect(progress.credit, `${question.id} credit changed`).toBe(
									settled.get(question.id)
								);
							}
						});

						const allResolved = Object.values(context.progress).every((p) => p.resolved);
						if (snapshot.matches('summary')) expect(allResolved).toBe(true);
						// Every question resolved but no summary yet: the last question's feedback.
						if (allResolved && !snapshot.matches('summary')) {
							expect(snapshot.matches('feedback')).toBe(true);
							expect(context.index).toBe(context.questions.length - 1);
						}

						// Correctness never leaks before it is earned.
						const view = quizView(snapshot, 0, hints);
						const earned =
							view.status === 'summary' ||
							(view.status === 'feedback' &&
								(view.result === 'correct' || view.result === 'revealed'));
						if (!earned) expect(view).not.toHaveProperty('explanation');
					}
				}
			),
			{ numRuns: 200 }
		);
	});
});
