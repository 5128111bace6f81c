/**
 * Assessment mode of the quiz machine: answers are recorded (not graded) in any order, the learner
 * moves freely between questions, and submitting grades every recorded answer through the same
 * grader as practice. Practice mode refuses every assessment event, and the other way round.
 */
import { describe, expect, it } from 'vitest';
import { waitFor, type Actor } from 'xstate';
import type { Grade } from '../../src/lib/quiz/grade.ts';
import { answerInWords, type Question, type Response } from '../../src/lib/quiz/questions.ts';
import {
	DEFAULT_SETTINGS,
	maxScore,
	totalScore,
	type GradeInput,
	type QuizContext,
	type QuizEvent,
	type QuizMachine
} from '../../src/lib/quiz/quizMachine.ts';
import { assessmentView, attemptProgress, quizView } from '../../src/lib/quiz/view.ts';
import {
	correctResponse,
	fourTypes,
	hintsFrom,
	multipleChoice,
	realGrader,
	settle,
	shortAnswer,
	singleChoice,
	sixQuestions,
	startQuiz,
	submit,
	trueFalse,
	unansweredResponse,
	wrongResponse,
	type QuizOptions
} from './fixtures.ts';

type QuizActor = Actor<QuizMachine>;

/** A started assessment over `questions`, past the intro. */
function assessing(questions: Question[] = fourTypes, options: QuizOptions = {}): QuizActor {
	const actor = startQuiz(questions, {
		...options,
		settings: { ...options.settings, mode: 'assessment' }
	});
	actor.send({ type: 'quiz.start' });
	return actor;
}

/** A started practice quiz, past the intro. */
function practising(questions: Question[] = fourTypes): QuizActor {
	const actor = startQuiz(questions);
	actor.send({ type: 'quiz.start' });
	return actor;
}

/** The real grader, counting its calls and how many run at once. */
function countingGrader(questions: readonly Question[], fail?: (input: GradeInput) => boolean) {
	const grade = realGrader(questions);
	const calls: GradeInput[] = [];
	let running = 0;
	const stats = { calls, mostAtOnce: 0 };
	const grader = async (input: GradeInput): Promise<Grade> => {
		calls.push(input);
		running++;
		stats.mostAtOnce = Math.max(stats.mostAtOnce, running);
		try {
			await new Promise((resolve) => setTimeout(resolve, 1));
			if (fail?.(input)) throw new Error('the answer key is unavailable');
			return await grade(input);
		} finally {
			running--;
		}
	};
	return { grader, stats };
}

const record = (question: Question, response: Response): QuizEvent => ({
	type: 'answer.record',
	questionId: question.id,
	response
});

const progressOf = (context: QuizContext, question: Question) => context.progress[question.id]!;
const responses = (context: QuizContext) =>
	Object.fromEntries(Object.entries(context.progress).map(([id, p]) => [id, p.response]));

/** One of each event only assessment mode takes. */
const assessmentEvents: QuizEvent[] = [
	record(singleChoice, correctResponse(singleChoice)),
	{ type: 'answer.clear', questionId: singleChoice.id },
	{ type: 'question.goto', index: 0 },
	{ type: 'question.goto', index: 1 },
	{ type: 'question.prev' },
	{ type: 'quiz.submit' },
	{ type: 'quiz.submit', reason: 'due' }
];

/** Every event only practice mode takes. */
const practiceEvents: QuizEvent[] = [
	{ type: 'answer.submit', response: correctResponse(singleChoice) },
	{ type: 'answer.submit', response: unansweredResponse(singleChoice) },
	{ type: 'hint.request' },
	{ type: 'answer.retry' },
	{ type: 'answer.reveal' }
];

describe('assessment settings', () => {
	it('defaults to practice mode', () => {
		expect(DEFAULT_SETTINGS.mode).toBe('practice');
		expect(startQuiz(fourTypes).getSnapshot().context.settings.mode).toBe('practice');
	});

	it('starts every question with no recorded response, and nothing submitted', () => {
		for (const mode of ['practice', 'assessment'] as const) {
			const { context } = startQuiz(fourTypes, { settings: { mode } }).getSnapshot();
			expect(context.settings.mode).toBe(mode);
			expect(context.submittedReason).toBeNull();
			for (const q of fourTypes) expect(progressOf(context, q).response, q.id).toBeNull();
		}
	});
});

