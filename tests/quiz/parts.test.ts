/**
 * Partial feedback: how much of a matching, ordering or multiple-choice answer is right. The
 * grader says how many parts are right and which; the practice view passes on the counts after
 * any try but which parts only once the question is resolved, and an assessment view passes on
 * nothing of it until the reveal rule allows the answers.
 */
import { describe, expect, it } from 'vitest';
import { grade } from '../../src/lib/quiz/grade.ts';
import { markInWords, partsInWords } from '../../src/lib/quiz/partsWords.ts';
import type { Question, Response } from '../../src/lib/quiz/questions.ts';
import { assessmentView, quizView } from '../../src/lib/quiz/view.ts';
import {
	correctResponse,
	eightTypes,
	fixtureParagraphs,
	hintsFrom,
	matching,
	multipleChoice,
	ordering,
	settle,
	startQuiz,
	submit,
	wrongResponse
} from './fixtures.ts';

/** AP right; Chinese authorities and RFA swapped: 1 of 3 matches right. */
const oneMatchRight: Response = {
	type: 'matching',
	matches: {
		'associated-press': 'broke-the-news',
		'chinese-authorities': 'counted-citizens',
		'radio-free-asia': 'counted-in-china'
	}
};
/** Swapped the other way round: also 1 of 3, but a different one right. */
const anotherMatchRight: Response = {
	type: 'matching',
	matches: {
		'associated-press': 'counted-in-china',
		'chinese-authorities': 'broke-the-news',
		'radio-free-asia': 'counted-citizens'
	}
};
/** Independence → RFA is the one right neighbouring pair of three. */
const onePairRight: Response = {
	type: 'ordering',
	order: ['independence', 'rfa-report', 'ministry-confirms', 'chinese-count']
};
const anotherPairRight: Response = {
	type: 'ordering',
	order: ['rfa-report', 'independence', 'chinese-count', 'ministry-confirms']
};
/** One right choice (b) and one wrong (a); d is missing. */
const oneMissingOneExtra: Response = { type: 'multiple-choice', choices: ['a', 'b'] };

const gradeOf = (q: Question, r: Response) => grade(q, r, fixtureParagraphs);

describe('the grader says how much is right', () => {
	it('matching: items matched right, and which', () => {
		expect(gradeOf(matching, oneMatchRight).parts).toEqual({
			kind: 'matching',
			right: 1,
			of: 3,
			marks: { 'associated-press': true, 'chinese-authorities': false, 'radio-free-asia': false }
		});
	});

	it('ordering: neighbouring pairs right (the score’s own measure), and the items in them', () => {
		const g = gradeOf(ordering, onePairRight);
		expect(g.parts).toEqual({
			kind: 'ordering',
			right: 1,
			of: 3,
			marks: {
				independence: true,
				'rfa-report': true,
				'chinese-count': false,
				'ministry-confirms': false
			}
		});
		// The count is what the score is made of.
		expect(g.earned).toBeCloseTo(1 / 3, 4);
		expect(gradeOf(ordering, wrongResponse(ordering)).parts).toMatchObject({ right: 0, of: 3 });
	});

	it('multiple choice: right choices missing and wrong choices picked', () => {
		expect(gradeOf(multipleChoice, oneMissingOneExtra).parts).toEqual({
			kind: 'multiple-choice',
			missing: 1,
			extra: 1
		});
		expect(
			gradeOf(multipleChoice, { type: 'multiple-choice', choices: ['b'] }).parts
		).toMatchObject({ missing: 1, extra: 0 });
	});

	it('says nothing of parts for the types scored all or nothing', () => {
		for (const q of eightTypes.filter(
			(q) => !['matching', 'ordering', 'multiple-choice'].includes(q.type)
		)) {
			expect(gradeOf(q, wrongResponse(q)).parts, q.type).toBeUndefined();
		}
	});
});

/** Practice: the feedback view after a first try (tries left) and after the last one. */
async function feedbackAfter(q: Question, response: Response, tries: 1 | 2) {
	const actor = startQuiz([q], { settings: { shuffleChoices: false } });
	actor.send({ type: 'quiz.start' });
	await submit(actor, response);
	if (tries === 2) {
		await settle(actor, { type: 'answer.retry' });
		await submit(actor, response);
	}
	const view = quizView(actor.getSnapshot(), 0, hintsFrom([q]));
	if (view.status !== 'feedback') throw new Error(`expected feedback, got ${view.status}`);
	return view;
}

