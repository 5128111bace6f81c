import { describe, expect, it } from 'vitest';
import type { Grade } from '../../src/lib/quiz/grade.ts';
import { waitFor } from 'xstate';
import {
	answerInWords,
	toPublic,
	type PublicQuestion,
	type Question,
	type Response
} from '../../src/lib/quiz/questions.ts';
import {
	DEFAULT_SETTINGS,
	maxScore,
	totalScore,
	type QuizContext
} from '../../src/lib/quiz/quizMachine.ts';
import { quizView } from '../../src/lib/quiz/view.ts';
import {
	correctResponse,
	eightTypes,
	evidenceParagraph,
	evidenceSentence,
	fixtureParagraphs,
	fourTypes,
	hintsFrom,
	matching,
	multipleChoice,
	ordering,
	realGrader,
	shortAnswer,
	singleChoice,
	sixQuestions,
	startQuiz,
	submit,
	trueFalse,
	twoPart,
	unansweredResponse,
	wrongResponse,
	type QuizOptions
} from './fixtures.ts';

/** A started quiz, already past the intro. */
function answering(questions: Question[] = fourTypes, options?: QuizOptions) {
	const actor = startQuiz(questions, options);
	actor.send({ type: 'quiz.start' });
	return actor;
}

const progressOf = (context: QuizContext, question: Question) => context.progress[question.id]!;