describe('quiz.start', () => {
	it('goes from intro to assessing.ready in assessment mode', () => {
		const actor = startQuiz(fourTypes, { settings: { mode: 'assessment' } });
		expect(actor.getSnapshot().matches('intro')).toBe(true);

		actor.send({ type: 'quiz.start' });

		expect(actor.getSnapshot().matches({ assessing: 'ready' })).toBe(true);
		expect(actor.getSnapshot().context.index).toBe(0);
	});

	it('still goes to answering in practice mode', () => {
		expect(practising().getSnapshot().matches({ answering: 'ready' })).toBe(true);
	});

	it('is refused once the assessment is under way', () => {
		expect(assessing().getSnapshot().can({ type: 'quiz.start' })).toBe(false);
	});

	it('must come first: the intro refuses every assessment event', () => {
		const snapshot = startQuiz(fourTypes, { settings: { mode: 'assessment' } }).getSnapshot();
		for (const event of [...assessmentEvents, { type: 'question.next' } as const]) {
			expect(snapshot.can(event), event.type).toBe(false);
		}
	});
});

describe('answer.record', () => {
	it('records a valid response for the current question without grading it or moving on', async () => {
		const { grader, stats } = countingGrader(fourTypes);
		const actor = assessing(fourTypes, { grader });

		await settle(actor, record(singleChoice, correctResponse(singleChoice)));

		const snapshot = actor.getSnapshot();
		expect(snapshot.matches({ assessing: 'ready' })).toBe(true);
		expect(snapshot.hasTag('busy')).toBe(false);
		expect(snapshot.context.index).toBe(0);
		expect(progressOf(snapshot.context, singleChoice)).toEqual({
			tries: [],
			hintsUsed: 0,
			revealed: false,
			resolved: false,
			credit: 0,
			response: correctResponse(singleChoice)
		});
		expect(totalScore(snapshot.context)).toBe(0);
		expect(stats.calls).toEqual([]);
	});

	it('records a response for a question other than the current one, checked against that question', () => {
		const actor = assessing();

		// The current question is single-choice; a true/false response is right for trueFalse.
		actor.send(record(trueFalse, wrongResponse(trueFalse)));

		const { context } = actor.getSnapshot();
		expect(actor.getSnapshot().matches({ assessing: 'ready' })).toBe(true);
		expect(context.index).toBe(0);
		expect(progressOf(context, trueFalse).response).toEqual(wrongResponse(trueFalse));
		expect(progressOf(context, singleChoice).response).toBeNull();
	});

	it('keeps the checked form: choices sorted without repeats, text trimmed', () => {
		const actor = assessing();

		actor.send(record(multipleChoice, { type: 'multiple-choice', choices: ['d', 'b', 'd'] }));
		actor.send(record(shortAnswer, { type: 'short-answer', text: '  about 2,000 ' }));

		const { context } = actor.getSnapshot();
		expect(progressOf(context, multipleChoice).response).toEqual({
			type: 'multiple-choice',
			choices: ['b', 'd']
		});
		expect(progressOf(context, shortAnswer).response).toEqual({
			type: 'short-answer',
			text: 'about 2,000'
		});
	});

	it('replaces an earlier answer to the same question', () => {
		const actor = assessing();
		actor.send(record(singleChoice, wrongResponse(singleChoice)));

		actor.send(record(singleChoice, correctResponse(singleChoice)));

		expect(progressOf(actor.getSnapshot().context, singleChoice).response).toEqual(
			correctResponse(singleChoice)
		);
	});

	it('refuses an invalid response as assessing.invalid, tagged invalid, keeping the earlier answer', () => {
		const actor = assessing();
		actor.send(record(singleChoice, wrongResponse(singleChoice)));

		actor.send(record(singleChoice, unansweredResponse(singleChoice)));

		const snapshot = actor.getSnapshot();
		expect(snapshot.matches({ assessing: 'invalid' })).toBe(true);
		expect(snapshot.hasTag('invalid')).toBe(true);
		expect(snapshot.context.invalidReason).toBe('unanswered');
		expect(progressOf(snapshot.context, singleChoice).response).toEqual(
			wrongResponse(singleChoice)
		);
	});

	it('refuses a response of another type than its question as wrong-type, storing nothing', () => {
		const actor = assessing();

		actor.send(record(trueFalse, correctResponse(singleChoice)));

		const { context } = actor.getSnapshot();
		expect(context.invalidReason).toBe('wrong-type');
		expect(responses(context)).toEqual(Object.fromEntries(fourTypes.map((q) => [q.id, null])));
	});

	it('clears the invalid reason once a valid response is recorded', () => {
		const actor = assessing();
		actor.send(record(shortAnswer, { type: 'short-answer', text: 'x'.repeat(201) }));
		expect(actor.getSnapshot().context.invalidReason).toBe('too-long');

		actor.send(record(shortAnswer, correctResponse(shortAnswer)));

		expect(actor.getSnapshot().matches({ assessing: 'ready' })).toBe(true);
		expect(actor.getSnapshot().hasTag('invalid')).toBe(false);
		expect(actor.getSnapshot().context.invalidReason).toBeNull();
	});

	it('refuses a question the quiz does not have, even one named like an object key', () => {
		const actor = assessing();
		for (const questionId of ['no-such-question', 'constructor', '__proto__', '']) {
			const event: QuizEvent = {
				type: 'answer.record',
				questionId,
				response: correctResponse(singleChoice)
			};
			expect(actor.getSnapshot().can(event), questionId).toBe(false);
			const before = actor.getSnapshot().context;
			actor.send(event);
			expect(actor.getSnapshot().context).toEqual(before);
		}
	});
});

