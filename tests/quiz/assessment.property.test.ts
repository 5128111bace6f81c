/**
 * Property tests for both modes over an eight-question quiz (one question of each type), with
 * random event sequences that mix both modes' events:
 *
 * - an attempt rebuilt from its log (a fresh actor, the same seed, the events it accepted) is the
 *   attempt that was played, in practice and in assessment mode, even when the grader fails;
 * - an assessment shows nothing from the key or a grade before it is submitted, in any snapshot
 *   (submitting included), whatever the reveal rule says;
 * - after submission it shows the score and the key only as far as the reveal rule allows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, SnapshotFrom } from 'xstate';
import { QUESTION_TYPES } from '../../src/lib/content/terms.ts';
import type { Grade } from '../../src/lib/quiz/grade.ts';
import type { Question, QuestionType, Response } from '../../src/lib/quiz/questions.ts';
import {
	current,
	totalScore,
	type GradeInput,
	type QuizEvent,
	type QuizMachine,
	type QuizMode
} from '../../src/lib/quiz/quizMachine.ts';
import { assessmentView, type AssessmentView, type Reveal } from '../../src/lib/quiz/view.ts';
import { responses } from './arbitraries.ts';
import {
	correctResponse,
	eightTypes,
	realGrader,
	settle,
	startQuiz,
	wrongResponse
} from './fixtures.ts';

type QuizSnapshot = SnapshotFrom<QuizMachine>;

/**
 * A step names its response by question type and picks the right one when applied (or, with
 * `otherType`, another type's, which must be refused as wrong-type). `question` is a place in the
 * order shown; one past the end names a question the quiz does not have.
 */
type Step =
	| { type: 'quiz.start' }
	| { type: 'answer.submit'; responses: Record<QuestionType, Response>; otherType: boolean }
	| { type: 'hint.request' }
	| { type: 'answer.retry' }
	| { type: 'answer.reveal' }
	| { type: 'question.next' }
	| {
			type: 'answer.record';
			question: number;
			responses: Record<QuestionType, Response>;
			otherType: boolean;
	  }
	| { type: 'answer.clear'; question: number }
	| { type: 'question.goto'; index: number }
	| { type: 'question.prev' }
	| { type: 'quiz.submit'; reason?: 'student' | 'time-up' | 'due' };

const n = eightTypes.length;
const question = fc.integer({ min: 0, max: n });

/** For each type, the response that question of `eightTypes` takes as right, or as wrong. */
const keyed = (response: (q: Question) => Response) =>
	Object.fromEntries(eightTypes.map((q) => [q.type, response(q)])) as Record<
		QuestionType,
		Response
	>;
/** Random responses, mostly invalid, and now and then a right or a wrong one throughout. */
const someResponses = fc.oneof(
	{ arbitrary: responses, weight: 2 },
	{ arbitrary: fc.constant(keyed(correctResponse)), weight: 1 },
	{ arbitrary: fc.constant(keyed(wrongResponse)), weight: 1 }
);

const practiceStep: fc.Arbitrary<Step> = fc.oneof(
	{
		arbitrary: fc.record({
			type: fc.constant('answer.submit' as const),
			responses: someResponses,
			otherType: fc.boolean()
		}),
		weight: 6
	},
	{ arbitrary: fc.constant({ type: 'hint.request' } as const), weight: 2 },
	{ arbitrary: fc.constant({ type: 'answer.retry' } as const), weight: 3 },
	{ arbitrary: fc.constant({ type: 'answer.reveal' } as const), weight: 1 }
);

const assessmentStep: fc.Arbitrary<Step> = fc.oneof(
	{
		arbitrary: fc.record({
			type: fc.constant('answer.record' as const),
			question,
			responses: someResponses,
			otherType: fc.boolean()
		}),
		weight: 8
	},
	{ arbitrary: fc.record({ type: fc.constant('answer.clear' as const), question }), weight: 2 },
	{
		arbitrary: fc.record({
			type: fc.constant('question.goto' as const),
			index: fc.integer({ min: -1, max: n })
		}),
		weight: 3
	},
	{ arbitrary: fc.constant({ type: 'question.prev' } as const), weight: 2 }
);

