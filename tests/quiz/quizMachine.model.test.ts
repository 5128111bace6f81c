/**
 * Model-based tests: `xstate/graph` walks every reachable snapshot of the quiz machine for a small
 * two-question quiz, and each shortest path is replayed against a real actor, checking at every
 * step that the actor is where the model says it is, with the same context.
 *
 * Why `new TestModel(...)` and not `createTestModel(...)`: `createTestModel` refuses any machine
 * with an `invoke` ("Invocations on test machines are not supported"), because the traversal
 * cannot run actors. `TestModel` is the class it returns; we give it the same state matcher and
 * supply the grader's outcome ourselves, as the `xstate.done.actor.grader` and
 * `xstate.error.actor.grader` events the invoke would deliver. In the real actor the grader waits
 * until the path reaches that event, then settles with the real grade (or fails).
 */
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
	checkResponse,
	toPublic,
	type Question,
	type Response
} from '../../src/lib/quiz/questions.ts';
import {
	creditFor,
	current,
	maxScore,
	progressOf,
	quizMachine,
	totalScore,
	type GradeInput,
	type QuizEvent,
	type QuizInput,
	type QuizMachine
} from '../../src/lib/quiz/quizMachine.ts';
import {
	correctResponse,
	singleChoice,
	trueFalse,
	unansweredResponse,
	wrongResponse
} from './fixtures.ts';

type QuizSnapshot = SnapshotFrom<QuizMachine>;

/** The states only assessment mode enters (with everything under them). */
const ASSESSMENT_ONLY = ['#quiz.assessing', '#quiz.submitting'];
type ModelEvent = QuizEvent | DoneActorEvent<Grade, 'grader'> | ErrorActorEvent<Error, 'grader'>;

// Two questions; only the first has a hint.
const questions: Question[] = [singleChoice, trueFalse];
const input: QuizInput = {
	questions: questions.map((q) => toPublic(q)),
	seed: 5,
	settings: { maxTries: 2 }
};
const gradeById = graderFor(questions);
const byId = new Map(questions.map((q) => [q.id, q]));

/** The events worth trying in each snapshot: the learner's, and the grader's two outcomes. */
function eventsFor(snapshot: QuizSnapshot): ModelEvent[] {
	const context = snapshot.context;
	if (snapshot.matches('grading')) {
		return [
			{
				type: 'xstate.done.actor.grader',
				output: gradeById(current(context).id, context.pending!),
				actorId: 'grader'
			},
			{ type: 'xstate.error.actor.grader', error: new Error('grader down'), actorId: 'grader' }
		];
	}
	const question = byId.get(current(context).id)!;
	return [
		{ type: 'quiz.start' },
		{ type: 'answer.submit', response: correctResponse(question) },
		{ type: 'answer.submit', response: wrongResponse(question) },
		{ type: 'answer.submit', response: unansweredResponse(question) },
		{ type: 'hint.request' },
		{ type: 'answer.retry' },
		{ type: 'answer.reveal' },
		{ type: 'question.next' }
	];
}

/** Assessment mode's own events, each one it would accept in some assessing snapshot. */
function assessmentEvents(snapshot: QuizSnapshot): QuizEvent[] {
	const id = current(snapshot.context).id;
	return [
		{ type: 'answer.record', questionId: id, response: correctResponse(byId.get(id)!) },
		{ type: 'answer.clear', questionId: id },
		{ type: 'question.goto', index: 0 },
		{ type: 'question.goto', index: 1 },
		{ type: 'question.prev' },
		{ type: 'quiz.submit' },
		{ type: 'quiz.submit', reason: 'time-up' }
	];
}

// The machine handles the invoke's done and error events itself; they are just not in QuizEvent.
const modelLogic = quizMachine as unknown as ActorLogic<QuizSnapshot, ModelEvent, QuizInput>;

const model = new TestModel(modelLogic, {
	input,
	events: eventsFor,
	filterEvents: (snapshot, event) => snapshot.can(event as QuizEvent),
	serializeState: (snapshot) => serializeSnapshot(snapshot),
	// The same matcher createTestModel uses: keys are state node ids such as '#quiz.grading'.
	stateMatcher: (snapshot, key) => snapshot._nodes.includes(quizMachine.getStateNodeById(key))
});

const paths = model.getShortestPaths();