describe('answer.clear', () => {
	it('sets a recorded response back to null, leaving the others', () => {
		const actor = assessing();
		actor.send(record(singleChoice, correctResponse(singleChoice)));
		actor.send(record(trueFalse, correctResponse(trueFalse)));

		actor.send({ type: 'answer.clear', questionId: trueFalse.id });

		const { context } = actor.getSnapshot();
		expect(progressOf(context, trueFalse).response).toBeNull();
		expect(progressOf(context, singleChoice).response).toEqual(correctResponse(singleChoice));
		expect(context.index).toBe(0);
	});

	it('leaves the invalid state behind', () => {
		const actor = assessing();
		actor.send(record(singleChoice, unansweredResponse(singleChoice)));

		actor.send({ type: 'answer.clear', questionId: singleChoice.id });

		expect(actor.getSnapshot().matches({ assessing: 'ready' })).toBe(true);
		expect(actor.getSnapshot().context.invalidReason).toBeNull();
	});

	it('refuses a question the quiz does not have', () => {
		const actor = assessing();
		expect(actor.getSnapshot().can({ type: 'answer.clear', questionId: 'nope' })).toBe(false);
		expect(actor.getSnapshot().can({ type: 'answer.clear', questionId: 'toString' })).toBe(false);
	});
});

describe('moving between questions', () => {
	it('goes to any question by index, and refuses an index outside the quiz or not whole', () => {
		const actor = assessing();
		for (const index of [3, 0, 2, 1]) {
			actor.send({ type: 'question.goto', index });
			expect(actor.getSnapshot().context.index).toBe(index);
		}
		for (const index of [-1, 4, 1.5, Number.NaN, Infinity]) {
			expect(actor.getSnapshot().can({ type: 'question.goto', index }), String(index)).toBe(false);
			actor.send({ type: 'question.goto', index });
			expect(actor.getSnapshot().context.index).toBe(1);
		}
	});

	it('steps forward and back within the quiz, refusing to step past either end', () => {
		const actor = assessing();
		expect(actor.getSnapshot().can({ type: 'question.prev' })).toBe(false);
		actor.send({ type: 'question.prev' });
		expect(actor.getSnapshot().context.index).toBe(0);

		for (const expected of [1, 2, 3]) {
			expect(actor.getSnapshot().can({ type: 'question.next' })).toBe(true);
			actor.send({ type: 'question.next' });
			expect(actor.getSnapshot().context.index).toBe(expected);
		}
		expect(actor.getSnapshot().can({ type: 'question.next' })).toBe(false);
		actor.send({ type: 'question.next' });
		// Not a summary: only quiz.submit ends an assessment.
		expect(actor.getSnapshot().matches({ assessing: 'ready' })).toBe(true);
		expect(actor.getSnapshot().context.index).toBe(3);

		actor.send({ type: 'question.prev' });
		expect(actor.getSnapshot().context.index).toBe(2);
	});

	it('refuses both steps in a one-question assessment', () => {
		const snapshot = assessing([singleChoice]).getSnapshot();
		expect(snapshot.can({ type: 'question.next' })).toBe(false);
		expect(snapshot.can({ type: 'question.prev' })).toBe(false);
		expect(snapshot.can({ type: 'question.goto', index: 0 })).toBe(true);
	});

	it('clears the invalid reason on every move', () => {
		const moves: QuizEvent[] = [
			{ type: 'question.goto', index: 2 },
			{ type: 'question.next' },
			{ type: 'question.prev' }
		];
		for (const move of moves) {
			const actor = assessing();
			actor.send({ type: 'question.goto', index: 1 });
			actor.send(record(multipleChoice, unansweredResponse(multipleChoice)));
			expect(actor.getSnapshot().hasTag('invalid')).toBe(true);

			actor.send(move);

			expect(actor.getSnapshot().matches({ assessing: 'ready' }), move.type).toBe(true);
			expect(actor.getSnapshot().context.invalidReason, move.type).toBeNull();
		}
	});

	it('keeps recorded answers when moving', () => {
		const actor = assessing();
		actor.send(record(singleChoice, correctResponse(singleChoice)));
		actor.send({ type: 'question.goto', index: 3 });
		actor.send({ type: 'question.prev' });

		expect(progressOf(actor.getSnapshot().context, singleChoice).response).toEqual(
			correctResponse(singleChoice)
		);
	});
});