const submitStep: fc.Arbitrary<Step> = fc
	.constantFrom(undefined, 'student', 'time-up', 'due')
	.map((reason): Step => (reason ? { type: 'quiz.submit', reason } : { type: 'quiz.submit' }));

/** Mostly the mode's own events, but also the other mode's, which it must refuse. */
const stepFor = (mode: QuizMode): fc.Arbitrary<Step> =>
	fc.oneof(
		{ arbitrary: practiceStep, weight: mode === 'practice' ? 8 : 2 },
		{ arbitrary: assessmentStep, weight: mode === 'assessment' ? 8 : 2 },
		{ arbitrary: fc.constant({ type: 'question.next' } as const), weight: 3 },
		{ arbitrary: submitStep, weight: 1 },
		{ arbitrary: fc.constant({ type: 'quiz.start' } as const), weight: 1 }
	);

const settings = fc.record({
	maxTries: fc.integer({ min: 1, max: 3 }),
	hintCost: fc.constantFrom(0, 0.25),
	retryPenalty: fc.constantFrom(0, 0.25),
	shuffleQuestions: fc.boolean(),
	shuffleChoices: fc.boolean()
});

/** Most sequences start the quiz. */
const sequence = (step: fc.Arbitrary<Step>, maxLength: number) =>
	fc
		.tuple(fc.boolean(), fc.array(step, { maxLength, size: 'max' }))
		.map(([start, rest]): Step[] => (start ? [{ type: 'quiz.start' }, ...rest] : rest));

function toEvent(actor: Actor<QuizMachine>, s: Step): QuizEvent {
	const { context } = actor.getSnapshot();
	const pick = (type: QuestionType, from: Record<QuestionType, Response>, other: boolean) => {
		const types: readonly QuestionType[] = QUESTION_TYPES;
		return from[other ? types[(types.indexOf(type) + 1) % types.length]! : type];
	};
	switch (s.type) {
		case 'answer.submit':
			return {
				type: 'answer.submit',
				response: pick(current(context).type, s.responses, s.otherType)
			};
		case 'answer.record': {
			const q = context.questions[s.question];
			return {
				type: 'answer.record',
				questionId: q?.id ?? 'not-in-this-quiz',
				response: pick(q?.type ?? 'single-choice', s.responses, s.otherType)
			};
		}
		case 'answer.clear':
			return {
				type: 'answer.clear',
				questionId: context.questions[s.question]?.id ?? 'not-in-this-quiz'
			};
		default:
			return s;
	}
}

/**
 * The real grader, failing on every `failEvery`-th call (never when 0). It fails by call count, so
 * a replay, which makes the same calls in the same order, fails at the same places.
 */
function flakyGrader(failEvery: number) {
	const grade = realGrader(eightTypes);
	let calls = 0;
	return async (input: GradeInput): Promise<Grade> => {
		calls++;
		if (failEvery > 0 && calls % failEvery === 0) throw new Error('grader down');
		return grade(input);
	};
}

const PRACTICE_ONLY = ['answer.submit', 'hint.request', 'answer.retry', 'answer.reveal'];
const ASSESSMENT_ONLY = [
	'answer.record',
	'answer.clear',
	'question.goto',
	'question.prev',
	'quiz.submit'
];