describe('quizMachine', () => {
	it('starts in intro and moves to answering on quiz.start', () => {
		const actor = startQuiz(fourTypes);
		expect(actor.getSnapshot().matches('intro')).toBe(true);

		actor.send({ type: 'quiz.start' });

		expect(actor.getSnapshot().matches({ answering: 'ready' })).toBe(true);
	});

	it('keeps an invalid response in answering, tagged invalid, and records no try', async () => {
		const actor = answering();

		await submit(actor, unansweredResponse(singleChoice));

		const snapshot = actor.getSnapshot();
		expect(snapshot.matches({ answering: 'invalid' })).toBe(true);
		expect(snapshot.hasTag('invalid')).toBe(true);
		expect(snapshot.context.invalidReason).toBe('unanswered');
		expect(progressOf(snapshot.context, singleChoice).tries).toEqual([]);
	});

	it('refuses a response of another question type as wrong-type', async () => {
		const actor = answering();

		await submit(actor, correctResponse(shortAnswer));

		expect(actor.getSnapshot().context.invalidReason).toBe('wrong-type');
		expect(progressOf(actor.getSnapshot().context, singleChoice).tries).toEqual([]);
	});

	it('clears the invalid reason once a valid response is submitted', async () => {
		const actor = answering();
		await submit(actor, unansweredResponse(singleChoice));

		await submit(actor, wrongResponse(singleChoice));

		expect(actor.getSnapshot().context.invalidReason).toBeNull();
		expect(actor.getSnapshot().hasTag('invalid')).toBe(false);
	});

	it('shows a correct answer as feedback.correct, tagged resolved, with full credit', async () => {
		const actor = answering();

		await submit(actor, correctResponse(singleChoice));

		const snapshot = actor.getSnapshot();
		expect(snapshot.matches({ feedback: 'correct' })).toBe(true);
		expect(snapshot.hasTag('resolved')).toBe(true);
		expect(progressOf(snapshot.context, singleChoice)).toMatchObject({
			resolved: true,
			credit: 1
		});
		expect(progressOf(snapshot.context, singleChoice).tries).toHaveLength(1);
	});

	it('offers a retry after a wrong answer, exhausts the tries after a second, then reveals', async () => {
		const actor = answering();

		await submit(actor, wrongResponse(singleChoice));
		expect(actor.getSnapshot().matches({ feedback: 'retry' })).toBe(true);
		expect(actor.getSnapshot().hasTag('resolved')).toBe(false);

		actor.send({ type: 'answer.retry' });
		expect(actor.getSnapshot().matches({ answering: 'ready' })).toBe(true);

		await submit(actor, wrongResponse(singleChoice));
		expect(actor.getSnapshot().matches({ feedback: 'exhausted' })).toBe(true);
		expect(actor.getSnapshot().hasTag('resolved')).toBe(true);
		expect(progressOf(actor.getSnapshot().context, singleChoice)).toMatchObject({
			resolved: true,
			revealed: false,
			credit: 0
		});

		actor.send({ type: 'answer.reveal' });
		expect(actor.getSnapshot().matches({ feedback: 'revealed' })).toBe(true);
		expect(progressOf(actor.getSnapshot().context, singleChoice).revealed).toBe(true);
	});

	it('does not allow answer.reveal while a retry is possible', async () => {
		const actor = answering();
		await submit(actor, wrongResponse(singleChoice));

		expect(actor.getSnapshot().can({ type: 'answer.reveal' })).toBe(false);
		actor.send({ type: 'answer.reveal' });

		expect(actor.getSnapshot().matches({ feedback: 'retry' })).toBe(true);
		expect(progressOf(actor.getSnapshot().context, singleChoice).revealed).toBe(false);
	});

	it('treats a partly right multiple-choice answer as a try to improve on', async () => {
		const actor = answering([multipleChoice]);

		await submit(actor, { type: 'multiple-choice', choices: ['b'] });

		expect(actor.getSnapshot().matches({ feedback: 'retry' })).toBe(true);
		expect(progressOf(actor.getSnapshot().context, multipleChoice).tries[0]!.grade).toMatchObject({
			outcome: 'partial',
			earned: 0.5
		});
	});

	it('gives hints up to the question’s hint count, then refuses more', () => {
		const actor = answering([multipleChoice]);

		actor.send({ type: 'hint.request' });
		actor.send({ type: 'hint.request' });
		expect(progressOf(actor.getSnapshot().context, multipleChoice).hintsUsed).toBe(2);
		expect(actor.getSnapshot().can({ type: 'hint.request' })).toBe(false);

		actor.send({ type: 'hint.request' });
		expect(progressOf(actor.getSnapshot().context, multipleChoice).hintsUsed).toBe(2);
	});

	it('refuses hint.request for a question with no hints', () => {
		const actor = answering([trueFalse]);

		expect(actor.getSnapshot().can({ type: 'hint.request' })).toBe(false);
	});

	it('ignores a second submission while the first is being graded', async () => {
		const actor = answering();

		actor.send({ type: 'answer.submit', response: wrongResponse(singleChoice) });
		actor.send({ type: 'answer.submit', response: correctResponse(singleChoice) });
		await waitFor(actor, (s) => !s.hasTag('busy'));

		expect(actor.getSnapshot().matches({ feedback: 'retry' })).toBe(true);
		expect(progressOf(actor.getSnapshot().context, singleChoice).tries).toHaveLength(1);
	});

	describe('credit', () => {
		it('costs hintCost for a hint on a correct first try', async () => {
			const actor = answering();
			actor.send({ type: 'hint.request' });

			await submit(actor, correctResponse(singleChoice));

			expect(progressOf(actor.getSnapshot().context, singleChoice).credit).toBe(0.75);
		});

		it('gives half the points for a correct second try with one hint, at the defaults', async () => {
			expect(DEFAULT_SETTINGS).toMatchObject({ hintCost: 0.25, retryPenalty: 0.25 });
			const actor = answering();
			await submit(actor, wrongResponse(singleChoice));
			actor.send({ type: 'answer.retry' });
			actor.send({ type: 'hint.request' });

			await submit(actor, correctResponse(singleChoice));

			expect(actor.getSnapshot().matches({ feedback: 'correct' })).toBe(true);
			expect(progressOf(actor.getSnapshot().context, singleChoice).credit).toBe(0.5);
		});

		it('scales the penalties to the question’s points and the settings', async () => {
			const twoPoints = { ...singleChoice, points: 2 };
			const actor = answering([twoPoints], {
				settings: { maxTries: 3, hintCost: 0.1, retryPenalty: 0.2 }
			});
			actor.send({ type: 'hint.request' });
			await submit(actor, wrongResponse(twoPoints));
			actor.send({ type: 'answer.retry' });
			await submit(actor, wrongResponse(twoPoints));
			actor.send({ type: 'answer.retry' });

			await submit(actor, correctResponse(twoPoints));

			// 2 × (1 − 0.1 × 1 − 0.2 × 2)
			expect(progressOf(actor.getSnapshot().context, twoPoints).credit).toBe(1);
		});

		it('never lets penalties take credit below zero', async () => {
			const actor = answering([multipleChoice], { settings: { hintCost: 0.5 } });
			actor.send({ type: 'hint.request' });
			actor.send({ type: 'hint.request' });
			await submit(actor, wrongResponse(multipleChoice));
			actor.send({ type: 'answer.retry' });

			await submit(actor, correctResponse(multipleChoice));

			expect(progressOf(actor.getSnapshot().context, multipleChoice).credit).toBe(0);
		});

		it('resolves a question left from a retry with its last try’s credit', async () => {
			const actor = answering([multipleChoice, trueFalse]);
			await submit(actor, { type: 'multiple-choice', choices: ['b'] });

			actor.send({ type: 'question.next' });

			expect(progressOf(actor.getSnapshot().context, multipleChoice)).toMatchObject({
				resolved: true,
				credit: 0.5
			});
			expect(actor.getSnapshot().context.index).toBe(1);
		});
	});

	it('goes to the summary, a final state, on question.next from the last question', async () => {
		const actor = answering([singleChoice, trueFalse]);
		await submit(actor, correctResponse(singleChoice));
		actor.send({ type: 'question.next' });
		expect(actor.getSnapshot().matches({ answering: 'ready' })).toBe(true);
		await submit(actor, correctResponse(trueFalse));

		actor.send({ type: 'question.next' });

		const snapshot = actor.getSnapshot();
		expect(snapshot.matches('summary')).toBe(true);
		expect(snapshot.status).toBe('done');
		expect(totalScore(snapshot.context)).toBe(2);
		expect(maxScore(snapshot.context)).toBe(2);
	});

	it('shows grading that fails as answering.gradingFailed, tagged error, with no try', async () => {
		const actor = answering(fourTypes, {
			grader: async () => {
				throw new Error('the answer key is unavailable');
			}
		});

		await submit(actor, correctResponse(singleChoice));

		const snapshot = actor.getSnapshot();
		expect(snapshot.matches({ answering: 'gradingFailed' })).toBe(true);
		expect(snapshot.hasTag('error')).toBe(true);
		expect(snapshot.context.pending).toBeNull();
		expect(progressOf(snapshot.context, singleChoice).tries).toEqual([]);
	});

	it('lets the learner submit again after grading fails', async () => {
		const grade = realGrader(fourTypes);
		let calls = 0;
		const actor = answering(fourTypes, {
			grader: async (input): Promise<Grade> => {
				if (++calls === 1) throw new Error('try again later');
				return grade(input);
			}
		});
		await submit(actor, correctResponse(singleChoice));

		await submit(actor, correctResponse(singleChoice));

		expect(actor.getSnapshot().matches({ feedback: 'correct' })).toBe(true);
		expect(progressOf(actor.getSnapshot().context, singleChoice).tries).toHaveLength(1);
	});

	it('exhausts a question after one wrong try when maxTries is 1', async () => {
		const actor = answering(fourTypes, { settings: { maxTries: 1 } });

		await submit(actor, wrongResponse(singleChoice));

		expect(actor.getSnapshot().matches({ feedback: 'exhausted' })).toBe(true);
		expect(actor.getSnapshot().can({ type: 'answer.retry' })).toBe(false);
	});

	describe('order', () => {
		const shuffle = { shuffleQuestions: true, shuffleChoices: true };
		const orderOf = (seed: number) => {
			const { questions } = startQuiz(sixQuestions, { seed, settings: shuffle }).getSnapshot()
				.context;
			return questions.map((q) => ({
				id: q.id,
				choices: 'choices' in q ? q.choices.map((c) => c.id) : []
			}));
		};
		const questionIds = (order: ReturnType<typeof orderOf>) => order.map((q) => q.id);
		const choiceIds = (order: ReturnType<typeof orderOf>) =>
			[...order].sort((a, b) => a.id.localeCompare(b.id)).map((q) => q.choices);

		it('asks questions and shows choices in the same order for the same seed', () => {
			expect(orderOf(7)).toEqual(orderOf(7));
		});

		it('asks questions and shows choices in a different order for a different seed', () => {
			expect(questionIds(orderOf(7))).not.toEqual(questionIds(orderOf(8)));
			expect(choiceIds(orderOf(7))).not.toEqual(choiceIds(orderOf(8)));
		});

		it('shuffles the questions themselves, not only their choices', () => {
			const ids = sixQuestions.map((q) => q.id);
			expect([1, 2, 3].some((seed) => questionIds(orderOf(seed)).join() !== ids.join())).toBe(true);
		});

		it('keeps the given order when neither questions nor choices are shuffled', () => {
			const { questions } = startQuiz(sixQuestions, {
				settings: { shuffleQuestions: false, shuffleChoices: false }
			}).getSnapshot().context;
			expect(questions).toEqual(sixQuestions.map((q) => toPublic(q)));
		});
	});
});