describe('practice feedback', () => {
	it.each([
		['matching', matching, oneMatchRight, anotherMatchRight],
		['ordering', ordering, onePairRight, anotherPairRight]
	] as const)(
		'%s, tries left: how many are right, never which (two answers with as many right look alike)',
		async (_type, q, one, another) => {
			const a = await feedbackAfter(q, one, 1);
			const b = await feedbackAfter(q, another, 1);
			expect(a.result).toBe('retry');
			expect(a.parts).toEqual({ kind: q.type, right: 1, of: 3 });
			expect(b.parts).toEqual(a.parts);
			expect(JSON.stringify(a)).not.toContain('marks');
			expect(a.answer).toBeUndefined();
		}
	);

	it('matching, last try: each line of "Your answer" marked right or not', async () => {
		const view = await feedbackAfter(matching, oneMatchRight, 2);
		expect(view.result).toBe('exhausted');
		expect(view.yourAnswer).toEqual([
			'The Associated Press → First published the news of the 2,000',
			'Chinese authorities → Counted 200,000 new Kazakh citizens from China',
			'Radio Free Asia → Counted 1.46 million ethnic Kazakhs in China'
		]);
		expect(view.parts).toEqual({ kind: 'matching', right: 1, of: 3, marks: [true, false, false] });
	});

	it('ordering, last try: each item marked by whether it is in a right neighbouring pair', async () => {
		const view = await feedbackAfter(ordering, onePairRight, 2);
		expect(view.yourAnswer[0]).toBe('1. Kazakhstan becomes independent');
		expect(view.parts).toEqual({
			kind: 'ordering',
			right: 1,
			of: 3,
			marks: [true, true, false, false]
		});
	});

	it('multiple choice: the counts after any try, and no more than the counts', async () => {
		const first = await feedbackAfter(multipleChoice, oneMissingOneExtra, 1);
		expect(first.parts).toEqual({ kind: 'multiple-choice', missing: 1, extra: 1 });
		// The rationales that would name the wrong pick still wait for the question's end.
		expect(first.rationales).toEqual([]);
		const last = await feedbackAfter(multipleChoice, oneMissingOneExtra, 2);
		expect(last.parts).toEqual({ kind: 'multiple-choice', missing: 1, extra: 1 });
	});

	it('says nothing of parts after a right answer', async () => {
		for (const q of [matching, ordering, multipleChoice]) {
			expect((await feedbackAfter(q, correctResponse(q), 1)).parts).toBeUndefined();
		}
	});
});

describe('assessment', () => {
	async function submitted(reveal: { score: boolean; answers: boolean }) {
		const actor = startQuiz([matching, ordering, multipleChoice], {
			settings: { mode: 'assessment', shuffleChoices: false }
		});
		actor.send({ type: 'quiz.start' });
		for (const [q, r] of [
			[matching, oneMatchRight],
			[ordering, onePairRight],
			[multipleChoice, oneMissingOneExtra]
		] as const) {
			actor.send({ type: 'answer.record', questionId: q.id, response: r });
		}
		const taking = assessmentView(actor.getSnapshot(), 0, { score: true, answers: true });
		await settle(actor, { type: 'quiz.submit' });
		return { taking, done: assessmentView(actor.getSnapshot(), 0, reveal) };
	}

	it('carries nothing of the parts while it is taken, nor after until the answers are revealed', async () => {
		for (const reveal of [
			{ score: false, answers: false },
			{ score: true, answers: false }
		]) {
			const { taking, done } = await submitted(reveal);
			expect(JSON.stringify(taking)).not.toMatch(/"parts"|"marks"/);
			expect(JSON.stringify(done)).not.toMatch(/"parts"|"marks"/);
		}
	});

	it('shows how much of each answer is right, and which, once the answers are revealed', async () => {
		const { done } = await submitted({ score: true, answers: true });
		if (done.status !== 'submitted') throw new Error(done.status);
		expect(done.questions.map((q) => q.parts)).toEqual([
			{ kind: 'matching', right: 1, of: 3, marks: [true, false, false] },
			{ kind: 'ordering', right: 1, of: 3, marks: [true, true, false, false] },
			{ kind: 'multiple-choice', missing: 1, extra: 1 }
		]);
	});
});

describe('partial feedback in words', () => {
	it.each([
		[{ kind: 'matching', right: 2, of: 4 }, '2 of 4 matches are right.'],
		[{ kind: 'matching', right: 1, of: 3 }, '1 of 3 matches is right.'],
		[{ kind: 'ordering', right: 0, of: 3 }, '0 of 3 neighbouring pairs are in the right order.'],
		[{ kind: 'ordering', right: 1, of: 3 }, '1 of 3 neighbouring pairs is in the right order.'],
		[
			{ kind: 'multiple-choice', missing: 1, extra: 1 },
			'1 right choice missing, 1 wrong choice picked.'
		],
		[{ kind: 'multiple-choice', missing: 2, extra: 0 }, '2 right choices missing.'],
		[{ kind: 'multiple-choice', missing: 0, extra: 3 }, '3 wrong choices picked.']
	] as const)('%o → %s', (parts, words) => {
		expect(partsInWords(parts)).toBe(words);
	});

	it('words each mark, so right and wrong never rest on a symbol or colour alone', () => {
		expect(markInWords('matching', true)).toBe('right');
		expect(markInWords('matching', false)).toBe('not right');
		expect(markInWords('ordering', true)).toBe('next to the right item');
		expect(markInWords('ordering', false)).toBe('not next to the right item');
	});
});