describe('replaying a log', () => {
	it.each(['practice', 'assessment'] as const)(
		'rebuilds the same %s attempt: same state, progress and score',
		async (mode: QuizMode) => {
			let rebuilt = 0;
			const replayed = new Set<string>();
			const reached = new Set<string>();
			await fc.assert(
				fc.asyncProperty(
					sequence(stepFor(mode), 50),
					fc.integer(),
					settings,
					fc.constantFrom(0, 0, 2, 3),
					async (steps, seed, quizSettings, failEvery) => {
						const options = { seed, settings: { ...quizSettings, mode } };
						const live = startQuiz(eightTypes, { ...options, grader: flakyGrader(failEvery) });
						live.subscribe((snapshot) => reached.add(JSON.stringify(snapshot.value)));
						/** What the server logs: the events the attempt accepted. */
						const log: QuizEvent[] = [];
						for (const s of steps) {
							const event = toEvent(live, s);
							if (!live.getSnapshot().can(event)) continue;
							log.push(event);
							await settle(live, event);
						}
						// Neither mode ever takes the other's events.
						const foreign = mode === 'practice' ? ASSESSMENT_ONLY : PRACTICE_ONLY;
						expect(log.filter((e) => foreign.includes(e.type))).toEqual([]);

						const replay = startQuiz(eightTypes, { ...options, grader: flakyGrader(failEvery) });
						for (const event of log) {
							expect(replay.getSnapshot().can(event), event.type).toBe(true);
							await settle(replay, event);
						}

						const [a, b] = [live.getSnapshot(), replay.getSnapshot()];
						expect(b.value).toEqual(a.value);
						expect(b.context.progress).toEqual(a.context.progress);
						expect(b.context).toEqual(a.context);
						expect(totalScore(b.context)).toBe(totalScore(a.context));
						if (log.length > 3) rebuilt++;
						for (const event of log) replayed.add(event.type);
					}
				),
				// A fixed seed: the coverage checks below (every event replayed, a grading failure
				// reached) are about these 100 runs, and must not depend on luck.
				{ numRuns: 100, seed: 20261202 }
			);
			// The property was about real attempts, not only refused events: every event of the
			// mode was replayed, and the grader's failures were among them.
			expect(rebuilt).toBeGreaterThan(20);
			const own = [
				'quiz.start',
				'question.next',
				...(mode === 'practice' ? PRACTICE_ONLY : ASSESSMENT_ONLY)
			];
			expect([...replayed].sort()).toEqual(own.sort());
			expect(reached).toContain(
				JSON.stringify(
					mode === 'practice' ? { answering: 'gradingFailed' } : { assessing: 'gradingFailed' }
				)
			);
			if (mode === 'assessment') expect(reached).toContain(JSON.stringify('summary'));
		}
	);
});

/** Keys a view may never carry before an assessment is submitted. */
const GRADE_KEYS = [
	'outcome',
	'earned',
	'explanation',
	'cites',
	'answer',
	'rationales',
	'correct',
	'credit'
];

/** Texts only the answer key holds: every explanation and every wrong choice's rationale. */
const KEY_TEXTS = eightTypes.flatMap((q) => [
	q.explanation,
	...('choices' in q ? q.choices.flatMap((c) => (c.rationale ? [c.rationale] : [])) : []),
	...(q.type === 'two-part'
		? q.partB.choices.flatMap((c) => (c.rationale ? [c.rationale] : []))
		: [])
]);

/**
 * Every key of every object in `value`, however deep, except inside the fields named in `skip`
 * (whose own names are still listed).
 */
function keysIn(value: unknown, skip: string[] = []): string[] {
	if (Array.isArray(value)) return value.flatMap((v) => keysIn(v, skip));
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, v]) => [
		key,
		...(skip.includes(key) ? [] : keysIn(v, skip))
	]);
}

const reveal: fc.Arbitrary<Reveal> = fc.record({ score: fc.boolean(), answers: fc.boolean() });

