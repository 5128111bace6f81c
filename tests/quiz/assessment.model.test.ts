/**
 * Model-based tests of assessment mode, in two parts.
 *
 * 1. As in quizMachine.model.test.ts: `xstate/graph` walks every reachable snapshot of a
 *    two-question assessment, and each shortest path is replayed against a real actor, checking
 *    at every step that the actor is where the model says it is, with the same context. The
 *    grader's outcomes are events the path chooses (`xstate.done.actor.grader`,
 *    `xstate.error.actor.grader`); the real actor's grader waits for them.
 * 2. Random walks of record / clear / goto / next / prev / submit over a quiz of every question
 *    type, against a reference model small enough to be obviously right: a map of answers, an
 *    index, and the rule that a correct answer earns its points and a wrong one nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	createActor,
	fromPromise,
	waitFor,
	type Actor,
	type ActorLogic,
	type DoneActorEvent,
	type ErrorActorEvent,
	type SnapshotFrom
} from 'xstate';
import { getStateNodes, serializeSnapshot, TestModel, type TestParam } from 'xstate/graph';
import { graderFor, type Grade } from '../../src/lib/quiz/grade.ts';
import {
	toPublic,
	type InvalidReason,
	type Question,
	type Response
} from '../../src/lib/quiz/questions.ts';
import {
	maxScore,
	nextToGrade,
	quizMachine,
	totalScore,
	type GradeInput,
	type QuizEvent,
	type QuizInput,
	type QuizMachine,
	type SubmitReason
} from '../../src/lib/quiz/quizMachine.ts';
import {
	correctResponse,
	eightTypes,
	realGrader,
	settle,
	singleChoice,
	startQuiz,
	trueFalse,
	unansweredResponse,
	wrongResponse
} from './fixtures.ts';

type QuizSnapshot = SnapshotFrom<QuizMachine>;
type ModelEvent = QuizEvent | DoneActorEvent<Grade, 'grader'> | ErrorActorEvent<Error, 'grader'>;

/** Every event practice mode takes and assessment mode must refuse. */
const practiceEvents = (question: Question): QuizEvent[] => [
	{ type: 'answer.submit', response: correctResponse(question) },
	{ type: 'hint.request' },
	{ type: 'answer.retry' },
	{ type: 'answer.reveal' }
];