/** A real actor whose grader waits for the path to say how grading ends. */
function startActor() {
	let settle: ((ok: boolean) => void) | null = null;
	const machine = quizMachine.provide({
		actors: {
			gradeAnswer: fromPromise<Grade, GradeInput>(
				({ input }) =>
					new Promise<Grade>((resolve, reject) => {
						settle = (ok) =>
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
		async settleGrading(ok: boolean) {
			expect(settle, 'the grader was invoked').not.toBeNull();
			settle!(ok);
			settle = null;
			await waitFor(actor, (s) => !s.hasTag('busy'));
		}
	};
}

function statesFor(actor: Actor<QuizMachine>): TestParam<QuizSnapshot, ModelEvent>['states'] {
	/** Every state check starts by comparing the real actor with the model. */
	const check = (assert: (real: QuizSnapshot) => void) => (expected: QuizSnapshot) => {
		const real = actor.getSnapshot();
		expect(real.value).toEqual(expected.value);
		expect(real.context).toEqual(expected.context);
		// The actor accepts and refuses the same learner events as the model.
		for (const event of eventsFor(expected)) {
			if (event.type.startsWith('xstate.')) continue;
			expect(real.can(event as QuizEvent), event.type).toBe(expected.can(event as QuizEvent));
		}
		// Practice mode never takes assessment mode's events, in any state.
		for (const event of assessmentEvents(real)) {
			expect(real.can(event), event.type).toBe(false);
		}
		const score = totalScore(real.context);
		expect(score).toBeGreaterThanOrEqual(0);
		expect(score).toBeLessThanOrEqual(maxScore(real.context));
		assert(real);
	};
	return {
		'#quiz.intro': check((real) => {
			expect(real.can({ type: 'quiz.start' })).toBe(true);
		}),
		'#quiz.answering.ready': check((real) => {
			expect(real.hasTag('invalid')).toBe(false);
			expect(real.hasTag('error')).toBe(false);
			expect(real.context.invalidReason).toBeNull();
			expect(progressOf(real.context).resolved).toBe(false);
		}),
		'#quiz.answering.invalid': check((real) => {
			expect(real.hasTag('invalid')).toBe(true);
			expect(real.context.invalidReason).not.toBeNull();
		}),
		'#quiz.answering.gradingFailed': check((real) => {
			expect(real.hasTag('error')).toBe(true);
			expect(real.context.pending).toBeNull();
		}),
		'#quiz.grading': check((real) => {
			expect(real.hasTag('busy')).toBe(true);
			expect(checkResponse(current(real.context), real.context.pending!).kind).toBe('valid');
			expect(real.can({ type: 'answer.submit', response: real.context.pending! })).toBe(false);
		}),
		'#quiz.feedback.correct': check((real) => {
			const progress = progressOf(real.context);
			expect(real.hasTag('resolved')).toBe(true);
			expect(progress.tries.at(-1)!.grade.outcome).toBe('correct');
			expect(progress.resolved).toBe(true);
			expect(progress.credit).toBe(creditFor(real.context.settings, progress));
		}),
		'#quiz.feedback.retry': check((real) => {
			const progress = progressOf(real.context);
			expect(real.hasTag('resolved')).toBe(false);
			expect(progress.tries.length).toBeLessThan(real.context.settings.maxTries);
			expect(real.can({ type: 'answer.retry' })).toBe(true);
			expect(real.can({ type: 'answer.reveal' })).toBe(false);
		}),
		'#quiz.feedback.exhausted': check((real) => {
			const progress = progressOf(real.context);
			expect(real.hasTag('resolved')).toBe(true);
			expect(progress.tries).toHaveLength(real.context.settings.maxTries);
			expect(progress.revealed).toBe(false);
			expect(real.can({ type: 'answer.retry' })).toBe(false);
			expect(real.can({ type: 'answer.reveal' })).toBe(true);
		}),
		'#quiz.feedback.revealed': check((real) => {
			expect(real.hasTag('resolved')).toBe(true);
			expect(progressOf(real.context).revealed).toBe(true);
		}),
		'#quiz.summary': check((real) => {
			expect(real.status).toBe('done');
			expect(Object.values(real.context.progress).every((p) => p.resolved)).toBe(true);
		})
	};
}

/** 'quiz.start → submit "b" → graded correct', short enough for a test name. */
function describePath(path: (typeof paths)[number]): string {
	const events = path.steps.slice(1).map(({ event }) => {
		if (event.type === 'answer.submit') return `submit ${JSON.stringify(answerOf(event.response))}`;
		if (event.type === 'xstate.done.actor.grader') return `graded ${event.output.outcome}`;
		if (event.type === 'xstate.error.actor.grader') return 'grading failed';
		return event.type;
	});
	return `${JSON.stringify(path.state.value)}: ${events.join(' → ') || 'start'}`;
}

describe('quizMachine model', () => {
	it.each(paths.map((path) => [describePath(path), path] as const))(
		'reaches %s',
		async (_name, path) => {
			const { actor, settleGrading } = startActor();
			await path.test({
				states: statesFor(actor),
				events: {
					'quiz.start': ({ event }) => actor.send(event as QuizEvent),
					'answer.submit': ({ event }) => actor.send(event as QuizEvent),
					'hint.request': ({ event }) => actor.send(event as QuizEvent),
					'answer.retry': ({ event }) => actor.send(event as QuizEvent),
					'answer.reveal': ({ event }) => actor.send(event as QuizEvent),
					'question.next': ({ event }) => actor.send(event as QuizEvent),
					'xstate.done.actor.grader': () => settleGrading(true),
					'xstate.error.actor.grader': () => settleGrading(false)
				}
			});
		}
	);

	it('has a path to every practice state node but the transient feedback.deciding', () => {
		// feedback.deciding only holds `always` transitions, so no snapshot ever rests in it.
		// Assessment mode's states are never entered in practice mode; the assessment model test
		// covers them.
		const expected = getStateNodes(quizMachine.root)
			.filter((node) => node.type === 'atomic' || node.type === 'final')
			.map((node) => `#${node.id}`)
			.filter((id) => id !== '#quiz.feedback.deciding')
			.filter((id) => !ASSESSMENT_ONLY.some((parent) => id.startsWith(`${parent}.`)))
			.sort();
		const reached = new Set(
			paths.flatMap((path) =>
				path.steps.flatMap((step) => step.state._nodes.map((n) => `#${n.id}`))
			)
		);
		expect(expected.filter((id) => !reached.has(id))).toEqual([]);
		expect(Object.keys(statesFor(createActor(quizMachine, { input }))!).sort()).toEqual(expected);
	});
});

function answerOf(response: Response): string | string[] {
	switch (response.type) {
		case 'single-choice':
			return response.choice;
		case 'multiple-choice':
			return response.choices;
		case 'true-false-not-stated':
			return response.answer;
		case 'short-answer':
			return response.text;
		case 'ordering':
			return response.order;
		case 'matching':
			return Object.entries(response.matches).map(([item, option]) => `${item}→${option}`);
		case 'evidence':
			return response.choice;
		case 'two-part':
			return [response.partA, response.partB];
	}
}