describe('quizMachine input handling', () => {
	it('records a response in its checked form: trimmed text, choices in order without repeats', async () => {
		const actor = answering([multipleChoice, shortAnswer], { settings: { shuffleChoices: false } });
		await submit(actor, { type: 'multiple-choice', choices: ['d', 'b', 'd'] });
		expect(progressOf(actor.getSnapshot().context, multipleChoice).tries[0]!.response).toEqual({
			type: 'multiple-choice',
			choices: ['b', 'd']
		});
		actor.send({ type: 'question.next' });
		await submit(actor, { type: 'short-answer', text: '   not the answer  ' });
		expect(progressOf(actor.getSnapshot().context, shortAnswer).tries[0]!.response).toEqual({
			type: 'short-answer',
			text: 'not the answer'
		});
	});

	it('treats a setting given as undefined as the default', () => {
		const actor = startQuiz(fourTypes, { settings: { maxTries: undefined, hintCost: undefined } });
		expect(actor.getSnapshot().context.settings).toEqual(DEFAULT_SETTINGS);
	});
});

describe('quizView', () => {
	const hints = hintsFrom(fourTypes);
	const view = (actor: ReturnType<typeof answering>) => quizView(actor.getSnapshot(), 3, hints);
	const EARNED_KEYS = ['explanation', 'cites', 'answer'];

	it('shows the intro with the number of questions and the most a quiz can earn', () => {
		const actor = startQuiz(fourTypes);

		expect(view(actor)).toMatchObject({ status: 'intro', seq: 3, total: 4, maxScore: 4 });
	});

	it('shows an answering question without its explanation, cites or answer', () => {
		const actor = answering();

		const shown = view(actor);

		expect(shown).toMatchObject({
			status: 'answering',
			number: 1,
			total: 4,
			hints: [],
			hintsLeft: 1,
			tryNumber: 1,
			invalid: null,
			gradingFailed: false
		});
		for (const key of EARNED_KEYS) expect(shown).not.toHaveProperty(key);
		expect(JSON.stringify(shown)).not.toContain(singleChoice.explanation);
	});

	it('shows taken hints, the invalid reason and a failed grading while answering', async () => {
		const actor = answering(fourTypes, {
			grader: async () => {
				throw new Error('down');
			}
		});
		actor.send({ type: 'hint.request' });
		await submit(actor, unansweredResponse(singleChoice));
		expect(view(actor)).toMatchObject({
			hints: singleChoice.hints,
			hintsLeft: 0,
			invalid: 'unanswered',
			gradingFailed: false
		});

		await submit(actor, correctResponse(singleChoice));

		expect(view(actor)).toMatchObject({ invalid: null, gradingFailed: true });
	});

	it('shows a retry with rationales and paragraphs to re-read, but no explanation, cites or answer', async () => {
		const actor = answering();
		await submit(actor, { type: 'single-choice', choice: 'a' });

		const shown = view(actor);

		expect(shown).toMatchObject({
			status: 'feedback',
			result: 'retry',
			outcome: 'incorrect',
			yourAnswer: ['Kazinform'],
			triesLeft: 1,
			rationales: ['Kazinform reported from Xinjiang a day later.'],
			rationalesWithheld: false,
			reread: { kind: 'paragraphs', paragraphs: [{ paragraph: 1, cite: 0 }] }
		});
		for (const key of EARNED_KEYS) expect(shown).not.toHaveProperty(key);
		const json = JSON.stringify(shown);
		expect(json).not.toContain(singleChoice.explanation);
		expect(json).not.toContain(singleChoice.cites[0]!.quote);
	});

	it('lists each re-read paragraph once', async () => {
		const actor = answering([multipleChoice]);
		await submit(actor, wrongResponse(multipleChoice));

		expect(quizView(actor.getSnapshot(), 0, hints)).toMatchObject({
			reread: { kind: 'paragraphs', paragraphs: [{ paragraph: 3, cite: 0 }] }
		});
	});

	it('withholds multiple-choice rationales on a try that is not the last, so ticking every box tells nothing', async () => {
		const actor = answering([multipleChoice]);
		const everyChoice = multipleChoice.choices.map((c) => c.id);
		await submit(actor, { type: 'multiple-choice', choices: everyChoice });
		const retry = quizView(actor.getSnapshot(), 0, hints);
		expect(retry).toMatchObject({ result: 'retry', rationales: [], rationalesWithheld: true });
		for (const c of multipleChoice.choices) {
			if (c.rationale) expect(JSON.stringify(retry)).not.toContain(c.rationale);
		}

		actor.send({ type: 'answer.retry' });
		await submit(actor, { type: 'multiple-choice', choices: everyChoice });
		const last = quizView(actor.getSnapshot(), 0, hints);
		expect(last).toMatchObject({ result: 'exhausted', rationalesWithheld: false });
		expect(last.status === 'feedback' && last.rationales.length).toBeGreaterThan(0);
	});

	it('sends an evidence question back to the range it is chosen from, not its answer', async () => {
		const actor = answering([evidenceParagraph]);
		await submit(actor, wrongResponse(evidenceParagraph));
		const shown = quizView(actor.getSnapshot(), 0, hints);
		const within = evidenceParagraph.within ?? [1, fixtureParagraphs.length];
		expect(shown).toMatchObject({ reread: { kind: 'range', from: within[0], to: within[1] } });
	});

	it('keeps the explanation back when the tries are exhausted, until the answer is revealed', async () => {
		const actor = answering(fourTypes, { settings: { maxTries: 1 } });
		await submit(actor, wrongResponse(singleChoice));
		const exhausted = view(actor);
		expect(exhausted).toMatchObject({ status: 'feedback', result: 'exhausted', earned: 0 });
		for (const key of EARNED_KEYS) expect(exhausted).not.toHaveProperty(key);

		actor.send({ type: 'answer.reveal' });

		expect(view(actor)).toMatchObject({
			status: 'feedback',
			result: 'revealed',
			explanation: singleChoice.explanation,
			cites: singleChoice.cites,
			answer: ['The Associated Press']
		});
	});

	it('shows the explanation, cites and answer after a correct answer', async () => {
		const actor = answering();
		actor.send({ type: 'hint.request' });
		await submit(actor, correctResponse(singleChoice));

		expect(view(actor)).toMatchObject({
			status: 'feedback',
			result: 'correct',
			outcome: 'correct',
			earned: 0.75,
			explanation: singleChoice.explanation,
			cites: singleChoice.cites,
			answer: ['The Associated Press'],
			isLast: false
		});
	});

	it('sums up missed questions with their explanation, and totals per skill', async () => {
		const actor = answering();
		await submit(actor, correctResponse(singleChoice));
		actor.send({ type: 'question.next' });
		await submit(actor, { type: 'multiple-choice', choices: ['b'] });
		actor.send({ type: 'question.next' });
		await submit(actor, wrongResponse(trueFalse));
		actor.send({ type: 'answer.retry' });
		await submit(actor, wrongResponse(trueFalse));
		actor.send({ type: 'question.next' });
		await submit(actor, { type: 'short-answer', text: '2000' });
		expect(view(actor)).toMatchObject({ result: 'correct', isLast: true });
		actor.send({ type: 'question.next' });

		const shown = view(actor);

		if (shown.status !== 'summary') throw new Error(`expected a summary, got ${shown.status}`);
		expect(shown.score).toBe(2.5);
		expect(shown.maxScore).toBe(4);
		expect(shown.questions.filter((q) => q.missed).map((q) => q.id)).toEqual([
			multipleChoice.id,
			trueFalse.id
		]);
		expect(shown.questions.find((q) => q.id === trueFalse.id)).toMatchObject({
			credit: 0,
			tries: 2,
			yourAnswer: ['Not stated'],
			answer: ['False'],
			explanation: trueFalse.explanation,
			cites: trueFalse.cites
		});
		expect(shown.questions.find((q) => q.id === multipleChoice.id)).toMatchObject({
			credit: 0.5,
			explanation: multipleChoice.explanation
		});
		expect(shown.skills).toEqual([
			{ skill: 'sourcing', earned: 1, max: 1, questions: 1 },
			{ skill: 'inference', earned: 0.5, max: 1, questions: 1 },
			{ skill: 'recall', earned: 1, max: 2, questions: 2 }
		]);
	});
});