describe('quiz.submit', () => {
	it('is busy while submitting, then grades each recorded answer once, one at a time, in quiz order', async () => {
		const { grader, stats } = countingGrader(fourTypes);
		const actor = assessing(fourTypes, { grader });
		// Recorded last question first; graded in quiz order all the same.
		actor.send(record(shortAnswer, correctResponse(shortAnswer)));
		actor.send(record(multipleChoice, { type: 'multiple-choice', choices: ['b'] }));
		actor.send(record(singleChoice, wrongResponse(singleChoice)));

		actor.send({ type: 'quiz.submit' });
		expect(actor.getSnapshot().matches('submitting')).toBe(true);
		expect(actor.getSnapshot().hasTag('busy')).toBe(true);
		await waitFor(actor, (s) => !s.hasTag('busy'));

		expect(stats.calls).toEqual([
			{ questionId: singleChoice.id, response: wrongResponse(singleChoice) },
			{ questionId: multipleChoice.id, response: { type: 'multiple-choice', choices: ['b'] } },
			{ questionId: shortAnswer.id, response: correctResponse(shortAnswer) }
		]);
		expect(stats.mostAtOnce).toBe(1);
	});

	it('follows the shuffled quiz order, not the order the questions were given in', async () => {
		const { grader, stats } = countingGrader(sixQuestions);
		const actor = assessing(sixQuestions, {
			grader,
			seed: 3,
			settings: { shuffleQuestions: true }
		});
		const shown = actor.getSnapshot().context.questions.map((q) => q.id);
		expect(shown).not.toEqual(sixQuestions.map((q) => q.id));
		for (const q of [...sixQuestions].reverse()) actor.send(record(q, correctResponse(q)));

		await settle(actor, { type: 'quiz.submit' });

		expect(stats.calls.map((c) => c.questionId)).toEqual(shown);
	});

	it('resolves every question: answered ones with what they earned, unanswered ones with nothing', async () => {
		const actor = assessing();
		actor.send(record(singleChoice, correctResponse(singleChoice)));
		actor.send(record(multipleChoice, { type: 'multiple-choice', choices: ['b'] }));
		actor.send(record(trueFalse, wrongResponse(trueFalse)));

		await settle(actor, { type: 'quiz.submit' });

		const snapshot = actor.getSnapshot();
		expect(snapshot.matches('summary')).toBe(true);
		expect(snapshot.status).toBe('done');
		const { context } = snapshot;
		const single = progressOf(context, singleChoice);
		expect(single).toMatchObject({ resolved: true, credit: 1, hintsUsed: 0, revealed: false });
		expect(single.tries).toHaveLength(1);
		expect(single.tries[0]!.response).toEqual(correctResponse(singleChoice));
		expect(single.tries[0]!.grade).toMatchObject({ outcome: 'correct', earned: 1 });
		expect(progressOf(context, multipleChoice)).toMatchObject({ resolved: true, credit: 0.5 });
		expect(progressOf(context, multipleChoice).tries[0]!.grade.outcome).toBe('partial');
		expect(progressOf(context, trueFalse)).toMatchObject({ resolved: true, credit: 0 });
		expect(progressOf(context, trueFalse).tries).toHaveLength(1);
		expect(progressOf(context, shortAnswer)).toEqual({
			tries: [],
			hintsUsed: 0,
			revealed: false,
			resolved: true,
			credit: 0,
			response: null
		});
		expect(totalScore(context)).toBe(1.5);
		expect(maxScore(context)).toBe(4);
		expect(context.pendingGrades).toEqual({});
	});

	it('ignores the practice penalties: a partial answer earns its share whatever the settings', async () => {
		const actor = assessing([multipleChoice], {
			settings: { maxTries: 1, hintCost: 0.5, retryPenalty: 0.5 }
		});
		actor.send(record(multipleChoice, { type: 'multiple-choice', choices: ['b'] }));

		await settle(actor, { type: 'quiz.submit' });

		expect(totalScore(actor.getSnapshot().context)).toBe(0.5);
	});

	it('records who submitted: the student unless told otherwise', async () => {
		for (const reason of [undefined, 'student', 'time-up', 'due'] as const) {
			const actor = assessing();
			expect(actor.getSnapshot().context.submittedReason).toBeNull();

			await settle(actor, reason ? { type: 'quiz.submit', reason } : { type: 'quiz.submit' });

			expect(actor.getSnapshot().context.submittedReason, reason).toBe(reason ?? 'student');
		}
	});

	it('goes straight to the summary, with nothing earned, when nothing was answered', async () => {
		const { grader, stats } = countingGrader(fourTypes);
		const actor = assessing(fourTypes, { grader });

		actor.send({ type: 'quiz.submit', reason: 'time-up' });

		const snapshot = actor.getSnapshot();
		expect(snapshot.matches('summary')).toBe(true);
		expect(stats.calls).toEqual([]);
		expect(totalScore(snapshot.context)).toBe(0);
		expect(Object.values(snapshot.context.progress).every((p) => p.resolved)).toBe(true);
	});

	it('is accepted from the invalid state too', async () => {
		const actor = assessing();
		actor.send(record(singleChoice, correctResponse(singleChoice)));
		actor.send(record(trueFalse, unansweredResponse(trueFalse)));
		expect(actor.getSnapshot().can({ type: 'quiz.submit' })).toBe(true);

		await settle(actor, { type: 'quiz.submit' });

		expect(actor.getSnapshot().matches('summary')).toBe(true);
		expect(totalScore(actor.getSnapshot().context)).toBe(1);
	});

	it('takes no other event while submitting', () => {
		const actor = assessing();
		actor.send(record(singleChoice, correctResponse(singleChoice)));
		actor.send({ type: 'quiz.submit' });
		const snapshot = actor.getSnapshot();
		expect(snapshot.matches('submitting')).toBe(true);

		for (const event of [
			...assessmentEvents,
			...practiceEvents,
			{ type: 'question.next' } as const
		]) {
			expect(snapshot.can(event), event.type).toBe(false);
		}
	});

	it('returns to assessing.gradingFailed with nothing resolved when the grader fails partway', async () => {
		const { grader, stats } = countingGrader(
			fourTypes,
			(input) => input.questionId === trueFalse.id
		);
		const actor = assessing(fourTypes, { grader });
		actor.send(record(singleChoice, correctResponse(singleChoice)));
		actor.send(record(trueFalse, correctResponse(trueFalse)));
		actor.send(record(shortAnswer, correctResponse(shortAnswer)));
		actor.send({ type: 'question.goto', index: 2 });
		const before = actor.getSnapshot().context;

		await settle(actor, { type: 'quiz.submit', reason: 'due' });

		const snapshot = actor.getSnapshot();
		expect(stats.calls.map((c) => c.questionId)).toEqual([singleChoice.id, trueFalse.id]);
		expect(snapshot.matches({ assessing: 'gradingFailed' })).toBe(true);
		expect(snapshot.hasTag('error')).toBe(true);
		expect(snapshot.hasTag('busy')).toBe(false);
		// As it was before quiz.submit: the first grade is not kept, nothing is resolved.
		expect(snapshot.context).toEqual(before);
		expect(snapshot.context.submittedReason).toBeNull();
		expect(snapshot.context.pendingGrades).toEqual({});
		expect(totalScore(snapshot.context)).toBe(0);
	});

	it('can be submitted again after a failure, and then grades everything afresh', async () => {
		let down = true;
		const { grader, stats } = countingGrader(fourTypes, () => down);
		const actor = assessing(fourTypes, { grader });
		actor.send(record(singleChoice, correctResponse(singleChoice)));
		actor.send(record(trueFalse, correctResponse(trueFalse)));
		await settle(actor, { type: 'quiz.submit' });
		expect(actor.getSnapshot().hasTag('error')).toBe(true);

		// Still answerable while the grader is down; recording leaves the error behind.
		actor.send(record(shortAnswer, correctResponse(shortAnswer)));
		expect(actor.getSnapshot().matches({ assessing: 'ready' })).toBe(true);
		down = false;
		await settle(actor, { type: 'quiz.submit', reason: 'time-up' });

		const { context } = actor.getSnapshot();
		expect(actor.getSnapshot().matches('summary')).toBe(true);
		expect(context.submittedReason).toBe('time-up');
		expect(totalScore(context)).toBe(3);
		expect(stats.calls.map((c) => c.questionId)).toEqual([
			singleChoice.id,
			singleChoice.id,
			trueFalse.id,
			shortAnswer.id
		]);
	});

	it('ends the assessment: the summary takes no event at all', async () => {
		const actor = assessing();
		await settle(actor, { type: 'quiz.submit' });

		const snapshot = actor.getSnapshot();
		for (const event of [
			...assessmentEvents,
			...practiceEvents,
			{ type: 'question.next' } as const
		]) {
			expect(snapshot.can(event), event.type).toBe(false);
		}
	});
});