describe('assessment model (every reachable snapshot)', () => {
	// Two questions; the first has a hint, which assessment mode never offers.
	const questions: Question[] = [singleChoice, trueFalse];
	const input: QuizInput = {
		questions: questions.map((q) => toPublic(q)),
		seed: 5,
		settings: { mode: 'assessment' }
	};
	const gradeById = graderFor(questions);

	/** The learner's events worth trying, or, while submitting, the grader's two outcomes. */
	function eventsFor(snapshot: QuizSnapshot): ModelEvent[] {
		if (snapshot.matches('submitting')) {
			const next = nextToGrade(snapshot.context)!;
			return [
				{
					type: 'xstate.done.actor.grader',
					output: gradeById(next.questionId, next.response),
					actorId: 'grader'
				},
				{ type: 'xstate.error.actor.grader', error: new Error('grader down'), actorId: 'grader' }
			];
		}
		return [
			{ type: 'quiz.start' },
			...questions.flatMap((q): QuizEvent[] => [
				{ type: 'answer.record', questionId: q.id, response: correctResponse(q) },
				{ type: 'answer.record', questionId: q.id, response: wrongResponse(q) },
				{ type: 'answer.record', questionId: q.id, response: unansweredResponse(q) },
				{ type: 'answer.clear', questionId: q.id }
			]),
			{ type: 'answer.record', questionId: 'elsewhere', response: correctResponse(singleChoice) },
			{ type: 'answer.clear', questionId: 'elsewhere' },
			{ type: 'question.goto', index: -1 },
			{ type: 'question.goto', index: 0 },
			{ type: 'question.goto', index: 1 },
			{ type: 'question.goto', index: 2 },
			{ type: 'question.next' },
			{ type: 'question.prev' },
			{ type: 'quiz.submit' },
			{ type: 'quiz.submit', reason: 'time-up' },
			{ type: 'quiz.submit', reason: 'due' },
			...practiceEvents(singleChoice)
		];
	}

	// The machine handles the invoke's done and error events itself; they are just not in QuizEvent.
	const modelLogic = quizMachine as unknown as ActorLogic<QuizSnapshot, ModelEvent, QuizInput>;

	const model = new TestModel(modelLogic, {
		input,
		events: eventsFor,
		filterEvents: (snapshot, event) => snapshot.can(event as QuizEvent),
		serializeState: (snapshot) => serializeSnapshot(snapshot),
		stateMatcher: (snapshot, key) => snapshot._nodes.includes(quizMachine.getStateNodeById(key))
	});

	const paths = model.getShortestPaths();

	/** A real actor whose grader waits for the path to say how each grading ends. */
	function startActor() {
		let settleNext: ((ok: boolean) => void) | null = null;
		const machine = quizMachine.provide({
			actors: {
				gradeAnswer: fromPromise<Grade, GradeInput>(
					({ input }) =>
						new Promise<Grade>((resolve, reject) => {
							settleNext = (ok) =>
								ok
									? resolve(gradeById(input.questionId, input.response))
									: reject(new Error('grader down'));
						})
				)
			}
		});
		const actor = createActor(machine, { input }).start();
		return {
			actor,
			/** Ends the grading under way; waits for the next one to start, or for the end. */
			async settleGrading(ok: boolean) {
				expect(settleNext, 'the grader was invoked').not.toBeNull();
				const graded = Object.keys(actor.getSnapshot().context.pendingGrades).length;
				settleNext!(ok);
				settleNext = null;
				await waitFor(
					actor,
					(s) => !s.hasTag('busy') || Object.keys(s.context.pendingGrades).length > graded
				);
			}
		};
	}

	function statesFor(actor: Actor<QuizMachine>): TestParam<QuizSnapshot, ModelEvent>['states'] {
		const nothingResolved = (real: QuizSnapshot) => {
			for (const p of Object.values(real.context.progress)) {
				expect(p.resolved).toBe(false);
				expect(p.tries).toEqual([]);
				expect(p.credit).toBe(0);
			}
		};
		/** Every state check starts by comparing the real actor with the model. */
		const check = (assert: (real: QuizSnapshot) => void) => (expected: QuizSnapshot) => {
			const real = actor.getSnapshot();
			expect(real.value).toEqual(expected.value);
			expect(real.context).toEqual(expected.context);
			for (const event of eventsFor(expected)) {
				if (event.type.startsWith('xstate.')) continue;
				expect(real.can(event as QuizEvent), event.type).toBe(expected.can(event as QuizEvent));
			}
			// Never the practice flow's events, and never a hint.
			for (const event of practiceEvents(singleChoice)) {
				expect(real.can(event), event.type).toBe(false);
			}
			for (const p of Object.values(real.context.progress)) {
				expect(p.hintsUsed).toBe(0);
				expect(p.revealed).toBe(false);
			}
			const score = totalScore(real.context);
			expect(score).toBeGreaterThanOrEqual(0);
			expect(score).toBeLessThanOrEqual(maxScore(real.context));
			assert(real);
		};
		return {
			'#quiz.intro': check((real) => {
				expect(real.can({ type: 'quiz.start' })).toBe(true);
				expect(real.can({ type: 'question.goto', index: 0 })).toBe(false);
			}),
			'#quiz.assessing.ready': check((real) => {
				expect(real.hasTag('invalid')).toBe(false);
				expect(real.hasTag('error')).toBe(false);
				expect(real.context.invalidReason).toBeNull();
				expect(real.context.submittedReason).toBeNull();
				expect(real.context.pendingGrades).toEqual({});
				expect(real.can({ type: 'quiz.submit' })).toBe(true);
				expect(real.can({ type: 'question.prev' })).toBe(real.context.index > 0);
				expect(real.can({ type: 'question.next' })).toBe(real.context.index < 1);
				nothingResolved(real);
			}),
			'#quiz.assessing.invalid': check((real) => {
				expect(real.hasTag('invalid')).toBe(true);
				expect(real.context.invalidReason).toBe('unanswered');
				expect(real.can({ type: 'quiz.submit' })).toBe(true);
				nothingResolved(real);
			}),
			'#quiz.assessing.gradingFailed': check((real) => {
				expect(real.hasTag('error')).toBe(true);
				expect(real.context.submittedReason).toBeNull();
				expect(real.context.pendingGrades).toEqual({});
				expect(real.can({ type: 'quiz.submit' })).toBe(true);
				nothingResolved(real);
			}),
			'#quiz.submitting.grading': check((real) => {
				const { context } = real;
				expect(real.hasTag('busy')).toBe(true);
				expect(context.submittedReason).not.toBeNull();
				// The grades in so far are those of the answered questions before the one being
				// graded, in quiz order.
				const answered = context.questions
					.map((q) => q.id)
					.filter((id) => context.progress[id]!.response !== null);
				const next = nextToGrade(context)!;
				expect(Object.keys(context.pendingGrades)).toEqual(
					answered.slice(0, answered.indexOf(next.questionId))
				);
				nothingResolved(real);
			}),
			'#quiz.summary': check((real) => {
				const { context } = real;
				expect(real.status).toBe('done');
				expect(context.submittedReason).not.toBeNull();
				let sum = 0;
				for (const q of context.questions) {
					const p = context.progress[q.id]!;
					expect(p.resolved).toBe(true);
					if (p.response) {
						const grade = gradeById(q.id, p.response);
						expect(p.tries).toEqual([{ response: p.response, grade }]);
						expect(p.credit).toBe(grade.earned);
						sum += grade.earned;
					} else {
						expect(p.tries).toEqual([]);
						expect(p.credit).toBe(0);
					}
				}
				expect(totalScore(context)).toBe(sum);
			})
		};
	}

	function describePath(path: (typeof paths)[number]): string {
		const events = path.steps.slice(1).map(({ event }) => {
			switch (event.type) {
				case 'answer.record':
					return `record ${event.questionId} ${JSON.stringify(event.response)}`;
				case 'answer.clear':
					return `clear ${event.questionId}`;
				case 'question.goto':
					return `goto ${event.index}`;
				case 'quiz.submit':
					return `submit${event.reason ? ` (${event.reason})` : ''}`;
				case 'xstate.done.actor.grader':
					return `graded ${event.output.outcome}`;
				case 'xstate.error.actor.grader':
					return 'grading failed';
				default:
					return event.type;
			}
		});
		return `${JSON.stringify(path.state.value)}: ${events.join(' → ') || 'start'}`;
	}

	it.each(paths.map((path) => [describePath(path), path] as const))(
		'reaches %s',
		async (_name, path) => {
			const { actor, settleGrading } = startActor();
			await path.test({
				states: statesFor(actor),
				events: {
					'quiz.start': ({ event }) => actor.send(event as QuizEvent),
					'answer.record': ({ event }) => actor.send(event as QuizEvent),
					'answer.clear': ({ event }) => actor.send(event as QuizEvent),
					'question.goto': ({ event }) => actor.send(event as QuizEvent),
					'question.next': ({ event }) => actor.send(event as QuizEvent),
					'question.prev': ({ event }) => actor.send(event as QuizEvent),
					'quiz.submit': ({ event }) => actor.send(event as QuizEvent),
					'xstate.done.actor.grader': () => settleGrading(true),
					'xstate.error.actor.grader': () => settleGrading(false)
				}
			});
		}
	);

	it('has a path to every assessment state node but the transient submitting.next', () => {
		// submitting.next only holds `always` transitions, so no snapshot ever rests in it.
		const expected = getStateNodes(quizMachine.root)
			.filter((node) => node.type === 'atomic' || node.type === 'final')
			.map((node) => `#${node.id}`)
			.filter((id) => /^#quiz\.(intro|summary|assessing\.|submitting\.)/.test(id))
			.filter((id) => id !== '#quiz.submitting.next')
			.sort();
		expect(expected).toContain('#quiz.submitting.grading');
		const reached = new Set(
			paths.flatMap((path) =>
				path.steps.flatMap((step) => step.state._nodes.map((n) => `#${n.id}`))
			)
		);
		expect(expected.filter((id) => !reached.has(id))).toEqual([]);
		// And never a practice state.
		expect(
			[...reached].filter(
				(id) => id !== '#quiz' && !/^#quiz\.(intro|summary|assessing|submitting)\b/.test(id)
			)
		).toEqual([]);
		expect(Object.keys(statesFor(createActor(quizMachine, { input })) ?? {}).sort()).toEqual(
			expected
		);
	});

	it('reaches a summary for every submit reason and every combination of answers', () => {
		const summaries = new Set(
			paths
				.filter((path) => path.state.matches('summary'))
				.map((path) => {
					const { context } = path.state;
					const answers = questions.map((q) => JSON.stringify(context.progress[q.id]!.response));
					return `${context.submittedReason} ${answers.join(' ')}`;
				})
		);
		// 3 reasons × 3 possibilities (none, right, wrong) for each of 2 questions.
		expect(summaries.size).toBe(3 * 3 * 3);
	});
});

describe('assessment model (random walks against a reference)', () => {
	const n = eightTypes.length;

	/**
	 * A step of a walk. Questions are named by their place in `eightTypes` (the order given, not
	 * the order shown); `n` names a question the quiz does not have.
	 */
	type Step =
		| { type: 'record'; question: number; kind: 'correct' | 'wrong' | 'unanswered' | 'other-type' }
		| { type: 'clear'; question: number }
		| { type: 'goto'; index: number }
		| { type: 'next' }
		| { type: 'prev' }
		| { type: 'submit'; reason: SubmitReason | undefined; graderDown: boolean }
		| {
				type: 'practice';
				event: 'answer.submit' | 'hint.request' | 'answer.retry' | 'answer.reveal';
		  };

	const question = fc.integer({ min: 0, max: n });
	const step: fc.Arbitrary<Step> = fc.oneof(
		{
			arbitrary: fc.record({
				type: fc.constant('record' as const),
				question,
				kind: fc.constantFrom('correct', 'wrong', 'unanswered', 'other-type')
			}),
			weight: 8
		},
		{ arbitrary: fc.record({ type: fc.constant('clear' as const), question }), weight: 2 },
		{
			arbitrary: fc.record({
				type: fc.constant('goto' as const),
				index: fc.oneof(fc.integer({ min: -2, max: n + 1 }), fc.constantFrom(0.5, Number.NaN))
			}),
			weight: 3
		},
		{ arbitrary: fc.constant({ type: 'next' } as const), weight: 3 },
		{ arbitrary: fc.constant({ type: 'prev' } as const), weight: 3 },
		{
			arbitrary: fc.record({
				type: fc.constant('submit' as const),
				reason: fc.constantFrom(undefined, 'student', 'time-up', 'due'),
				graderDown: fc.boolean()
			}),
			weight: 1
		},
		{
			arbitrary: fc.record({
				type: fc.constant('practice' as const),
				event: fc.constantFrom('answer.submit', 'hint.request', 'answer.retry', 'answer.reveal')
			}),
			weight: 1
		}
	);

	/** The reference: what an assessment is, with none of the machine's machinery. */
	interface Reference {
		phase: 'assessing' | 'summary';
		/** Into the order shown. */
		index: number;
		/** By question id: the recorded response and whether the key says it is right. */
		answers: Map<string, { response: Response; correct: boolean }>;
		invalid: InvalidReason | null;
		failed: boolean;
		reason: SubmitReason | null;
	}

	const byId = new Map(eightTypes.map((q) => [q.id, q]));
	const idOf = (question: number) => eightTypes[question]?.id ?? 'not-in-this-quiz';

	/** A response of the next type along: never right for `q`. */
	function otherTypeResponse(q: Question): Response {
		const other = eightTypes[(eightTypes.indexOf(q) + 1) % n]!;
		return correctResponse(other);
	}

	function toEvent(s: Step): QuizEvent {
		switch (s.type) {
			case 'record': {
				const q = eightTypes[s.question] ?? singleChoice;
				const response =
					s.kind === 'correct'
						? correctResponse(q)
						: s.kind === 'wrong'
							? wrongResponse(q)
							: s.kind === 'unanswered'
								? unansweredResponse(q)
								: otherTypeResponse(q);
				return { type: 'answer.record', questionId: idOf(s.question), response };
			}
			case 'clear':
				return { type: 'answer.clear', questionId: idOf(s.question) };
			case 'goto':
				return { type: 'question.goto', index: s.index };
			case 'next':
				return { type: 'question.next' };
			case 'prev':
				return { type: 'question.prev' };
			case 'submit':
				return s.reason ? { type: 'quiz.submit', reason: s.reason } : { type: 'quiz.submit' };
			case 'practice':
				return s.event === 'answer.submit'
					? { type: 'answer.submit', response: correctResponse(singleChoice) }
					: { type: s.event };
		}
	}

	/** Applies a step to the reference; false when the reference refuses it. */
	function apply(ref: Reference, s: Step): boolean {
		if (ref.phase === 'summary' || s.type === 'practice') return false;
		const known = s.type === 'record' || s.type === 'clear' ? s.question < n : true;
		if (!known) return false;
		switch (s.type) {
			case 'record': {
				const id = idOf(s.question);
				if (s.kind === 'unanswered' || s.kind === 'other-type') {
					ref.invalid = s.kind === 'unanswered' ? 'unanswered' : 'wrong-type';
				} else {
					const q = byId.get(id)!;
					ref.answers.set(id, {
						response: s.kind === 'correct' ? correctResponse(q) : wrongResponse(q),
						correct: s.kind === 'correct'
					});
					ref.invalid = null;
				}
				ref.failed = false;
				return true;
			}
			case 'clear':
				ref.answers.delete(idOf(s.question));
				break;
			case 'goto':
				if (!Number.isInteger(s.index) || s.index < 0 || s.index >= n) return false;
				ref.index = s.index;
				break;
			case 'next':
				if (ref.index >= n - 1) return false;
				ref.index++;
				break;
			case 'prev':
				if (ref.index <= 0) return false;
				ref.index--;
				break;
			case 'submit':
				if (s.graderDown && ref.answers.size > 0) {
					ref.failed = true;
				} else {
					ref.phase = 'summary';
					ref.reason = s.reason ?? 'student';
					ref.failed = false;
				}
				break;
		}
		ref.invalid = null;
		if (s.type !== 'submit') ref.failed = false;
		return true;
	}

	it('keeps the index, the recorded answers and the final score the reference expects', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(step, { maxLength: 50 }),
				fc.integer(),
				fc.boolean(),
				async (steps, seed, shuffleQuestions) => {
					let graderDown = false;
					const grade = realGrader(eightTypes);
					const actor = startQuiz(eightTypes, {
						seed,
						settings: { mode: 'assessment', shuffleQuestions },
						grader: async (input) => {
							if (graderDown) throw new Error('grader down');
							return grade(input);
						}
					});
					actor.send({ type: 'quiz.start' });
					const ref: Reference = {
						phase: 'assessing',
						index: 0,
						answers: new Map(),
						invalid: null,
						failed: false,
						reason: null
					};

					for (const s of steps) {
						const event = toEvent(s);
						const accepted = apply(ref, s);
						expect(actor.getSnapshot().can(event), JSON.stringify(s)).toBe(accepted);
						if (actor.getSnapshot().status === 'done') continue;
						if (s.type === 'submit') graderDown = s.graderDown;
						await settle(actor, event);

						const snapshot = actor.getSnapshot();
						const { context } = snapshot;
						expect(snapshot.matches(ref.phase)).toBe(true);
						expect(context.index).toBe(ref.index);
						for (const q of eightTypes) {
							expect(context.progress[q.id]!.response, q.id).toEqual(
								ref.answers.get(q.id)?.response ?? null
							);
						}
						expect(context.invalidReason).toBe(ref.invalid);
						expect(snapshot.hasTag('invalid')).toBe(ref.invalid !== null);
						expect(snapshot.hasTag('error')).toBe(ref.failed);
						expect(context.submittedReason).toBe(ref.reason);
						const expectedScore =
							ref.phase === 'summary'
								? [...ref.answers.values()].filter((a) => a.correct).length
								: 0;
						expect(totalScore(context)).toBe(expectedScore);
						if (ref.phase === 'summary') {
							for (const q of eightTypes) {
								const p = context.progress[q.id]!;
								const answer = ref.answers.get(q.id);
								expect(p.resolved).toBe(true);
								expect(p.tries.map((t) => t.response)).toEqual(answer ? [answer.response] : []);
								expect(p.credit).toBe(answer?.correct ? q.points : 0);
							}
						}
					}
				}
			),
			{ numRuns: 150 }
		);
	});
});