describe('quizMachine with all eight question types', () => {
	const eightHints = hintsFrom(eightTypes);

	/** Answers the current question, then moves on, until the summary. */
	async function finish(actor: ReturnType<typeof answering>, answer: (q: Question) => Response) {
		const byId = new Map(eightTypes.map((q) => [q.id, q]));
		while (!actor.getSnapshot().matches('summary')) {
			const { context } = actor.getSnapshot();
			await submit(actor, answer(byId.get(context.questions[context.index]!.id)!));
			expect(actor.getSnapshot().matches('feedback')).toBe(true);
			actor.send({ type: 'question.next' });
		}
	}

	it('finishes a quiz answered correctly throughout, graded by the real grader', async () => {
		const actor = answering(eightTypes, { seed: 11 });

		await finish(actor, (q) => correctResponse(q));

		const snapshot = actor.getSnapshot();
		expect(snapshot.status).toBe('done');
		expect(totalScore(snapshot.context)).toBe(8);
		expect(maxScore(snapshot.context)).toBe(8);
		for (const question of eightTypes) {
			expect(progressOf(snapshot.context, question), question.id).toMatchObject({
				resolved: true,
				credit: 1
			});
			expect(progressOf(snapshot.context, question).tries[0]!.grade.outcome).toBe('correct');
		}
		const shown = quizView(snapshot, 0, eightHints);
		if (shown.status !== 'summary') throw new Error(`expected a summary, got ${shown.status}`);
		expect(shown.questions.map((q) => q.id)).toEqual(eightTypes.map((q) => q.id));
		expect(shown.questions.filter((q) => q.missed)).toEqual([]);
		expect(shown.questions.find((q) => q.id === evidenceSentence.id)).toMatchObject({
			yourAnswer: [expect.stringMatching(/^¶4: “According to a 2015 Radio Free Asia .*”$/)],
			answer: answerInWords(evidenceSentence)
		});
		expect(shown.questions.find((q) => q.id === twoPart.id)!.yourAnswer).toEqual(
			answerInWords(twoPart)
		);
	});

	it('finishes a quiz answered wrongly throughout with nothing earned', async () => {
		const actor = answering(eightTypes, { settings: { maxTries: 1 } });

		await finish(actor, (q) => wrongResponse(q));

		expect(totalScore(actor.getSnapshot().context)).toBe(0);
		expect(actor.getSnapshot().status).toBe('done');
	});

	it('keeps partial credit of the new types: 2/3 for an ordering, half for Part A alone', async () => {
		const actor = answering([ordering, matching, twoPart], { settings: { maxTries: 1 } });
		const [a, b, c, d] = ordering.items.map((i) => i.id);

		await submit(actor, { type: 'ordering', order: [d!, a!, b!, c!] });
		expect(actor.getSnapshot().matches({ feedback: 'exhausted' })).toBe(true);
		actor.send({ type: 'question.next' });
		await submit(actor, {
			type: 'matching',
			matches: {
				...(correctResponse(matching) as { matches: Record<string, string> }).matches,
				'radio-free-asia': 'press-tour'
			}
		});
		actor.send({ type: 'question.next' });
		await submit(actor, { type: 'two-part', partA: 'b', partB: 'a' });
		expect(quizView(actor.getSnapshot(), 0, hintsFrom([twoPart]))).toMatchObject({
			status: 'feedback',
			outcome: 'partial',
			earned: 0.5,
			rationales: ['That is a count, not a judgment of the announcement.'],
			yourAnswer: [
				'Part A: Its lobbying worked, but only so far',
				'Part B: approximately 1.46 million ethnic Kazakhs in China'
			]
		});
		actor.send({ type: 'question.next' });

		const { context } = actor.getSnapshot();
		expect(progressOf(context, ordering).credit).toBe(0.6667);
		expect(progressOf(context, matching).credit).toBe(0.6667);
		expect(progressOf(context, twoPart).credit).toBe(0.5);
		expect(totalScore(context)).toBe(1.8334);
	});

	it('refuses an incomplete new-type answer as invalid, without using a try', async () => {
		const actor = answering([matching, twoPart]);

		await submit(actor, { type: 'matching', matches: { 'associated-press': 'broke-the-news' } });
		expect(actor.getSnapshot().context.invalidReason).toBe('incomplete');
		expect(progressOf(actor.getSnapshot().context, matching).tries).toEqual([]);

		await submit(actor, correctResponse(matching));
		actor.send({ type: 'question.next' });
		await submit(actor, { type: 'two-part', partA: 'b', partB: '' });
		expect(actor.getSnapshot().context.invalidReason).toBe('incomplete');
	});

	it('grades an evidence pick against the article the grader was given', async () => {
		const actor = answering([evidenceSentence, evidenceParagraph]);

		await submit(actor, { type: 'evidence', choice: '4.2' });
		expect(actor.getSnapshot().matches({ feedback: 'retry' })).toBe(true);
		actor.send({ type: 'answer.retry' });
		await submit(actor, { type: 'evidence', choice: '4.3' });
		expect(progressOf(actor.getSnapshot().context, evidenceSentence).credit).toBe(0.75);
		actor.send({ type: 'question.next' });
		await submit(actor, { type: 'evidence', choice: '4' });
		expect(actor.getSnapshot().context.invalidReason).toBe('unknown-choice');
	});

	describe('shuffleParts', () => {
		const quiz = [ordering, matching, twoPart, evidenceSentence, singleChoice];
		const shownWith = (seed: number, shuffleChoices = true) =>
			startQuiz(quiz, { seed, settings: { shuffleChoices } }).getSnapshot().context.questions;
		const unshuffled = shownWith(1, false);
		const byType = <T extends PublicQuestion['type']>(questions: PublicQuestion[], type: T) =>
			questions.find((q) => q.type === type) as Extract<PublicQuestion, { type: T }>;
		/** The id lists this test follows: ordering items, matching options, both two-part lists. */
		const lists = (questions: PublicQuestion[]) => {
			const o = byType(questions, 'ordering');
			const m = byType(questions, 'matching');
			const t = byType(questions, 'two-part');
			return {
				orderingItems: o.items.map((i) => i.id),
				matchingOptions: m.options.map((i) => i.id),
				partA: t.choices.map((c) => c.id),
				partB: t.partB.choices.map((c) => c.id)
			};
		};
		const seeds = Array.from({ length: 20 }, (_, i) => i + 1);

		it('shows the same order for the same seed, in any number of quizzes', () => {
			for (const seed of [1, 7, 2024]) expect(shownWith(seed)).toEqual(shownWith(seed));
		});

		it('shuffles ordering items, matching options and both two-part lists under some seed', () => {
			const before = lists(unshuffled);
			const after = seeds.map((seed) => lists(shownWith(seed)));
			for (const key of Object.keys(before) as (keyof typeof before)[]) {
				expect(
					after.some((l) => l[key].join() !== before[key].join()),
					`${key} is shuffled`
				).toBe(true);
				// Different seeds do not all agree either.
				expect(new Set(after.map((l) => l[key].join())).size, key).toBeGreaterThan(1);
			}
		});

		it('only reorders: every list keeps its entries, and the rest of each question stays', () => {
			for (const seed of seeds) {
				const shown = shownWith(seed);
				const after = lists(shown);
				const before = lists(unshuffled);
				for (const key of Object.keys(before) as (keyof typeof before)[]) {
					expect([...after[key]].sort()).toEqual([...before[key]].sort());
				}
				const m = byType(shown, 'matching');
				expect(m.items).toEqual(byType(unshuffled, 'matching').items);
				expect(byType(shown, 'evidence')).toEqual(byType(unshuffled, 'evidence'));
				expect(byType(shown, 'two-part').partB.prompt).toBe(twoPart.partB.prompt);
			}
		});

		it('leaves every list as toPublic gives it when choices are not shuffled', () => {
			expect(unshuffled).toEqual(quiz.map((q) => toPublic(q, fixtureParagraphs)));
		});
	});
});