describe('modes refuse each other’s events', () => {
	it('assessment mode refuses answer.submit, hint.request, answer.retry and answer.reveal', async () => {
		const { grader, stats } = countingGrader(fourTypes);
		const actor = assessing(fourTypes, { grader });
		for (const at of ['ready', 'invalid'] as const) {
			if (at === 'invalid') actor.send(record(singleChoice, unansweredResponse(singleChoice)));
			const snapshot = actor.getSnapshot();
			expect(snapshot.matches({ assessing: at })).toBe(true);
			for (const event of practiceEvents) {
				expect(snapshot.can(event), `${event.type} in ${at}`).toBe(false);
				await settle(actor, event);
				expect(actor.getSnapshot().context).toEqual(snapshot.context);
			}
		}
		expect(stats.calls).toEqual([]);
	});

	it('practice mode refuses every assessment event, in answering, feedback and summary', async () => {
		const actor = practising([singleChoice, trueFalse]);
		const refusesAll = (where: string) => {
			const snapshot = actor.getSnapshot();
			for (const event of assessmentEvents) {
				expect(snapshot.can(event), `${event.type} in ${where}`).toBe(false);
				// A finished actor takes no events at all (and warns when sent one).
				if (snapshot.status === 'done') continue;
				actor.send(event);
				expect(actor.getSnapshot().context, `${event.type} in ${where}`).toEqual(snapshot.context);
			}
		};
		refusesAll('answering');
		await submit(actor, wrongResponse(singleChoice));
		expect(actor.getSnapshot().matches({ feedback: 'retry' })).toBe(true);
		refusesAll('feedback');
		actor.send({ type: 'question.next' });
		expect(actor.getSnapshot().context.index).toBe(1);
		refusesAll('answering, second question');
		await submit(actor, correctResponse(trueFalse));
		actor.send({ type: 'question.next' });
		expect(actor.getSnapshot().matches('summary')).toBe(true);
		refusesAll('summary');
		// Nothing was ever recorded.
		for (const p of Object.values(actor.getSnapshot().context.progress)) {
			expect(p.response).toBeNull();
		}
		expect(actor.getSnapshot().context.submittedReason).toBeNull();
	});

	it('practice answering still refuses question.next before the question is answered', () => {
		expect(practising().getSnapshot().can({ type: 'question.next' })).toBe(false);
	});
});