describe('assessmentView', () => {
	it('shows nothing from the key or a grade before submission, whatever the reveal rule', async () => {
		let checked = 0;
		await fc.assert(
			fc.asyncProperty(
				// Submissions here go to a grader that fails partway (or at once), so the assessment
				// is never submitted, but some snapshots are taken mid-submission with grades held.
				sequence(fc.oneof(assessmentStep, assessmentStep, submitStep), 40),
				fc.integer(),
				settings,
				fc.constantFrom(1, 2, 3),
				reveal,
				async (steps, seed, quizSettings, failEvery, rule) => {
					const grade = realGrader(eightTypes);
					/** The call of the current submission that fails, and every one after it. */
					let failAt = 0;
					let calls = 0;
					const actor = startQuiz(eightTypes, {
						seed,
						settings: { ...quizSettings, mode: 'assessment' },
						grader: async (input) => {
							if (++calls >= failAt) throw new Error('grader down');
							return grade(input);
						}
					});
					const seen: QuizSnapshot[] = [actor.getSnapshot()];
					actor.subscribe((snapshot) => seen.push(snapshot));
					for (const s of steps) {
						const event = toEvent(actor, s);
						if (event.type === 'quiz.submit') {
							const { progress } = actor.getSnapshot().context;
							const answered = Object.values(progress).filter((p) => p.response).length;
							// With nothing to grade, a submission cannot fail; leave it out.
							if (answered === 0) continue;
							// Some answers graded and held, then a failure before the last one.
							failAt = Math.min(failEvery, answered);
							calls = 0;
						}
						await settle(actor, event);
					}
					expect(actor.getSnapshot().matches('summary')).toBe(false);

					for (const snapshot of seen) {
						const view = assessmentView(snapshot, 0, rule);
						expectNothingFromTheKey(view, snapshot);
						checked++;
					}
				}
			),
			{ numRuns: 150 }
		);
		expect(checked).toBeGreaterThan(1000);
	});

	it('shows no score and no key after submission when the reveal rule allows neither', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(assessmentStep, { maxLength: 30, size: 'max' }),
				fc.integer(),
				settings,
				submitStep,
				async (steps, seed, quizSettings, submit) => {
					const actor = startQuiz(eightTypes, {
						seed,
						settings: { ...quizSettings, mode: 'assessment' }
					});
					actor.send({ type: 'quiz.start' });
					for (const s of steps) actor.send(toEvent(actor, s));
					await settle(actor, toEvent(actor, submit));
					const snapshot = actor.getSnapshot();
					expect(snapshot.matches('summary')).toBe(true);

					const hidden = assessmentView(snapshot, 0, { score: false, answers: false });
					const json = JSON.stringify(hidden);
					expect(
						keysIn(hidden).filter((k) => [...GRADE_KEYS, 'score', 'maxScore'].includes(k))
					).toEqual([]);
					for (const text of KEY_TEXTS) expect(json).not.toContain(text);

					// With the score alone: the score, and still nothing of the key.
					const scored = assessmentView(snapshot, 0, { score: true, answers: false });
					expect(scored).toMatchObject({ score: totalScore(snapshot.context) });
					expect(
						keysIn(scored).filter((k) =>
							['outcome', 'earned', 'explanation', 'cites', 'answer', 'rationales'].includes(k)
						)
					).toEqual([]);
					for (const text of KEY_TEXTS) expect(JSON.stringify(scored)).not.toContain(text);

					// The check can fail: revealing everything does show the key of each answered question.
					const shown = assessmentView(snapshot, 0, { score: true, answers: true });
					if (shown.status !== 'submitted') throw new Error('expected submitted');
					const answered = snapshot.context.questions.filter(
						(q) => snapshot.context.progress[q.id]!.response !== null
					);
					expect(shown.questions.filter((q) => q.explanation !== undefined)).toHaveLength(
						answered.length
					);
				}
			),
			{ numRuns: 150 }
		);
	});
});

/**
 * An assessing (or intro) view: no grade or key field anywhere, no text of the key. The only field
 * that may hold a key named `answer` is the learner's own true/false response, so `response` is
 * skipped, and checked to be exactly the answer recorded.
 */
function expectNothingFromTheKey(view: AssessmentView, snapshot: QuizSnapshot) {
	expect(view.status).not.toBe('submitted');
	expect(keysIn(view, ['response']).filter((k) => GRADE_KEYS.includes(k))).toEqual([]);
	expect(view).not.toHaveProperty('score');
	const json = JSON.stringify(view);
	for (const text of KEY_TEXTS) expect(json).not.toContain(text);
	if (view.status === 'assessing') {
		const { context } = snapshot;
		expect(view.response).toEqual(context.progress[current(context).id]!.response);
	}
}