describe('assessmentView', () => {
	const REVEAL_NOTHING = { score: false, answers: false };
	const REVEAL_ALL = { score: true, answers: true };

	it('shows the intro with the number of questions and the most it can earn', () => {
		const actor = startQuiz(fourTypes, { settings: { mode: 'assessment' } });

		expect(assessmentView(actor.getSnapshot(), 4, REVEAL_ALL)).toEqual({
			status: 'intro',
			seq: 4,
			total: 4,
			maxScore: 4
		});
	});

	it('shows the current question, its recorded answer in words, and which questions are answered', () => {
		const actor = assessing(fourTypes, { settings: { shuffleChoices: false } });
		actor.send(record(multipleChoice, { type: 'multiple-choice', choices: ['d', 'b'] }));
		actor.send(record(shortAnswer, correctResponse(shortAnswer)));
		actor.send({ type: 'question.goto', index: 1 });

		const view = assessmentView(actor.getSnapshot(), 7, REVEAL_ALL);

		expect(view).toEqual({
			status: 'assessing',
			seq: 7,
			number: 2,
			total: 4,
			question: actor.getSnapshot().context.questions[1],
			response: { type: 'multiple-choice', choices: ['b', 'd'] },
			yourAnswer: [
				'Of Kazakhstan’s empathy for non-Kazakh Muslims',
				'Of Astana’s ability to budge Beijing'
			],
			answered: 2,
			questions: [
				{ number: 1, id: singleChoice.id, answered: false },
				{ number: 2, id: multipleChoice.id, answered: true },
				{ number: 3, id: trueFalse.id, answered: false },
				{ number: 4, id: shortAnswer.id, answered: true }
			],
			invalid: null,
			gradingFailed: false
		});
	});

	it('shows an unanswered question with no response, and the invalid reason while it stands', () => {
		const actor = assessing();
		actor.send(record(singleChoice, unansweredResponse(singleChoice)));

		expect(assessmentView(actor.getSnapshot(), 0, REVEAL_ALL)).toMatchObject({
			status: 'assessing',
			response: null,
			yourAnswer: [],
			answered: 0,
			invalid: 'unanswered'
		});
	});

	it('shows a failed submission as gradingFailed, with nothing graded', async () => {
		const { grader } = countingGrader(fourTypes, () => true);
		const actor = assessing(fourTypes, { grader });
		actor.send(record(singleChoice, correctResponse(singleChoice)));
		await settle(actor, { type: 'quiz.submit' });

		expect(assessmentView(actor.getSnapshot(), 0, REVEAL_ALL)).toMatchObject({
			status: 'assessing',
			gradingFailed: true,
			invalid: null,
			answered: 1
		});
	});

	/** A submitted assessment: first question right, second half right, third wrong, fourth blank. */
	async function submitted() {
		const actor = assessing();
		actor.send(record(singleChoice, correctResponse(singleChoice)));
		actor.send(record(multipleChoice, { type: 'multiple-choice', choices: ['b'] }));
		actor.send(record(trueFalse, wrongResponse(trueFalse)));
		await settle(actor, { type: 'quiz.submit', reason: 'time-up' });
		return actor.getSnapshot();
	}

	it('shows everything once the reveal rule allows the score and the answers', async () => {
		const view = assessmentView(await submitted(), 9, REVEAL_ALL);

		if (view.status !== 'submitted') throw new Error(`expected submitted, got ${view.status}`);
		expect(view).toMatchObject({
			seq: 9,
			total: 4,
			answered: 3,
			reason: 'time-up',
			score: 1.5,
			maxScore: 4
		});
		expect(view.questions[0]).toEqual({
			id: singleChoice.id,
			number: 1,
			prompt: singleChoice.prompt,
			skill: singleChoice.skill,
			yourAnswer: ['The Associated Press'],
			points: 1,
			credit: 1,
			correct: true,
			answer: answerInWords(singleChoice),
			explanation: singleChoice.explanation,
			cites: singleChoice.cites,
			rationales: []
		});
		expect(view.questions[1]).toMatchObject({ credit: 0.5, correct: false });
		expect(view.questions[2]).toMatchObject({
			yourAnswer: ['Not stated'],
			credit: 0,
			correct: false,
			answer: ['False'],
			explanation: trueFalse.explanation
		});
		// Never graded, so the machine holds none of its key.
		expect(view.questions[3]).toEqual({
			id: shortAnswer.id,
			number: 4,
			prompt: shortAnswer.prompt,
			skill: shortAnswer.skill,
			yourAnswer: [],
			points: 1,
			credit: 0,
			correct: false
		});
	});

	it('shows the wrong choices’ rationales with the answers', async () => {
		const actor = assessing();
		actor.send(record(singleChoice, { type: 'single-choice', choice: 'a' }));
		await settle(actor, { type: 'quiz.submit' });

		const view = assessmentView(actor.getSnapshot(), 0, { score: false, answers: true });

		if (view.status !== 'submitted') throw new Error(`expected submitted, got ${view.status}`);
		expect(view.questions[0]!.rationales).toEqual([singleChoice.choices[0]!.rationale]);
	});

	it('shows the score but not the answers when only the score is revealed', async () => {
		const view = assessmentView(await submitted(), 0, { score: true, answers: false });

		expect(view).toMatchObject({ status: 'submitted', score: 1.5, maxScore: 4 });
		if (view.status !== 'submitted') throw new Error('expected submitted');
		for (const item of view.questions) {
			expect(item).toHaveProperty('credit');
			expect(item).toHaveProperty('correct');
			for (const key of ['answer', 'explanation', 'cites', 'rationales']) {
				expect(item, key).not.toHaveProperty(key);
			}
		}
	});

	it('shows the answers but not the score when only the answers are revealed', async () => {
		const view = assessmentView(await submitted(), 0, { score: false, answers: true });

		if (view.status !== 'submitted') throw new Error('expected submitted');
		expect(view).not.toHaveProperty('score');
		expect(view).not.toHaveProperty('maxScore');
		expect(view.questions[0]).toMatchObject({ explanation: singleChoice.explanation });
		for (const item of view.questions) {
			expect(item).not.toHaveProperty('credit');
			expect(item).not.toHaveProperty('correct');
		}
	});

	it('shows only the learner’s own answers when nothing is revealed', async () => {
		const view = assessmentView(await submitted(), 0, REVEAL_NOTHING);

		expect(view).toEqual({
			status: 'submitted',
			seq: 0,
			total: 4,
			answered: 3,
			reason: 'time-up',
			questions: [
				{
					id: singleChoice.id,
					number: 1,
					prompt: singleChoice.prompt,
					skill: singleChoice.skill,
					yourAnswer: ['The Associated Press'],
					points: 1
				},
				{
					id: multipleChoice.id,
					number: 2,
					prompt: multipleChoice.prompt,
					skill: multipleChoice.skill,
					yourAnswer: ['Of Kazakhstan’s empathy for non-Kazakh Muslims'],
					points: 1
				},
				{
					id: trueFalse.id,
					number: 3,
					prompt: trueFalse.prompt,
					skill: trueFalse.skill,
					yourAnswer: ['Not stated'],
					points: 1
				},
				{
					id: shortAnswer.id,
					number: 4,
					prompt: shortAnswer.prompt,
					skill: shortAnswer.skill,
					yourAnswer: [],
					points: 1
				}
			]
		});
	});
});

describe('attemptProgress', () => {
	it('follows a practice attempt: answered counts resolved questions', async () => {
		const actor = startQuiz([singleChoice, trueFalse]);
		expect(attemptProgress(actor.getSnapshot())).toEqual({
			started: false,
			answered: 0,
			total: 2,
			finished: false,
			score: 0,
			maxScore: 2
		});

		actor.send({ type: 'quiz.start' });
		await submit(actor, wrongResponse(singleChoice));
		// Tried but not resolved: a retry is still open.
		expect(attemptProgress(actor.getSnapshot())).toMatchObject({ started: true, answered: 0 });
		actor.send({ type: 'answer.retry' });
		await submit(actor, correctResponse(singleChoice));
		expect(attemptProgress(actor.getSnapshot())).toMatchObject({ answered: 1, score: 0.75 });
		actor.send({ type: 'question.next' });
		await submit(actor, correctResponse(trueFalse));
		actor.send({ type: 'question.next' });

		expect(attemptProgress(actor.getSnapshot())).toEqual({
			started: true,
			answered: 2,
			total: 2,
			finished: true,
			score: 1.75,
			maxScore: 2
		});
	});

	it('follows an assessment: answered counts recorded answers, before and after submission', async () => {
		const actor = startQuiz(fourTypes, { settings: { mode: 'assessment' } });
		expect(attemptProgress(actor.getSnapshot())).toMatchObject({ started: false, answered: 0 });

		actor.send({ type: 'quiz.start' });
		actor.send(record(trueFalse, correctResponse(trueFalse)));
		actor.send(record(singleChoice, wrongResponse(singleChoice)));
		actor.send(record(shortAnswer, correctResponse(shortAnswer)));
		actor.send({ type: 'answer.clear', questionId: shortAnswer.id });
		expect(attemptProgress(actor.getSnapshot())).toEqual({
			started: true,
			answered: 2,
			total: 4,
			finished: false,
			score: 0,
			maxScore: 4
		});

		await settle(actor, { type: 'quiz.submit' });

		expect(attemptProgress(actor.getSnapshot())).toEqual({
			started: true,
			answered: 2,
			total: 4,
			finished: true,
			score: 1,
			maxScore: 4
		});
	});
});

describe('practice mode is unchanged', () => {
	it('still shows its intro, now with the mode among the settings', () => {
		const view = quizView(startQuiz(fourTypes).getSnapshot(), 0, hintsFrom(fourTypes));
		expect(view).toMatchObject({ status: 'intro', settings: { ...DEFAULT_SETTINGS } });
	});

	it('never records a response in progress, however it is played', async () => {
		const actor = practising([singleChoice]);
		await submit(actor, correctResponse(singleChoice));
		actor.send({ type: 'question.next' });

		const progress = progressOf(actor.getSnapshot().context, singleChoice);
		expect(progress.response).toBeNull();
		expect(progress.tries).toHaveLength(1);
	});
});
